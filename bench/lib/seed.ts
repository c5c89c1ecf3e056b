// Writes a cluster's topic layout straight to ZooKeeper, as Kafka's tools and controller would
// have left it, so benches can start from 10,000 partitions in a second instead of minutes.
import type { ZkClient, Op } from '../../src/zk/client.js';
import { encodeTopicAssignment, encodePartitionState, encodeEntityConfig } from '../../src/zk/codecs/index.js';
import * as P from '../../src/zk/paths.js';
import { mapLimit } from '../../src/zk/pipeline.js';

export interface SeedSpec {
  topics: number;
  partitionsPerTopic: number;
  replicationFactor: number;
  brokerIds: number[];
  /** Topic name for index i (default bench-0007 style: sorted order = creation order). */
  name?: (i: number) => string;
  /** Config override for topic i, if any (one key, so printed order is unambiguous). */
  config?: (i: number) => Map<string, string> | undefined;
}

export const topicName = (i: number): string => `bench-${String(i).padStart(5, '0')}`;

/** Kafka's containers plus every topic's assignment, config and partition state znodes. */
export async function seedTopics(zk: ZkClient, spec: SeedSpec): Promise<{ partitions: number }> {
  for (const p of [...P.BROKER_CONTAINERS, P.CONFIG_CHANGES]) await zk.mkdirp(p);
  const name = spec.name ?? topicName;
  const n = spec.brokerIds.length;
  const indexes = Array.from({ length: spec.topics }, (_, i) => i);
  // One multi per topic (≤ ~2 ops per partition): 100 partitions stay far below jute.maxbuffer.
  await mapLimit(indexes, 16, async (i) => {
    const t = name(i);
    const assignment = new Map<number, number[]>();
    for (let p = 0; p < spec.partitionsPerTopic; p++) {
      assignment.set(p, Array.from({ length: spec.replicationFactor }, (_, r) => spec.brokerIds[(i + p + r) % n]!));
    }
    const ops: Op[] = [
      { op: 'create', path: P.topicConfigPath(t), data: encodeEntityConfig(spec.config?.(i) ?? new Map()) },
      { op: 'create', path: P.topicPath(t), data: encodeTopicAssignment(assignment) },
      { op: 'create', path: P.topicPartitionsPath(t), data: null },
    ];
    for (const [p, replicas] of assignment) {
      ops.push({ op: 'create', path: P.partitionPath(t, p), data: null });
      ops.push({ op: 'create', path: P.partitionStatePath(t, p), data: encodePartitionState({ controllerEpoch: 1, leader: replicas[0]!, leaderEpoch: 0, isr: replicas }) });
    }
    await zk.multi(ops);
  });
  return { partitions: spec.topics * spec.partitionsPerTopic };
}
