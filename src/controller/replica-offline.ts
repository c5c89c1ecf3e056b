// Moving replicas to OfflineReplica: StopReplica(delete=false) to the replica and removal from the
// ISR (leader -1 if it led; the leader epoch is bumped even when only the ISR changes, §5.2).
import { ChangeLog } from './change-log.js';
import { tpName } from './context.js';
import type { RequestBatch } from './request-batch.js';
import { ReplicaState } from './states.js';
import { describeState, updateStates } from './state-updates.js';
import type { ControllerTerm } from './term.js';

export interface ReplicaRef {
  topic: string;
  partition: number;
  broker: number;
}

export async function takeReplicasOffline(term: ControllerTerm, replicas: ReplicaRef[], batch: RequestBatch, what: string): Promise<void> {
  const { ctx, log } = term;
  const view = term.view;
  const accepted = replicas.filter((r) => {
    const info = ctx.partition(r.topic, r.partition);
    if (!info) return false;
    if (!ctx.setReplicaState(info, r.broker, ReplicaState.Offline)) {
      log.warn(`${what}: invalid transition of replica ${r.broker} of ${tpName(r)} from ${ctx.replicaState(info, r.broker)} to ${ReplicaState.Offline}`);
      return false;
    }
    batch.addStopReplica(r.broker, r, false);
    return true;
  });
  // One round per replica of a partition: two removals from one partition would race on its version.
  let pending = accepted;
  while (pending.length) {
    const seen = new Set<string>();
    const round: ReplicaRef[] = [];
    const later: ReplicaRef[] = [];
    for (const r of pending) {
      const k = `${r.topic}\u0000${r.partition}`;
      if (seen.has(k)) later.push(r);
      else {
        seen.add(k);
        round.push(r);
      }
    }
    pending = later;
    const results = await updateStates(
      term,
      round.map((r) => ({
        topic: r.topic,
        partition: r.partition,
        decide: (cur) => {
          if (!cur.isr.includes(r.broker)) return { skip: true };
          let isr = cur.isr.filter((b) => b !== r.broker);
          const leader = cur.leader === r.broker ? -1 : cur.leader;
          if (!isr.length && !view.uncleanLeaderElectionEnabled(r.topic)) isr = cur.isr;
          return { write: { leader, leaderEpoch: cur.leaderEpoch + 1, isr } };
        },
      })),
    );
    const changes = new ChangeLog(log, what);
    results.forEach((res, i) => {
      const r = round[i]!;
      const info = ctx.partition(r.topic, r.partition)!;
      if (res.outcome === 'failed') {
        log.warn(`${what}: could not remove replica ${r.broker} from the ISR of ${tpName(r)}: ${res.reason}`);
        if (!ctx.isBeingDeleted(r.topic)) batch.addUpdateMetadataAll([r]);
        return;
      }
      if (res.outcome === 'written') {
        changes.add(() => `${what}: removed replica ${r.broker} from ISR of ${tpName(r)} -> ${describeState(res.li)}`);
        if (!ctx.isBeingDeleted(r.topic)) {
          batch.addLeaderAndIsr(info.replicas.filter((b) => b !== r.broker), r.topic, r.partition, res.li, info.replicas);
        }
      }
    });
    changes.flush();
  }
}
