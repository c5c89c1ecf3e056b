// Pipelined reads the topics service needs beyond src/zk/readers.ts: znodes together with their
// zk version, so that every write can be conditional on what was read.
import type { ZkClient } from '../zk/client.js';
import { decodeEntityConfig, type ConfigMap } from '../zk/codecs/entityConfig.js';
import { decodeTopicAssignment, type Assignment } from '../zk/codecs/topicAssignment.js';
import * as P from '../zk/paths.js';
import { DEFAULT_PIPELINE, mapLimit } from '../zk/pipeline.js';
import { liveBrokers } from '../zk/readers.js';
import type { BrokerInfo } from '../assignment/index.js';

export interface VersionedConfig {
  /** null when /config/topics/<t> does not exist. */
  version: number | null;
  /** The znode's bytes, so a rewrite keeps every field it had. */
  raw: Buffer | null;
  config: ConfigMap;
}

export interface VersionedAssignment {
  /** zk data version of /brokers/topics/<t>. */
  version: number;
  /** The znode's bytes, so a rewrite keeps topic_id, adding/removing replicas and unknown keys. */
  raw: Buffer | null;
  partitions: Assignment;
  adding: Assignment;
  removing: Assignment;
  topicId?: string;
}

/** Topic znodes with their zk version and bytes; topics that do not exist are left out. */
export async function readVersionedTopicAssignments(zk: ZkClient, topics: readonly string[]): Promise<Map<string, VersionedAssignment>> {
  const got = await mapLimit(topics, DEFAULT_PIPELINE, async (t) => {
    const r = await zk.tryGetData(P.topicPath(t));
    if (!r) return null;
    const a = decodeTopicAssignment(r.data, P.topicPath(t));
    const v: VersionedAssignment = { version: r.stat.version, raw: r.data, partitions: a.partitions, adding: a.addingReplicas, removing: a.removingReplicas, topicId: a.topicId };
    return [t, v] as const;
  });
  return new Map(got.filter((x): x is readonly [string, VersionedAssignment] => x !== null));
}

export async function readVersionedTopicConfigs(zk: ZkClient, topics: readonly string[]): Promise<Map<string, VersionedConfig>> {
  const got = await mapLimit(topics, DEFAULT_PIPELINE, async (t) => {
    const r = await zk.tryGetData(P.topicConfigPath(t));
    const v: VersionedConfig = r ? { version: r.stat.version, raw: r.data, config: decodeEntityConfig(r.data, P.topicConfigPath(t)) } : { version: null, raw: null, config: new Map() };
    return [t, v] as const;
  });
  return new Map(got);
}

/** Live brokers as the assignment algorithm wants them: sorted by id, rack or null. */
export async function liveBrokerInfos(zk: ZkClient): Promise<BrokerInfo[]> {
  return (await liveBrokers(zk)).map((b) => ({ id: b.id, rack: b.rack }));
}
