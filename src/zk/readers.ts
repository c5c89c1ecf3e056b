// Pipelined reads of the cluster state that several tools and the controller share.
import type { ZkClient } from './client.js';
import { isZkCode } from './errors.js';
import * as P from './paths.js';
import { mapLimit, DEFAULT_PIPELINE } from './pipeline.js';
import { decodeBrokerRegistration, type BrokerRegistration } from './codecs/brokerRegistration.js';
import { decodeTopicAssignment, type TopicAssignment } from './codecs/topicAssignment.js';
import { decodePartitionState, type PartitionState } from './codecs/partitionState.js';

/** Live broker ids: the children of /brokers/ids, sorted numerically. */
export async function liveBrokerIds(zk: ZkClient): Promise<number[]> {
  const ids = await zk.childrenOrEmpty(P.BROKER_IDS);
  return ids.map(Number).filter((n) => Number.isInteger(n)).sort((a, b) => a - b);
}

/** Registrations of live brokers, sorted by id (a broker that vanished meanwhile is skipped). */
export async function liveBrokers(zk: ZkClient): Promise<BrokerRegistration[]> {
  const ids = await liveBrokerIds(zk);
  const regs = await mapLimit(ids, DEFAULT_PIPELINE, async (id) => {
    const got = await zk.tryGetData(P.brokerPath(id));
    return got ? decodeBrokerRegistration(id, got.data, P.brokerPath(id)) : null;
  });
  return regs.filter((r): r is BrokerRegistration => r !== null);
}

/** Topic names (children of /brokers/topics), sorted lexicographically. */
export async function allTopics(zk: ZkClient): Promise<string[]> {
  return (await zk.childrenOrEmpty(P.BROKER_TOPICS)).sort();
}

/** Topics marked for deletion (children of /admin/delete_topics). */
export async function topicsMarkedForDeletion(zk: ZkClient): Promise<Set<string>> {
  return new Set(await zk.childrenOrEmpty(P.DELETE_TOPICS));
}

export interface TopicAssignmentWithVersion extends TopicAssignment {
  topic: string;
  /** zk version of /brokers/topics/<t>, for conditional writes. */
  version: number;
}

/** Assignments of the given topics; topics that do not exist are left out of the map. */
export async function readAssignments(zk: ZkClient, topics: readonly string[]): Promise<Map<string, TopicAssignmentWithVersion>> {
  const got = await mapLimit(topics, DEFAULT_PIPELINE, async (topic) => {
    const r = await zk.tryGetData(P.topicPath(topic));
    return r ? { topic, version: r.stat.version, ...decodeTopicAssignment(r.data, P.topicPath(topic)) } : null;
  });
  const out = new Map<string, TopicAssignmentWithVersion>();
  for (const a of got) if (a) out.set(a.topic, a);
  return out;
}

export interface PartitionStateWithVersion extends PartitionState {
  version: number;
}

export interface PartitionRef {
  topic: string;
  partition: number;
}

/** State znodes of the given partitions, pipelined; a missing znode maps to null. */
export async function readPartitionStates(zk: ZkClient, partitions: readonly PartitionRef[]): Promise<Array<PartitionStateWithVersion | null>> {
  return mapLimit(partitions, DEFAULT_PIPELINE, async ({ topic, partition }) => {
    const path = P.partitionStatePath(topic, partition);
    try {
      const r = await zk.getData(path);
      return { ...decodePartitionState(r.data, path), version: r.stat.version };
    } catch (err) {
      if (isZkCode(err, 'NO_NODE')) return null;
      throw err;
    }
  });
}
