// --delete: mark every selected topic for deletion by creating /admin/delete_topics/<t> with
// zero-length data; the controller does the rest. Internal topics are refused before any write.
import type { ZkClient } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import * as P from '../zk/paths.js';
import { DEFAULT_PIPELINE, mapLimit } from '../zk/pipeline.js';
import { allTopics } from '../zk/readers.js';
import { TopicCommandError } from './errors.js';
import { isInternalTopic } from './internal.js';
import { selectTopics } from './select.js';
import type { Dialect } from '../kafka/dialects/index.js';

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

export async function deleteTopics(zk: ZkClient, topicArg: string, opts: { ifExists: boolean; /** The cluster's text (default Kafka 0.9's). */ dialect?: Dialect }): Promise<DeletedTopic[]> {
  const selected = selectTopics(await allTopics(zk), topicArg);
  if (!selected.length) {
    if (opts.ifExists) return [];
    throw new TopicCommandError(opts.dialect ? opts.dialect.topicNotFound(topicArg, zk.connectionString) : `Topic ${topicArg} does not exist on ZK path ${zk.connectionString}`);
  }
  const internal = selected.find(isInternalTopic);
  if (internal) throw new TopicCommandError(`Topic ${internal} is a kafka internal topic and is not allowed to be marked for deletion.`);
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
