// Kafka's ZooKeeper paths (relative to the chroot). One place, so no code spells a path by hand.

export const BROKER_IDS = '/brokers/ids';
export const BROKER_TOPICS = '/brokers/topics';
export const BROKER_SEQID = '/brokers/seqid';
export const CONTROLLER = '/controller';
export const CONTROLLER_EPOCH = '/controller_epoch';
export const ADMIN = '/admin';
export const REASSIGN_PARTITIONS = '/admin/reassign_partitions';
export const PREFERRED_REPLICA_ELECTION = '/admin/preferred_replica_election';
export const DELETE_TOPICS = '/admin/delete_topics';
export const CONFIG = '/config';
export const CONFIG_TOPICS = '/config/topics';
export const CONFIG_BROKERS = '/config/brokers';
export const CONFIG_CLIENTS = '/config/clients';
export const CONFIG_CHANGES = '/config/changes';
export const CONFIG_CHANGE_PREFIX = '/config/changes/config_change_';
export const ISR_CHANGE_NOTIFICATION = '/isr_change_notification';
export const ISR_CHANGE_PREFIX = '/isr_change_notification/isr_change_';
export const CONSUMERS = '/consumers';

export const brokerPath = (id: number): string => `${BROKER_IDS}/${id}`;
export const topicPath = (topic: string): string => `${BROKER_TOPICS}/${topic}`;
export const topicPartitionsPath = (topic: string): string => `${BROKER_TOPICS}/${topic}/partitions`;
export const partitionPath = (topic: string, partition: number): string => `${BROKER_TOPICS}/${topic}/partitions/${partition}`;
export const partitionStatePath = (topic: string, partition: number): string => `${BROKER_TOPICS}/${topic}/partitions/${partition}/state`;
export const topicConfigPath = (topic: string): string => `${CONFIG_TOPICS}/${topic}`;
export const brokerConfigPath = (id: number | string): string => `${CONFIG_BROKERS}/${id}`;
export const entityConfigPath = (entityType: string, name: string): string => `${CONFIG}/${entityType}/${name}`;
export const deleteTopicPath = (topic: string): string => `${DELETE_TOPICS}/${topic}`;

/** Containers a Kafka broker creates at start-up (null data). */
export const BROKER_CONTAINERS = [
  CONSUMERS,
  BROKER_IDS,
  BROKER_TOPICS,
  CONFIG_CHANGES,
  DELETE_TOPICS,
  BROKER_SEQID,
  ISR_CHANGE_NOTIFICATION,
  CONFIG_TOPICS,
  CONFIG_CLIENTS,
];

// Znodes of later Kafka versions that tell which Kafka wrote a namespace (kafka-zk-safety.md §4).
export const CLUSTER_ID = '/cluster/id';
export const FEATURE = '/feature';
export const MIGRATION = '/migration';
export const DELEGATION_TOKEN = '/delegation_token';
export const CONFIG_USERS = '/config/users';
