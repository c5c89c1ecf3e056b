// --list: topics matching --topic (all when absent), sorted, with their deletion marker.
import type { ZkClient } from '../zk/client.js';
import { allTopics, topicsMarkedForDeletion } from '../zk/readers.js';
import { internalTopicTest } from './internal.js';
import type { KafkaVersion } from '../kafka/version.js';
import { selectTopics } from './select.js';

export interface ListedTopic {
  topic: string;
  markedForDeletion: boolean;
  internal: boolean;
}

/** `version`: whose internal-topic set applies (default Kafka 0.9's). */
export async function listTopics(zk: ZkClient, opts: { topic?: string; excludeInternal?: boolean; version?: KafkaVersion }): Promise<ListedTopic[]> {
  const isInternalTopic = internalTopicTest(opts.version);
  const [all, marked] = await Promise.all([allTopics(zk), topicsMarkedForDeletion(zk)]);
  const selected = selectTopics(all, opts.topic, { excludeInternal: opts.excludeInternal ? isInternalTopic : undefined });
  return selected.map((topic) => ({ topic, markedForDeletion: marked.has(topic), internal: isInternalTopic(topic) }));
}
