// Controlled shutdown: first replica in assignment order that is registered, in the ISR and not
// shutting down; the ISR loses the brokers that are shutting down.
import type { LeaderSelector } from './types.js';

export const controlledShutdownSelector: LeaderSelector = ({ topic, partition, replicas, cur }, view) => {
  const newIsr = cur.isr.filter((r) => !view.isShuttingDown(r));
  const leader = replicas.find((r) => view.isRegistered(r) && newIsr.includes(r));
  if (leader === undefined) {
    return { kind: 'failed', reason: `No other replica in ISR [${cur.isr.join(',')}] for [${topic},${partition}] is alive to take over leadership` };
  }
  return { kind: 'elected', leader, isr: newIsr, recipients: replicas.filter((r) => view.isRegistered(r)) };
};
