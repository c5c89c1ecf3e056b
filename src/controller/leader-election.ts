// Moving partitions to OnlinePartition with a leader selector, for a whole batch at once.
import type { TopicPartitionRef } from '../broker/protocol.js';
import { ChangeLog } from './change-log.js';
import { tpName } from './context.js';
import type { RequestBatch } from './request-batch.js';
import type { LeaderSelector, Selection } from './selectors/types.js';
import { PartitionState } from './states.js';
import { describeState, updateStates } from './state-updates.js';
import type { ControllerTerm } from './term.js';

export interface ElectionResult {
  elected: TopicPartitionRef[];
  notNeeded: TopicPartitionRef[];
  failed: Array<TopicPartitionRef & { reason: string }>;
}

export async function electLeaders(
  term: ControllerTerm,
  tps: TopicPartitionRef[],
  selectorFor: (tp: TopicPartitionRef) => LeaderSelector,
  batch: RequestBatch,
  what: string,
): Promise<ElectionResult> {
  const { ctx, log } = term;
  const view = term.view;
  const res: ElectionResult = { elected: [], notNeeded: [], failed: [] };
  const valid = tps.filter((tp) => {
    const info = ctx.partition(tp.topic, tp.partition);
    if (!info) {
      res.failed.push({ ...tp, reason: 'unknown partition' });
      return false;
    }
    if (info.state !== PartitionState.Online && info.state !== PartitionState.Offline) {
      res.failed.push({ ...tp, reason: `invalid transition from ${info.state} to ${PartitionState.Online}` });
      return false;
    }
    return true;
  });
  const selections = new Array<Selection | undefined>(valid.length);
  const results = await updateStates(
    term,
    valid.map((tp, i) => ({
      topic: tp.topic,
      partition: tp.partition,
      decide: (cur) => {
        const info = ctx.partition(tp.topic, tp.partition)!;
        const sel = selectorFor(tp)({ topic: tp.topic, partition: tp.partition, replicas: info.replicas, cur }, view);
        selections[i] = sel;
        if (sel.kind === 'notNeeded') return { skip: true, certain: true };
        if (sel.kind === 'failed') return { fail: sel.reason };
        return { write: { leader: sel.leader, leaderEpoch: cur.leaderEpoch + 1, isr: sel.isr } };
      },
    })),
  );
  const changes = new ChangeLog(log, what);
  results.forEach((r, i) => {
    const tp = valid[i]!;
    const info = ctx.partition(tp.topic, tp.partition)!;
    if (r.outcome === 'failed') {
      res.failed.push({ ...tp, reason: r.reason });
      return;
    }
    ctx.setPartitionState(info, PartitionState.Online);
    if (r.outcome === 'skipped') {
      res.notNeeded.push(tp);
      return;
    }
    const sel = selections[i] as Extract<Selection, { kind: 'elected' }>;
    if (sel.unclean) log.warn(`No broker in ISR is alive for ${tpName(tp)}. Elected leader ${sel.leader} from live replicas. There's potential data loss.`);
    batch.addLeaderAndIsr(sel.recipients, tp.topic, tp.partition, r.li, info.replicas);
    res.elected.push(tp);
    changes.add(() => `${what}: ${tpName(tp)} -> ${describeState(r.li)}`);
  });
  changes.flush();
  if (res.failed.length) {
    const shown = res.failed.slice(0, 10).map((f) => `${tpName(f)}: ${f.reason}`);
    log.warn(`${what}: ${res.failed.length} partitions failed${res.failed.length > 10 ? ' (first 10)' : ''}: ${shown.join('; ')}`);
  }
  return res;
}
