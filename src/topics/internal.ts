import { internalTopics } from '../kafka/features.js';
import type { KafkaVersion } from '../kafka/version.js';

// Kafka 0.9's internal topics: listed like others, never deleted, partitions never changed.
export const OFFSETS_TOPIC = '__consumer_offsets';
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set([OFFSETS_TOPIC]);

export const isInternalTopic = (topic: string): boolean => INTERNAL_TOPICS.has(topic);

/** Kafka's internal topics of the cluster's version (`__transaction_state` from 0.11, `__share_group_state` in 3.9). */
export function internalTopicTest(version: KafkaVersion | undefined): (topic: string) => boolean {
  if (!version) return isInternalTopic;
  const set = new Set(internalTopics(version));
  return (topic) => set.has(topic);
}
