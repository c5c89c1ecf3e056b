// --list: topics matching --topic (all when absent), sorted, with their deletion marker.
import type { ZkClient } from '../zk/client.js';
import { allTopics, topicsMarkedForDeletion } from '../zk/readers.js';
import { internalTopicTest, isInternalTopic } from './internal.js';
import type { KafkaVersion } from '../kafka/version.js';
import { selectTopics } from './select.js';

export interface ListedTopic {
  topic: string;
  markedForDeletion: boolean;
  internal: boolean;
}

/** `version`: the cluster's Kafka version, whose internal-topic set --exclude-internal uses. */
export async function listTopics(zk: ZkClient, opts: { topic?: string; excludeInternal?: boolean; version?: KafkaVersion }): Promise<ListedTopic[]> {
  const [all, marked] = await Promise.all([allTopics(zk), topicsMarkedForDeletion(zk)]);
  const internal = opts.version ? internalTopicTest(opts.version) : isInternalTopic;
  const selected = selectTopics(all, opts.topic, { excludeInternal: opts.excludeInternal ? internal : undefined });
  return selected.map((topic) => ({ topic, markedForDeletion: marked.has(topic), internal: internal(topic) }));
}
