// Raw floors measured in the same run as the daemons: what one Node process with the plain
// ZooKeeper client needs for the ZooKeeper work a failover cannot avoid.
import type { ZkClient, Op } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { mapLimit, chunk, DEFAULT_PIPELINE } from '../../src/zk/pipeline.js';
import { decodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { decodePartitionState, encodePartitionState, type PartitionState } from '../../src/zk/codecs/partitionState.js';
import type { PartitionRef } from '../../src/zk/readers.js';

export interface ContextRead {
  ms: number;
  topics: number;
  partitions: Array<PartitionRef & { replicas: number[]; state: PartitionState | null }>;
}

/**
 * The controller's context load, pipelined: broker registrations, every /brokers/topics/<t> and
 * every partition state znode.
 */
export async function rawContextRead(zk: ZkClient): Promise<ContextRead> {
  const t0 = performance.now();
  const ids = await zk.childrenOrEmpty(P.BROKER_IDS);
  await mapLimit(ids, DEFAULT_PIPELINE, (id) => zk.tryGetData(`${P.BROKER_IDS}/${id}`));
  const topics = await zk.childrenOrEmpty(P.BROKER_TOPICS);
  const assignments = await mapLimit(topics, DEFAULT_PIPELINE, async (topic) => {
    const r = await zk.getData(P.topicPath(topic));
    return { topic, a: decodeTopicAssignment(r.data, P.topicPath(topic)).partitions };
  });
  const refs = assignments.flatMap(({ topic, a }) => [...a].map(([partition, replicas]) => ({ topic, partition, replicas })));
  const states = await mapLimit(refs, DEFAULT_PIPELINE, async (r) => {
    const path = P.partitionStatePath(r.topic, r.partition);
    const got = await zk.tryGetData(path);
    return got ? decodePartitionState(got.data, path) : null;
  });
  const ms = performance.now() - t0;
  return { ms, topics: topics.length, partitions: refs.map((r, i) => ({ ...r, state: states[i]! })) };
}

/**
 * The unavoidable writes of a broker failover: `count` state znodes rewritten, 100 per multi,
 * 10 multis in flight, in a scratch subtree (created first, untimed). Returns the timed part in ms.
 */
export async function rawStateWrites(zk: ZkClient, scratchRoot: string, count: number): Promise<number> {
  await zk.removeRecursive(scratchRoot);
  await zk.mkdirp(scratchRoot);
  const paths = Array.from({ length: count }, (_, i) => `${scratchRoot}/p${i}`);
  const before = encodePartitionState({ controllerEpoch: 1, leader: 1, leaderEpoch: 0, isr: [1, 2] });
  await mapLimit(chunk(paths, 100), 10, (batch) => zk.multi(batch.map((path): Op => ({ op: 'create', path, data: before }))));
  const after = encodePartitionState({ controllerEpoch: 1, leader: 2, leaderEpoch: 1, isr: [2] });
  const t0 = performance.now();
  await mapLimit(chunk(paths, 100), 10, (batch) => zk.multi(batch.map((path): Op => ({ op: 'set', path, data: after, version: 0 }))));
  const ms = performance.now() - t0;
  await zk.removeRecursive(scratchRoot);
  return ms;
}

/**
 * Floor for leader assignment of new topics: create every /partitions, /partitions/<p> and state
 * znode for `count` partitions (100 partitions per topic), 300 ops per multi, 10 in flight.
 */
export async function rawPartitionCreates(zk: ZkClient, scratchRoot: string, count: number): Promise<number> {
  await zk.removeRecursive(scratchRoot);
  await zk.mkdirp(scratchRoot);
  const topics = Math.ceil(count / 100);
  for (let t = 0; t < topics; t++) await zk.create(`${scratchRoot}/t${t}`);
  const state = encodePartitionState({ controllerEpoch: 1, leader: 1, leaderEpoch: 0, isr: [1, 2] });
  const t0 = performance.now();
  await mapLimit(Array.from({ length: topics }, (_, t) => t), 10, async (t) => {
    const base = `${scratchRoot}/t${t}/partitions`;
    const ops: Op[] = [{ op: 'create', path: base }];
    for (let p = 0; p < Math.min(100, count - t * 100); p++) ops.push({ op: 'create', path: `${base}/${p}` }, { op: 'create', path: `${base}/${p}/state`, data: state });
    for (const batch of chunk(ops, 300)) await zk.multi(batch);
  });
  const ms = performance.now() - t0;
  await zk.removeRecursive(scratchRoot, 256);
  return ms;
}
