// --delete: mark every selected topic for deletion by creating /admin/delete_topics/<t> with
// zero-length data; the controller does the rest. Internal topics of the cluster's version are
// refused before any write, also when only a regex matched them (nothing is marked then: H6).
import { dialectFor } from '../kafka/dialects/index.js';
import type { ZkClient } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import * as P from '../zk/paths.js';
import { DEFAULT_PIPELINE, mapLimit } from '../zk/pipeline.js';
import { allTopics } from '../zk/readers.js';
import { TopicCommandError } from './errors.js';
import { internalDeleteMessage, protectedBecause, protectedTopicTest } from './internal.js';
import { assertWritable, type ClusterKnowledge } from '../kafka/cluster.js';
import { selectTopics } from './select.js';

export interface DeletedTopic {
  topic: string;
  /** 'marked' now, or 'already-marked' (the marker existed). */
  status: 'marked' | 'already-marked';
}

export function deleteLines(d: DeletedTopic): string[] {
  return d.status === 'marked'
    ? [`Topic ${d.topic} is marked for deletion.`, 'Note: This will have no impact if delete.topic.enable is not set to true.']
    : [`Topic ${d.topic} is already marked for deletion.`];
}

export async function deleteTopics(zk: ZkClient, topicArg: string, opts: { ifExists: boolean }, k: ClusterKnowledge): Promise<DeletedTopic[]> {
  assertWritable(k);
  const selected = selectTopics(await allTopics(zk), topicArg);
  if (!selected.length) {
    if (opts.ifExists) return [];
    throw new TopicCommandError(dialectFor(k.version).topicNotFound(topicArg, zk.connectionString));
  }
  const internal = selected.find(protectedTopicTest(k));
  if (internal) throw new TopicCommandError(internalDeleteMessage(internal) + protectedBecause(k, internal));
  await zk.mkdirp(P.DELETE_TOPICS);
  return mapLimit(selected, DEFAULT_PIPELINE, async (topic): Promise<DeletedTopic> => {
    try {
      await zk.create(P.deleteTopicPath(topic), Buffer.alloc(0));
      return { topic, status: 'marked' };
    } catch (err) {
      if (isZkCode(err, 'NODE_EXISTS')) return { topic, status: 'already-marked' };
      throw new TopicCommandError(`Error while deleting topic ${topic}`);
    }
  });
}
