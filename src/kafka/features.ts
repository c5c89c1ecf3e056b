// What each Kafka release line does on ZooKeeper, as data: one row per behaviour, with the line
// that introduced it. Tools ask `has(version, feature)` instead of comparing versions themselves.
// Sources: kafka-zk-safety.md §1–§4 and kafka-versions-dialects.md (Kafka's ZkData.scala,
// AdminZkClient.scala, DynamicConfigManager.scala, Topic.java at the release tags).
import { atLeast, type KafkaVersion } from './version.js';

export const FEATURE_SINCE = {
  /** `rack` in /brokers/ids registrations (v3). */
  brokerRack: '0.10.0',
  /** /cluster/id is created by the first broker. */
  clusterId: '0.10.1',
  /** Writers emit v2 config-change notices {"version":2,"entity_path":"T/N"}; v1 is read only for topics/clients. */
  configChangeNoticeV2: '0.10.1',
  /** `__transaction_state` exists and is internal. */
  transactionStateTopic: '0.11.0',
  /** /config/brokers, /config/users, /delegation_token are creator-only when zookeeper.set.acl is on. */
  sensitiveConfigAcls: '1.1',
  /** The controller removes completed entries from /admin/reassign_partitions one by one. */
  reassignIncrementalCompletion: '1.1',
  /** Topic znode v2 with adding_replicas/removing_replicas (KIP-455 reassignments). */
  addingRemovingReplicas: '2.4',
  /** Kafka refuses to add partitions to a topic under reassignment. */
  refuseAddPartitionsUnderReassignment: '2.4',
  /** /feature and registration v5 (`features`). */
  featureVersioning: '2.7',
  /** Topic znode v3 with topic_id (IBP ≥ 2.8). */
  topicIds: '2.8',
  /** Partition state may carry leader_recovery_state (KIP-704). */
  leaderRecoveryState: '3.2',
  /** /feature version 2 (IBP ≥ 3.3). */
  featureZnodeV2: '3.3',
  /** /controller v2 with kraftControllerEpoch; /migration during a ZooKeeper → KRaft migration. */
  kraftMigration: '3.4',
  /** `__share_group_state` is in Kafka's internal-topic set (KIP-932 early access). */
  shareGroupStateTopic: '3.9',
} as const satisfies Record<string, string>;

export type KafkaFeature = keyof typeof FEATURE_SINCE;

export function has(v: KafkaVersion, feature: KafkaFeature): boolean {
  return atLeast(v, FEATURE_SINCE[feature]);
}

/** Kafka's `Topic.isInternal` set for the version (kafka-versions-dialects.md §2.6). */
export function internalTopics(v: KafkaVersion): string[] {
  const out = ['__consumer_offsets'];
  if (has(v, 'transactionStateTopic')) out.push('__transaction_state');
  if (has(v, 'shareGroupStateTopic')) out.push('__share_group_state');
  return out;
}

/** The `version` field the cluster's own tools write in /brokers/topics/T. */
export function topicZnodeVersion(v: KafkaVersion): 1 | 2 | 3 {
  if (has(v, 'topicIds')) return 3;
  if (has(v, 'addingRemovingReplicas')) return 2;
  return 1;
}

/** The config-change notice version the cluster's own tools write. */
export function configChangeNoticeVersion(v: KafkaVersion): 1 | 2 {
  return has(v, 'configChangeNoticeV2') ? 2 : 1;
}
