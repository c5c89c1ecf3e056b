// Preferred replica: assignment[0] if it is live and in the ISR; a no-op if it already leads.
import type { LeaderSelector } from './types.js';

export const preferredSelector: LeaderSelector = ({ topic, partition, replicas, cur }, view) => {
  const preferred = replicas[0];
  if (preferred === undefined) return { kind: 'failed', reason: `Partition [${topic},${partition}] has no replicas` };
  if (cur.leader === preferred) return { kind: 'notNeeded' };
  if (!view.isLive(preferred) || !cur.isr.includes(preferred)) {
    return { kind: 'failed', reason: `Preferred replica ${preferred} for partition [${topic},${partition}] is either not alive or not in the isr` };
  }
  return { kind: 'elected', leader: preferred, isr: cur.isr, recipients: replicas };
};
