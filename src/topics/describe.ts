// --describe: everything about the selected topics, read pipelined (brokers, assignments,
// configs, partition states), turned into plain data for the renderers in src/output.
import type { ZkClient } from '../zk/client.js';
import { allTopics, liveBrokerIds, topicsMarkedForDeletion, type PartitionRef } from '../zk/readers.js';
import { readConfigsFast, readStatesFast, readTopicZnodesFast } from './state-reads.js';
import { internalTopicTest } from './internal.js';
import type { KafkaVersion } from '../kafka/version.js';
import { selectTopics } from './select.js';

export type DescribeFilter = 'under-replicated' | 'unavailable' | 'topics-with-overrides' | 'non-preferred-leader';

export interface PartitionDescription {
  partition: number;
  /** Leader id from the state znode (-1 = none elected); null when there is no state znode. */
  leader: number | null;
  replicas: number[];
  isr: number[];
  /** ISR smaller than the replica list. */
  underReplicated: boolean;
  /** No leader, or the leader is not a live broker. */
  unavailable: boolean;
  /** Has a leader, but not the preferred one (first replica). */
  nonPreferredLeader: boolean;
}

export interface TopicDescription {
  topic: string;
  /** topic_id of 2.8+ topic znodes. */
  topicId?: string;
  /** false when the topic vanished between listing and reading (Kafka: "doesn't exist!"). */
  exists: boolean;
  partitionCount: number;
  replicationFactor: number;
  configs: Map<string, string>;
  markedForDeletion: boolean;
  internal: boolean;
  partitions: PartitionDescription[];
}

export interface DescribeOptions {
  topic?: string;
  excludeInternal?: boolean;
  /** Read only what the text output needs for this filter (states/configs may be skipped). */
  filter?: DescribeFilter;
  /** Read everything whatever the filter (for --json). */
  full?: boolean;
  /** Whose internal-topic set applies (default Kafka 0.9's). */
  version?: KafkaVersion;
}

export async function describeTopics(zk: ZkClient, opts: DescribeOptions): Promise<TopicDescription[]> {
  const [all, liveIds, marked] = await Promise.all([allTopics(zk), liveBrokerIds(zk), topicsMarkedForDeletion(zk)]);
  const isInternalTopic = internalTopicTest(opts.version);
  const topics = selectTopics(all, opts.topic, { excludeInternal: opts.excludeInternal ? isInternalTopic : undefined });
  if (!topics.length) return [];
  const needConfigs = opts.full || opts.filter === undefined || opts.filter === 'topics-with-overrides';
  const needStates = opts.full || opts.filter !== 'topics-with-overrides';
  const [znodes, configs] = await Promise.all([
    readTopicZnodesFast(zk, topics),
    needConfigs ? readConfigsFast(zk, topics) : Promise.resolve([] as Array<Map<string, string>>),
  ]);
  const assignments = znodes.map((z) => z?.partitions);
  const refs: PartitionRef[] = [];
  if (needStates) topics.forEach((topic, k) => assignments[k]?.forEach((_, partition) => refs.push({ topic, partition })));
  const states = needStates ? await readStatesFast(zk, refs) : [];
  const live = new Set(liveIds);
  let i = 0;
  return topics.map((topic, k): TopicDescription => {
    const a = assignments[k];
    const parts: PartitionDescription[] = [];
    if (a && needStates) {
      // Same order as refs: topics in order, partitions sorted by id.
      for (const [partition, replicas] of a) {
        const s = states[i++];
        const leader = s ? s.leader : null;
        const isr = s ? s.isr : [];
        parts.push({
          partition,
          leader,
          replicas,
          isr,
          underReplicated: isr.length < replicas.length,
          unavailable: leader === null || !live.has(leader),
          nonPreferredLeader: leader !== null && leader >= 0 && leader !== replicas[0],
        });
      }
    }
    const first = a ? a.values().next().value : undefined;
    return {
      topic,
      ...(znodes[k]?.topicId !== undefined ? { topicId: znodes[k]!.topicId } : {}),
      exists: Boolean(a),
      partitionCount: a ? a.size : 0,
      replicationFactor: first ? first.length : 0,
      configs: configs[k] ?? new Map(),
      markedForDeletion: marked.has(topic),
      internal: isInternalTopic(topic),
      partitions: parts,
    };
  });
}

/** Does a partition line pass the report filter? */
export function partitionSelected(p: PartitionDescription, filter: DescribeFilter | undefined): boolean {
  switch (filter) {
    case 'under-replicated':
      return p.underReplicated;
    case 'unavailable':
      return p.unavailable;
    case 'non-preferred-leader':
      return p.nonPreferredLeader;
    default:
      return true;
  }
}
