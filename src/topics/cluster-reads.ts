// Pipelined reads the topics service needs beyond src/zk/readers.ts: znodes together with their
// zk version, so that every write can be conditional on what was read.
import type { ZkClient } from '../zk/client.js';
import { decodeEntityConfig, type ConfigMap } from '../zk/codecs/entityConfig.js';
import * as P from '../zk/paths.js';
import { DEFAULT_PIPELINE, mapLimit } from '../zk/pipeline.js';
import { liveBrokers } from '../zk/readers.js';
import type { BrokerInfo } from '../assignment/index.js';

export interface VersionedConfig {
  /** null when /config/topics/<t> does not exist. */
  version: number | null;
  config: ConfigMap;
}

export async function readVersionedTopicConfigs(zk: ZkClient, topics: readonly string[]): Promise<Map<string, VersionedConfig>> {
  const got = await mapLimit(topics, DEFAULT_PIPELINE, async (t) => {
    const r = await zk.tryGetData(P.topicConfigPath(t));
    const v: VersionedConfig = r ? { version: r.stat.version, config: decodeEntityConfig(r.data, P.topicConfigPath(t)) } : { version: null, config: new Map() };
    return [t, v] as const;
  });
  return new Map(got);
}

/** Live brokers as the assignment algorithm wants them: sorted by id, rack or null. */
export async function liveBrokerInfos(zk: ZkClient): Promise<BrokerInfo[]> {
  return (await liveBrokers(zk)).map((b) => ({ id: b.id, rack: b.rack }));
}
