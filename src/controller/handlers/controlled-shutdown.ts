// Controlled shutdown of a broker (§10.3): move the leaderships it holds to other ISR members,
// take it out of the other ISRs, and report what it still leads.
import type { TopicPartitionRef } from '../../broker/protocol.js';
import { electLeaders } from '../leader-election.js';
import { takeReplicasOffline, type ReplicaRef } from '../replica-offline.js';
import { controlledShutdownSelector } from '../selectors/controlled-shutdown.js';
import type { ControllerTerm } from '../term.js';

export class BrokerNotAvailableError extends Error {
  constructor(id: number) {
    super(`BROKER_NOT_AVAILABLE: broker ${id} is not registered`);
    this.name = 'BrokerNotAvailableError';
  }
}

export async function onControlledShutdown(term: ControllerTerm, brokerId: number): Promise<TopicPartitionRef[]> {
  const { ctx, log } = term;
  if (!ctx.isRegistered(brokerId)) throw new BrokerNotAvailableError(brokerId);
  ctx.shuttingDown.add(brokerId);
  log.info(`Controlled shutdown of broker ${brokerId}`);
  const led: TopicPartitionRef[] = [];
  const followed: ReplicaRef[] = [];
  for (const [topic, partition, info] of ctx.allPartitions()) {
    if (info.replicas.length < 2 || !info.replicas.includes(brokerId) || !info.li || ctx.isBeingDeleted(topic)) continue;
    if (info.li.leader === brokerId) led.push({ topic, partition });
    else followed.push({ topic, partition, broker: brokerId });
  }
  const batch = term.newBatch();
  if (led.length) await electLeaders(term, led, () => controlledShutdownSelector, batch, 'Controlled shutdown election');
  batch.send(term.channel);
  const batch2 = term.newBatch();
  await takeReplicasOffline(term, followed, batch2, 'Controlled shutdown');
  batch2.send(term.channel);
  const remaining = led.filter((tp) => ctx.partition(tp.topic, tp.partition)?.li?.leader === brokerId);
  log.info(`Controlled shutdown of broker ${brokerId}: ${led.length - remaining.length} leaderships moved, ${remaining.length} remain`);
  return remaining;
}
