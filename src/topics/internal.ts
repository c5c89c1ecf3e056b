// Internal topics: listed like others, never deleted, partitions never changed. The set depends on
// the cluster's Kafka version (Topic.isInternal: + __transaction_state from 0.11, + __share_group_state
// in 3.9), asked of src/kafka; without a version, Kafka 0.9's set.
import { FEATURE_SINCE, internalTopics } from '../kafka/features.js';
import { atLeast, DAEMON_VERSION_LINE, SUPPORTED_LINES, versionOfLine, type KafkaVersion } from '../kafka/version.js';
import type { ClusterKnowledge } from '../kafka/cluster.js';

export const OFFSETS_TOPIC = '__consumer_offsets';

/** `Topic.isInternal` of the cluster's version. */
export function internalTopicTest(v: KafkaVersion): (topic: string) => boolean {
  const set = new Set(internalTopics(v));
  return (t) => set.has(t);
}

/** Kafka 0.9's set (the default where no version is known). */
export const isInternalTopic = internalTopicTest(versionOfLine(DAEMON_VERSION_LINE));

/** Kafka's refusal to change an internal topic's partition count, worded as that version's tool words it (dialects §2.6). */
export function internalPartitionsMessage(v: KafkaVersion, topic: string): string {
  if (atLeast(v, '2.4')) return `The number of partitions for the internal topic ${topic} cannot be changed.`;
  if (atLeast(v, '2.3')) return `The number of partitions for the internal topics[${internalTopics(v).join(', ')}] cannot be changed.`;
  if (topic === OFFSETS_TOPIC) return 'The number of partitions for the offsets topic cannot be changed.';
  // 0.11-2.2 guarded only the offsets topic; ktool guards every internal topic (H6).
  return `The number of partitions for the internal topic ${topic} cannot be changed.`;
}

/** Kafka's refusal to mark an internal topic for deletion (unchanged 0.9-2.8). */
export const internalDeleteMessage = (topic: string): string => `Topic ${topic} is a kafka internal topic and is not allowed to be marked for deletion.`;

const INTERNAL_SINCE: Record<string, string> = {
  __consumer_offsets: '0.9.0',
  __transaction_state: FEATURE_SINCE.transactionStateTopic,
  __share_group_state: FEATURE_SINCE.shareGroupStateTopic,
};

/**
 * Topics writes must leave alone (H6). An inferred version is only a lower bound (a 1.1 cluster's
 * registrations prove 0.10.2+; brokers with an old inter.broker.protocol.version write old
 * formats), so then every internal topic of the newest line is protected. A version the operator
 * gave (--kafka-version, $KTOOL_KAFKA_VERSION) or a namespace of ktool daemons only is exact.
 */
export function protectedTopicTest(k: ClusterKnowledge): (topic: string) => boolean {
  const exact = k.source !== 'inferred' || k.basis === 'ktool-daemons' || k.basis === 'empty-namespace';
  const set = new Set(internalTopics(exact ? k.version : versionOfLine(SUPPORTED_LINES[SUPPORTED_LINES.length - 1]!)));
  return (t) => set.has(t);
}

/** Why a topic is protected although it is not internal in the version in use (inferred lower bound). */
export function protectedBecause(k: ClusterKnowledge, topic: string): string {
  if (internalTopicTest(k.version)(topic)) return '';
  return ` (${topic} is internal from Kafka ${INTERNAL_SINCE[topic] ?? 'later versions'}; ZooKeeper proves only Kafka ${k.version.line} or later: pass --kafka-version to name the cluster's release)`;
}
