// --describe: everything about the selected topics, read pipelined (brokers, assignments,
// configs, partition states), turned into plain data for the renderers in src/output.
import type { ZkClient } from '../zk/client.js';
import { allTopics, liveBrokerIds, topicsMarkedForDeletion, type PartitionRef } from '../zk/readers.js';
import { readAssignmentsFast, readConfigsFast, readStatesFast } from './state-reads.js';
import { isInternalTopic } from './internal.js';
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
  /** KIP-455 reassignment (2.4+): replicas being added / removed ([] when idle). Set by describeTopics. */
  addingReplicas?: number[];
  removingReplicas?: number[];
  /** Where a reassignment leads: replicas − removing (= replicas when idle). */
  targetReplicas?: number[];
  /** 3.2+ leader_recovery_state (0 recovered, 1 recovering); null without a state znode. */
  leaderRecoveryState?: number | null;
  /** The leader recovers from an unclean election (KIP-704): not healthy. */
  recovering?: boolean;
}

export interface TopicDescription {
  topic: string;
  /** 2.8+ topic_id (null when the znode has none). Set by describeTopics. */
  topicId?: string | null;
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
  /** The cluster's internal topics (protectedTopicTest of its knowledge; default Kafka 0.9's). */
  isInternal?: (topic: string) => boolean;
}

export async function describeTopics(zk: ZkClient, opts: DescribeOptions): Promise<TopicDescription[]> {
  const [all, liveIds, marked] = await Promise.all([allTopics(zk), liveBrokerIds(zk), topicsMarkedForDeletion(zk)]);
  const internal = opts.isInternal ?? isInternalTopic;
  const topics = selectTopics(all, opts.topic, { excludeInternal: opts.excludeInternal ? internal : undefined });
  if (!topics.length) return [];
  const needConfigs = opts.full || opts.filter === undefined || opts.filter === 'topics-with-overrides';
  const needStates = opts.full || opts.filter !== 'topics-with-overrides';
  const [assignments, configs] = await Promise.all([
    readAssignmentsFast(zk, topics),
    needConfigs ? readConfigsFast(zk, topics) : Promise.resolve([] as Array<Map<string, string>>),
  ]);
  const refs: PartitionRef[] = [];
  if (needStates) topics.forEach((topic, k) => assignments[k]?.partitions.forEach((_, partition) => refs.push({ topic, partition })));
  const states = needStates ? await readStatesFast(zk, refs) : [];
  const live = new Set(liveIds);
  let i = 0;
  return topics.map((topic, k): TopicDescription => {
    const z = assignments[k];
    const a = z?.partitions;
    const parts: PartitionDescription[] = [];
    if (a && needStates) {
      // Same order as refs: topics in order, partitions sorted by id.
      for (const [partition, replicas] of a) {
        const s = states[i++];
        const leader = s ? s.leader : null;
        const isr = s ? s.isr : [];
        const adding = z.adding.get(partition) ?? [];
        const removing = z.removing.get(partition) ?? [];
        const recovering = s !== null && s !== undefined && s.leaderRecoveryState === 1;
        parts.push({
          partition,
          leader,
          replicas,
          isr,
          // ZooKeeper-mode Kafka compares the ISR with the full replica set (also mid-reassignment).
          // A recovering leader's ISR is itself alone (KIP-704), which Kafka's filter therefore
          // reports as under-replicated; ktool says so explicitly.
          underReplicated: isr.length < replicas.length || recovering,
          unavailable: leader === null || !live.has(leader),
          nonPreferredLeader: leader !== null && leader >= 0 && leader !== replicas[0],
          addingReplicas: adding,
          removingReplicas: removing,
          targetReplicas: removing.length ? replicas.filter((r) => !removing.includes(r)) : replicas,
          leaderRecoveryState: s ? s.leaderRecoveryState : null,
          recovering,
        });
      }
    }
    const first = a ? a.values().next().value : undefined;
    return {
      topic,
      topicId: z ? z.topicId : null,
      exists: Boolean(a),
      partitionCount: a ? a.size : 0,
      replicationFactor: first ? first.length : 0,
      configs: configs[k] ?? new Map(),
      markedForDeletion: marked.has(topic),
      internal: internal(topic),
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
