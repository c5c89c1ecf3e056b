// The daemon stays out of real Kafka clusters (kafka-zk-safety.md H9): its registration would be
// taken for a live broker (clients and brokers speak Kafka's protocol to it, replicas get placed
// on it) and, as controller, it would leave the real brokers without one. Before it writes
// anything (containers, registration) it reads what the namespace shows (src/kafka) and refuses
// any trace of a real Kafka broker. ktool daemons mark their registrations, so a namespace with
// only ktool daemons (this daemon's own registration lingering after a session expiry included)
// is fine, and so is an empty one.
import type { ZkClient } from '../zk/client.js';
import { CommandError } from '../cli/errors.js';
import { readNamespaceFacts } from '../kafka/namespace.js';
import { realKafkaEvidence } from '../kafka/signals.js';

export class RealKafkaNamespaceError extends CommandError {
  constructor(
    message: string,
    readonly evidence: string[],
  ) {
    super(message);
    this.name = 'RealKafkaNamespaceError';
  }
}

export async function assertNamespaceIsOurs(zk: ZkClient, brokerId: number): Promise<void> {
  const facts = await readNamespaceFacts(zk);
  const evidence = realKafkaEvidence(facts);
  if (!evidence.length) return;
  const shadow = facts.registrations.find((r) => r.id === brokerId && !r.ktoolDaemon);
  const lead = shadow
    ? `broker id ${brokerId} is registered by a real Kafka broker at /brokers/ids/${brokerId}; this daemon would shadow it. `
    : '';
  throw new RealKafkaNamespaceError(
    `Refusing to join: ${lead}this ZooKeeper namespace belongs to a real Kafka cluster (${evidence.join('; ')}). ` +
      "A ktool daemon speaks no Kafka protocol: real brokers and clients would send it requests and place replicas on it. Start it under a chroot of its own (e.g. --zookeeper host:2181/ktool) or use 'ktool cluster up'",
    evidence,
  );
}
