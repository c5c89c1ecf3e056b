// /brokers/topics children changed (§7.2): cache and create the new topics' partitions.
import type { TopicPartitionRef } from '../../broker/protocol.js';
import { decodeTopicAssignment } from '../../zk/codecs/topicAssignment.js';
import { BROKER_TOPICS, topicPath } from '../../zk/paths.js';
import { mapLimit } from '../../zk/pipeline.js';
import { onNewPartitionCreation } from '../new-partitions.js';
import { READS_IN_FLIGHT, readState } from '../state-reads.js';
import type { LeaderIsr } from '../context.js';
import type { ControllerTerm } from '../term.js';
import { watchedChildren } from '../watched-children.js';
import { listSummary } from '../change-log.js';
import { onPartitionModifications } from './partition-modifications.js';

export async function readTopicNames(term: ControllerTerm): Promise<string[]> {
  return watchedChildren(term.zk, BROKER_TOPICS, term.watch('TopicChange', () => onTopicChange(term)));
}

/** Read assignments (arming each topic's data watch) into the context; returns the new partitions. */
export async function loadTopics(term: ControllerTerm, topics: string[]): Promise<TopicPartitionRef[]> {
  const { ctx, zk, log } = term;
  const got = await mapLimit(topics, READS_IN_FLIGHT, async (t) => {
    const r = await zk.tryGetData(topicPath(t), term.watch(`PartitionModifications:${t}`, () => onPartitionModifications(term, t)));
    if (!r) return null;
    try {
      return decodeTopicAssignment(r.data, topicPath(t)).partitions;
    } catch (err) {
      log.error(`Ignoring topic ${t}: ${(err as Error).message}`);
      return null;
    }
  });
  const added: TopicPartitionRef[] = [];
  topics.forEach((t, i) => {
    const parts = got[i];
    if (!parts) return;
    const m = new Map<number, ReturnType<typeof ctx.newPartitionInfo>>();
    for (const [p, replicas] of parts) {
      m.set(p, ctx.newPartitionInfo(replicas));
      added.push({ topic: t, partition: p });
    }
    ctx.topics.set(t, m);
  });
  return added;
}

/**
 * Failover's context load: assignments (arming each topic's data watch) and every state znode in
 * one pipeline: a topic's state reads start as soon as its assignment is decoded instead of after
 * the last topic, with READS_IN_FLIGHT requests in flight in all (state reads first).
 */
export async function loadTopicsWithStates(term: ControllerTerm, topics: string[]): Promise<{ tps: TopicPartitionRef[]; states: Array<LeaderIsr | null> }> {
  const { ctx, zk, log } = term;
  const perTopic = new Array<{ parts: Map<number, number[]>; states: Array<LeaderIsr | null> } | null>(topics.length).fill(null);
  const stateReads: Array<() => Promise<void>> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const job = stateReads.pop();
      if (job) {
        await job();
        continue;
      }
      if (next >= topics.length) return;
      const i = next++;
      const t = topics[i]!;
      const r = await zk.tryGetData(topicPath(t), term.watch(`PartitionModifications:${t}`, () => onPartitionModifications(term, t)));
      if (!r) continue;
      let parts: Map<number, number[]>;
      try {
        parts = decodeTopicAssignment(r.data, topicPath(t)).partitions;
      } catch (err) {
        log.error(`Ignoring topic ${t}: ${(err as Error).message}`);
        continue;
      }
      const states = new Array<LeaderIsr | null>(parts.size).fill(null);
      perTopic[i] = { parts, states };
      let k = 0;
      for (const p of parts.keys()) {
        const idx = k++;
        stateReads.push(async () => {
          states[idx] = await readState(zk, t, p);
        });
      }
    }
  };
  await Promise.all(Array.from({ length: READS_IN_FLIGHT }, worker));
  const tps: TopicPartitionRef[] = [];
  const states: Array<LeaderIsr | null> = [];
  topics.forEach((t, i) => {
    const got = perTopic[i];
    if (!got) return;
    const m = new Map<number, ReturnType<typeof ctx.newPartitionInfo>>();
    let k = 0;
    for (const [p, replicas] of got.parts) {
      m.set(p, ctx.newPartitionInfo(replicas));
      tps.push({ topic: t, partition: p });
      states.push(got.states[k++]!);
    }
    ctx.topics.set(t, m);
  });
  return { tps, states };
}

export async function onTopicChange(term: ControllerTerm): Promise<void> {
  const { ctx, log } = term;
  const names = await readTopicNames(term);
  const current = new Set(names);
  for (const t of [...ctx.topics.keys()]) {
    if (current.has(t)) continue;
    ctx.topics.delete(t);
    ctx.topicsToDelete.delete(t);
    ctx.topicsIneligible.delete(t);
  }
  const fresh = names.filter((t) => !ctx.topics.has(t));
  if (!fresh.length) return;
  const parts = await loadTopics(term, fresh);
  log.info(`New topics: ${listSummary(fresh)} with ${parts.length} partitions`);
  const batch = term.newBatch();
  await onNewPartitionCreation(term, parts, batch);
  batch.send(term.channel);
}
