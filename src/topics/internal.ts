// Kafka 0.9's internal topics: listed like others, never deleted, partitions never changed.
export const OFFSETS_TOPIC = '__consumer_offsets';
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set([OFFSETS_TOPIC]);

export const isInternalTopic = (topic: string): boolean => INTERNAL_TOPICS.has(topic);
