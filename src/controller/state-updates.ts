// The CAS loop of every controller write to state znodes (kafka-controller.md §4.2, §5.2), done
// for a whole batch: decide from the cached state, write all decisions in packed fenced multis
// with setData(version = cached zkVersion); partitions whose znode changed meanwhile (a leader
// rewrote its ISR) are re-read and decided again. A successful CAS proves the cache was current.
import type { Op } from '../zk/client.js';
import { encodePartitionState } from '../zk/codecs/partitionState.js';
import { partitionStatePath } from '../zk/paths.js';
import type { LeaderIsr } from './context.js';
import { readStates } from './state-reads.js';
import type { ControllerTerm } from './term.js';

/** `certain`: the decision does not depend on the ISR (leaders change only the ISR), so a
 *  cached state is as good as a fresh one. */
export type Decision = { write: { leader: number; leaderEpoch: number; isr: number[] } } | { skip: true; certain?: boolean } | { fail: string };

export interface StateUpdateItem {
  topic: string;
  partition: number;
  decide(cur: LeaderIsr): Decision;
}

export type StateUpdateResult =
  | { outcome: 'written'; li: LeaderIsr }
  | { outcome: 'skipped'; li: LeaderIsr }
  | { outcome: 'failed'; reason: string };

const MAX_ROUNDS = 10;

export async function updateStates(term: ThisTerm, items: StateUpdateItem[]): Promise<StateUpdateResult[]> {
  const { ctx, zk, writer } = term;
  const results = new Array<StateUpdateResult>(items.length);
  const cur = new Array<LeaderIsr | null | undefined>(items.length);
  // Only a successful CAS proves cached state current: "nothing to do" or "cannot" decided on
  // cached state (a leader may have grown its ISR unnoticed) is decided again on a fresh read.
  const fresh = new Array<boolean>(items.length).fill(false);
  items.forEach((it, i) => {
    const li = ctx.partition(it.topic, it.partition)?.li;
    cur[i] = li;
    fresh[i] = li?.seenInEvent === ctx.eventSeq;
  });
  let todo = items.map((_, i) => i);
  for (let round = 0; todo.length && round < MAX_ROUNDS; round++) {
    const toRead = todo.filter((i) => !cur[i]);
    if (toRead.length) {
      const got = await readStates(zk, toRead.map((i) => items[i]!));
      toRead.forEach((i, k) => {
        cur[i] = got[k] ?? null;
        fresh[i] = true;
        const info = ctx.partition(items[i]!.topic, items[i]!.partition);
        if (info && got[k]) {
          got[k]!.seenInEvent = ctx.eventSeq;
          info.li = got[k]!;
        }
      });
    }
    const reread: number[] = [];
    const writes: number[] = [];
    const groups: Op[][] = [];
    const next: Array<LeaderIsr> = [];
    for (const i of todo) {
      const it = items[i]!;
      const c = cur[i];
      if (!c && !fresh[i]) {
        reread.push(i);
        continue;
      }
      if (!c) {
        results[i] = { outcome: 'failed', reason: `state znode of [${it.topic},${it.partition}] does not exist` };
        continue;
      }
      if (c.controllerEpoch > ctx.epoch && fresh[i]) {
        results[i] = { outcome: 'failed', reason: `[${it.topic},${it.partition}] was written by a newer controller (epoch ${c.controllerEpoch} > ${ctx.epoch})` };
        continue;
      }
      const d = it.decide(c);
      if (!fresh[i] && !('write' in d) && !('skip' in d && d.certain)) {
        cur[i] = undefined;
        reread.push(i);
        continue;
      }
      if ('skip' in d) {
        results[i] = { outcome: 'skipped', li: c };
        continue;
      }
      if ('fail' in d) {
        results[i] = { outcome: 'failed', reason: d.fail };
        continue;
      }
      const w = d.write;
      const li: LeaderIsr = { leader: w.leader, leaderEpoch: w.leaderEpoch, isr: w.isr, controllerEpoch: ctx.epoch, zkVersion: c.zkVersion + 1, seenInEvent: 0 };
      writes.push(i);
      next.push(li);
      groups.push([{ op: 'set', path: partitionStatePath(it.topic, it.partition), data: encodePartitionState(li), version: c.zkVersion }]);
    }
    const retry: number[] = [...reread];
    const outcomes = groups.length ? await writer.runGroups(groups, 'abortChunk') : [];
    outcomes.forEach((o, k) => {
      const i = writes[k]!;
      const it = items[i]!;
      if (o.ok) {
        const li = next[k]!;
        li.zkVersion = o.results[0]!.stat?.version ?? li.zkVersion;
        li.seenInEvent = ctx.eventSeq;
        const info = ctx.partition(it.topic, it.partition);
        if (info) info.li = li;
        results[i] = { outcome: 'written', li };
      } else {
        cur[i] = undefined; // re-read: it changed, vanished, or shared a multi with one that did
        retry.push(i);
      }
    });
    todo = retry;
  }
  for (const i of todo) results[i] ??= { outcome: 'failed', reason: `state of [${items[i]!.topic},${items[i]!.partition}] kept changing` };
  return results;
}

type ThisTerm = Pick<ControllerTerm, 'ctx' | 'zk' | 'writer'>;

export function describeState(li: { leader: number; leaderEpoch: number; isr: number[]; controllerEpoch: number }): string {
  return `(Leader:${li.leader},ISR:${li.isr.join(',')},LeaderEpoch:${li.leaderEpoch},ControllerEpoch:${li.controllerEpoch})`;
}
