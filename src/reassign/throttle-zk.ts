// Throttle configs as ZooKeeper ops: versioned writes of /config/topics/<t> and /config/brokers/<id>
// that keep every other override, each followed by a change notice in the cluster's format
// (topics: configChangeNoticeVersion of the cluster's version; brokers: always version 2, the only
// form Kafka 0.10.1+ applies, kafka-zk-safety.md H3). The caller commits them in one multi (with
// the reassignment znode), so a lost race changes nothing.
import type { Op, ZkClient } from '../zk/client.js';
import * as P from '../zk/paths.js';
import { mapLimit, DEFAULT_PIPELINE } from '../zk/pipeline.js';
import { decodeEntityConfig, type ConfigMap } from '../zk/codecs/entityConfig.js';
import { configChangeNoticeOp, entityConfigWriteOp } from '../zk/entity-config-write.js';
import { BROKER_THROTTLE_KEYS, FOLLOWER_RATE, FOLLOWER_REPLICAS, LEADER_RATE, LEADER_REPLICAS, TOPIC_THROTTLE_KEYS, type ThrottlePlan } from './throttle-plan.js';
import { emptyScope, type ThrottleScope } from './throttle-record.js';

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
function opsFor(changed: Array<{ e: EntityConfig; config: ConfigMap }>, topicNoticeVersion: 1 | 2): Op[] {
  const writes = changed.map(({ e, config }) => entityConfigWriteOp(e.type, e.name, config, e.version < 0 ? null : e.version));
  const notes = changed.map(({ e }) => configChangeNoticeOp(e.type, e.name, topicNoticeVersion));
  return [...writes, ...notes];
}

async function ensureContainers(zk: ZkClient): Promise<void> {
  for (const p of [P.CONFIG_TOPICS, P.CONFIG_BROKERS, P.CONFIG_CHANGES]) await zk.mkdirp(p);
}

export interface ThrottleOps {
  ops: Op[];
  /** The entities and keys these ops set (what the throttle record must hold once they land). */
  set: ThrottleScope;
}

/** Ops that set the throttle of `plan` at `rate` bytes/s (empty when there is nothing to throttle). */
export async function setThrottleOps(zk: ZkClient, plan: ThrottlePlan, rate: number, topicNoticeVersion: 1 | 2): Promise<ThrottleOps> {
  const set = emptyScope();
  if (!plan.topics.size && !plan.brokers.length) return { ops: [], set };
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
    set.topics.set(e.name, [...TOPIC_THROTTLE_KEYS]);
  }
  for (const e of brokers) {
    const config = new Map(e.config);
    config.set(LEADER_RATE, String(rate));
    config.set(FOLLOWER_RATE, String(rate));
    changed.push({ e, config });
    set.brokers.set(e.name, [...BROKER_THROTTLE_KEYS]);
  }
  return { ops: opsFor(changed, topicNoticeVersion), set };
}

/**
 * Ops that remove exactly the keys of `scope` (only entities that still have one of them). No
 * other key and no other entity is touched; /config/brokers/<default> only if it is in `scope`.
 */
export async function removeThrottleOps(zk: ZkClient, scope: ThrottleScope, topicNoticeVersion: 1 | 2): Promise<Op[]> {
  const entities = [
    ...(await mapLimit([...scope.topics.keys()], DEFAULT_PIPELINE, (t) => readEntity(zk, 'topics', t))),
    ...(await mapLimit([...scope.brokers.keys()], DEFAULT_PIPELINE, (b) => readEntity(zk, 'brokers', b))),
  ];
  const changed: Array<{ e: EntityConfig; config: ConfigMap }> = [];
  for (const e of entities) {
    const keys = (e.type === 'topics' ? scope.topics : scope.brokers).get(e.name) ?? [];
    if (e.version < 0 || !keys.some((k) => e.config.has(k))) continue;
    const config = new Map(e.config);
    for (const k of keys) config.delete(k);
    changed.push({ e, config });
  }
  return opsFor(changed, topicNoticeVersion);
}
