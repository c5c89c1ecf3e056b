// Pipelined reads for --describe (assignments, configs, partition states), decoded without the
// schema engine (see fast-decode.ts). 256 requests in flight measured cheapest in CPU; deeper
// pipelines only add garbage-collection work.
import type { ZkClient } from '../zk/client.js';
import type { PartitionState } from '../zk/codecs/partitionState.js';
import * as P from '../zk/paths.js';
import { DEFAULT_PIPELINE, mapLimit } from '../zk/pipeline.js';
import type { PartitionRef } from '../zk/readers.js';
import { decodeAssignmentFast, decodeConfigFast, decodeStateFast, decodeTopicZnodeFast } from './fast-decode.js';

/** Assignment of each topic, in order; undefined when the topic znode is gone. */
export async function readAssignmentsFast(zk: ZkClient, topics: readonly string[]): Promise<Array<Map<number, number[]> | undefined>> {
  return mapLimit(topics, DEFAULT_PIPELINE, async (t) => {
    const r = await zk.tryGetData(P.topicPath(t));
    return r ? decodeAssignmentFast(r.data, P.topicPath(t)) : undefined;
  });
}

/** Assignment and topic id (2.8+ znodes) of each topic, in order; undefined when the topic znode is gone. */
export async function readTopicZnodesFast(
  zk: ZkClient,
  topics: readonly string[],
): Promise<Array<{ partitions: Map<number, number[]>; topicId?: string } | undefined>> {
  return mapLimit(topics, DEFAULT_PIPELINE, async (t) => {
    const r = await zk.tryGetData(P.topicPath(t));
    return r ? decodeTopicZnodeFast(r.data, P.topicPath(t)) : undefined;
  });
}

/** Overrides of each topic, in order (missing znode → none). */
export async function readConfigsFast(zk: ZkClient, topics: readonly string[]): Promise<Array<Map<string, string>>> {
  return mapLimit(topics, DEFAULT_PIPELINE, async (t) => {
    const r = await zk.tryGetData(P.topicConfigPath(t));
    return r ? decodeConfigFast(r.data, P.topicConfigPath(t)) : new Map();
  });
}

/** State of each partition, in order; null when the state znode does not exist (no leader yet). */
export async function readStatesFast(zk: ZkClient, refs: readonly PartitionRef[]): Promise<Array<PartitionState | null>> {
  return mapLimit(refs, DEFAULT_PIPELINE, async ({ topic, partition }) => {
    const path = P.partitionStatePath(topic, partition);
    const r = await zk.tryGetData(path);
    return r ? decodeStateFast(r.data, path) : null;
  });
}
