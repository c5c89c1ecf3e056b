// Auto leader rebalance (§12.2): per preferred broker, if more than
// leader.imbalance.per.broker.percentage of its partitions are led by someone else, run a
// preferred election for those (never while a reassignment runs; never touching the znode).
import type { TopicPartitionRef } from '../../broker/protocol.js';
import { tpKey } from '../context.js';
import type { ControllerTerm } from '../term.js';
import { runPreferredElection } from './preferred-election.js';

export function scheduleAutoRebalance(term: ControllerTerm, firstDelayMs?: number): void {
  const { config } = term;
  if (!config.autoLeaderRebalanceEnable) return;
  const intervalMs = Math.max(1, config.leaderImbalanceCheckIntervalSeconds) * 1000;
  term.schedule(firstDelayMs ?? intervalMs, 'AutoPreferredReplicaLeaderElection', async () => {
    try {
      await checkAndTriggerRebalance(term);
    } finally {
      scheduleAutoRebalance(term);
    }
  });
}

export async function checkAndTriggerRebalance(term: ControllerTerm): Promise<void> {
  const { ctx, config, log } = term;
  const groups = new Map<number, { total: number; notPreferred: TopicPartitionRef[] }>();
  for (const [topic, partition, info] of ctx.allPartitions()) {
    if (ctx.isBeingDeleted(topic)) continue;
    const preferred = info.replicas[0];
    if (preferred === undefined) continue;
    const g = groups.get(preferred) ?? groups.set(preferred, { total: 0, notPreferred: [] }).get(preferred)!;
    g.total++;
    if (info.li && info.li.leader !== preferred) g.notPreferred.push({ topic, partition });
  }
  const toElect: TopicPartitionRef[] = [];
  for (const [broker, g] of groups) {
    const ratio = g.notPreferred.length / g.total;
    if (ratio <= config.leaderImbalancePerBrokerPercentage / 100) continue;
    log.info(`Leader imbalance ratio for broker ${broker} is ${ratio.toFixed(3)}`);
    if (!ctx.isLive(broker) || ctx.reassigning.size) continue;
    for (const tp of g.notPreferred) {
      if (ctx.isBeingDeleted(tp.topic) || !ctx.partition(tp.topic, tp.partition)) continue;
      if (ctx.preferredInProgress.has(tpKey(tp.topic, tp.partition))) continue;
      toElect.push(tp);
    }
  }
  if (toElect.length) await runPreferredElection(term, toElect, 'Auto preferred replica election');
}
