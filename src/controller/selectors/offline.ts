// Offline partition: first live ISR member in assignment order; without one, and only when
// unclean leader election is enabled, the first live assigned replica with ISR = [leader].
import type { LeaderSelector } from './types.js';

export const offlineSelector: LeaderSelector = ({ topic, partition, replicas, cur }, view) => {
  const live = replicas.filter((r) => view.isLive(r));
  const liveIsr = cur.isr.filter((r) => view.isLive(r));
  const leader = replicas.find((r) => view.isLive(r) && cur.isr.includes(r));
  if (leader !== undefined) return { kind: 'elected', leader, isr: liveIsr, recipients: live };
  if (!live.length) return { kind: 'failed', reason: `No replica for partition [${topic},${partition}] is alive. Live brokers are: none of [${replicas.join(',')}]` };
  if (!view.uncleanLeaderElectionEnabled(topic)) {
    return { kind: 'failed', reason: `No broker in ISR for partition [${topic},${partition}] is alive and unclean leader election is disabled` };
  }
  return { kind: 'elected', leader: live[0]!, isr: [live[0]!], recipients: live, unclean: true };
};
