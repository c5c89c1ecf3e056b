// Whether --cancel can work on this cluster (kafka-zk-safety.md H4). Rewriting the targets of
// /admin/reassign_partitions cancels something only when the controller that reads them is a
// ktool daemon; Kafka's controller (every version) loses or ignores the edit while the tool would
// report success, and 2.4+ applies the stale targets at the next failover.
import { ClusterSafetyError, type ClusterKnowledge } from '../kafka/cluster.js';

const INSTEAD =
  "Use Kafka's own tool, which cancels through the controller: kafka-reassign-partitions.sh --bootstrap-server <broker> --cancel --reassignment-json-file <plan> (Kafka 2.6+). " +
  'Older Kafka has no safe cancel: wait for the reassignment to finish, then reassign back with --execute and the rollback file';

export function assertCancelSafe(k: ClusterKnowledge): void {
  const c = k.controller;
  if (c.kind === 'ktool') return;
  // No controller and no trace of a real Kafka broker: the next controller is a ktool daemon (or a
  // Kafka broker starting fresh), and every controller reads the znode's targets when it takes
  // over, so the rewrite is acted on. With real Kafka evidence, a controller may be mid-election
  // with the old targets already in memory: refuse.
  if (c.kind === 'none' && k.realKafka.length === 0) return;
  const who =
    c.kind === 'kafka'
      ? `the controller (broker ${c.brokerId}) is a Kafka broker, not a ktool daemon`
      : c.kind === 'kraft'
        ? 'a KRaft controller is in charge'
        : c.kind === 'unregistered'
          ? `the controller (broker ${c.brokerId}) has no registration, so it cannot be shown to be a ktool daemon`
          : `there is no controller and the namespace shows a Kafka broker (${k.realKafka[0]})`;
  throw new ClusterSafetyError(
    `refusing to cancel: ${who}. Kafka's controller does not act on a rewritten /admin/reassign_partitions (up to 2.3 it rewrites the znode from memory; from 2.4 it watches only its creation, keeps the rewritten targets and applies them at the next controller failover), so nothing would be cancelled. ${INSTEAD}`,
  );
}
