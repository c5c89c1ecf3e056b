// Reassigned partition: first replica of the target list that is live and in the ISR; ISR kept.
import type { LeaderSelector } from './types.js';

export function reassignedSelector(target: number[]): LeaderSelector {
  return ({ topic, partition, cur }, view) => {
    const leader = target.find((r) => view.isLive(r) && cur.isr.includes(r));
    if (leader === undefined) {
      return { kind: 'failed', reason: `None of the reassigned replicas for partition [${topic},${partition}] are in-sync with the leader` };
    }
    return { kind: 'elected', leader, isr: cur.isr, recipients: target };
  };
}
