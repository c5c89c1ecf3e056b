// --list: topics matching --topic (all when absent), sorted, with their deletion marker.
import type { ZkClient } from '../zk/client.js';
import { allTopics, topicsMarkedForDeletion } from '../zk/readers.js';
import { isInternalTopic } from './internal.js';
import { selectTopics } from './select.js';

export interface ListedTopic {
  topic: string;
  markedForDeletion: boolean;
  internal: boolean;
}

/** `isInternal`: the cluster's internal topics (protectedTopicTest of its knowledge; default Kafka 0.9's). */
export async function listTopics(zk: ZkClient, opts: { topic?: string; excludeInternal?: boolean; isInternal?: (topic: string) => boolean }): Promise<ListedTopic[]> {
  const [all, marked] = await Promise.all([allTopics(zk), topicsMarkedForDeletion(zk)]);
  const internal = opts.isInternal ?? isInternalTopic;
  const selected = selectTopics(all, opts.topic, { excludeInternal: opts.excludeInternal ? internal : undefined });
  return selected.map((topic) => ({ topic, markedForDeletion: marked.has(topic), internal: internal(topic) }));
}
