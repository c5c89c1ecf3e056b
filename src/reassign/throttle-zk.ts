// Throttle configs as ZooKeeper ops: versioned writes of /config/topics/<t> and /config/brokers/<id>
// that keep every other override, each followed by a 0.9-format change notification. The caller
// commits them in one multi (with the reassignment znode), so a lost race changes nothing.
import type { Op, ZkClient } from '../zk/client.js';
import * as P from '../zk/paths.js';
import { mapLimit, DEFAULT_PIPELINE } from '../zk/pipeline.js';
import { decodeEntityConfig, type ConfigMap } from '../zk/codecs/entityConfig.js';
import { configChangeNoticeOp, entityConfigWriteOp } from '../zk/entity-config-write.js';
import { BROKER_THROTTLE_KEYS, FOLLOWER_RATE, FOLLOWER_REPLICAS, LEADER_RATE, LEADER_REPLICAS, TOPIC_THROTTLE_KEYS, type ThrottlePlan } from './throttle-plan.js';

interface EntityConfig {
  type: 'topics' | 'brokers';
  name: string;
  config: ConfigMap;
  /** zk version, or -1 when the znode does not exist. */
  version: number;
}

async function readEntity(zk: ZkClient, type: 'topics' | 'brokers', name: string): Promise<EntityConfig> {
  const path = P.entityConfigPath(type, name);
  const r = await zk.tryGetData(path);
  return { type, name, config: r ? decodeEntityConfig(r.data, path) : new Map(), version: r ? r.stat.version : -1 };
}

/** Write ops then notification ops (notifications always after the config they announce). */
function opsFor(changed: Array<{ e: EntityConfig; config: ConfigMap }>): Op[] {
  const writes = changed.map(({ e, config }) => entityConfigWriteOp(e.type, e.name, config, e.version < 0 ? null : e.version));
  const notes = changed.map(({ e }) => configChangeNoticeOp(e.type, e.name, 1));
  return [...writes, ...notes];
}

async function ensureContainers(zk: ZkClient): Promise<void> {
  for (const p of [P.CONFIG_TOPICS, P.CONFIG_BROKERS, P.CONFIG_CHANGES]) await zk.mkdirp(p);
}

/** Ops that set the throttle of `plan` at `rate` bytes/s (empty when there is nothing to throttle). */
export async function setThrottleOps(zk: ZkClient, plan: ThrottlePlan, rate: number): Promise<Op[]> {
  if (!plan.topics.size && !plan.brokers.length) return [];
  await ensureContainers(zk);
  const topics = await mapLimit([...plan.topics.keys()], DEFAULT_PIPELINE, (t) => readEntity(zk, 'topics', t));
  const brokers = await mapLimit(plan.brokers, DEFAULT_PIPELINE, (b) => readEntity(zk, 'brokers', String(b)));
  const changed: Array<{ e: EntityConfig; config: ConfigMap }> = [];
  for (const e of topics) {
    const t = plan.topics.get(e.name)!;
    const config = new Map(e.config);
    config.set(LEADER_REPLICAS, t.leader.join(','));
    config.set(FOLLOWER_REPLICAS, t.follower.join(','));
    changed.push({ e, config });
  }
  for (const e of brokers) {
    const config = new Map(e.config);
    config.set(LEADER_RATE, String(rate));
    config.set(FOLLOWER_RATE, String(rate));
    changed.push({ e, config });
  }
  return opsFor(changed);
}

/** Ops that remove the throttle keys from `topics` and from every broker config (only entities that have them). */
export async function removeThrottleOps(zk: ZkClient, topics: readonly string[]): Promise<Op[]> {
  const brokerNames = await zk.childrenOrEmpty(P.CONFIG_BROKERS);
  const entities = [
    ...(await mapLimit([...new Set(topics)], DEFAULT_PIPELINE, (t) => readEntity(zk, 'topics', t))),
    ...(await mapLimit(brokerNames, DEFAULT_PIPELINE, (b) => readEntity(zk, 'brokers', b))),
  ];
  const changed: Array<{ e: EntityConfig; config: ConfigMap }> = [];
  for (const e of entities) {
    const keys: readonly string[] = e.type === 'topics' ? TOPIC_THROTTLE_KEYS : BROKER_THROTTLE_KEYS;
    if (e.version < 0 || !keys.some((k) => e.config.has(k))) continue;
    const config = new Map(e.config);
    for (const k of keys) config.delete(k);
    changed.push({ e, config });
  }
  return opsFor(changed);
}
