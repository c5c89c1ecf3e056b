// Which partitions an election covers: the file's (all must exist) or every initialised partition.
import type { ZkClient } from '../zk/client.js';
import { CommandError } from '../cli/errors.js';
import * as P from '../zk/paths.js';
import { allTopics } from '../zk/readers.js';
import { mapLimit, DEFAULT_PIPELINE } from '../zk/pipeline.js';
import { readStoredAssignment } from '../reassign/cluster-view.js';
import { tpText } from '../reassign/format.js';
import type { ClusterAssignment, TopicPartitionRef } from '../reassign/types.js';

/** Every partition that has a /brokers/topics/<t>/partitions/<p> node and is in its topic's assignment. */
export async function initialisedPartitions(zk: ZkClient): Promise<{ partitions: TopicPartitionRef[]; assignment: ClusterAssignment }> {
  const topics = await allTopics(zk);
  const assignment = await readStoredAssignment(zk, topics);
  const perTopic = await mapLimit(topics, DEFAULT_PIPELINE, async (topic) =>
    (await zk.childrenOrEmpty(P.topicPartitionsPath(topic)))
      .map(Number)
      .filter((p) => Number.isInteger(p) && assignment.get(topic)?.has(p))
      .sort((a, b) => a - b)
      .map((partition) => ({ topic, partition })),
  );
  return { partitions: perTopic.flat(), assignment };
}

/** The file's partitions; any not in its topic's assignment is refused, naming them all. */
export async function checkedFilePartitions(zk: ZkClient, refs: readonly TopicPartitionRef[]): Promise<ClusterAssignment> {
  const assignment = await readStoredAssignment(zk, refs.map((r) => r.topic));
  const missing = refs.filter((r) => !assignment.get(r.topic)?.has(r.partition));
  if (missing.length) {
    throw new CommandError(`Preferred replica election data contains non-existent partitions: ${missing.map(tpText).join(',')}`);
  }
  return assignment;
}
