// Ops that rewrite an entity's config znode and announce it in /config/changes; shared by topic
// --alter and the reassignment throttle so both write byte-identical znodes.
import type { Op } from './client.js';
import * as P from './paths.js';
import { encodeEntityConfig, type ConfigMap } from './codecs/entityConfig.js';
import { encodeConfigChange } from './codecs/configChange.js';

export type ConfigEntityType = 'topics' | 'brokers';

/** Create /config/<type>/<name> (version null: znode absent) or set it conditional on `version`. */
export function entityConfigWriteOp(entityType: ConfigEntityType, name: string, config: ConfigMap, version: number | null): Op {
  const path = P.entityConfigPath(entityType, name);
  const data = encodeEntityConfig(config);
  return version === null ? { op: 'create', path, data } : { op: 'set', path, data, version };
}

/**
 * The sequential /config/changes/config_change_ notification for that entity. `topicNoticeVersion`
 * is the cluster's format (configChangeNoticeVersion() in src/kafka/features.ts); broker notices are
 * always version 2, the only form Kafka 0.10.1+ applies to brokers.
 */
export function configChangeNoticeOp(entityType: ConfigEntityType, name: string, topicNoticeVersion: 1 | 2): Op {
  const version = entityType === 'brokers' ? 2 : topicNoticeVersion;
  return { op: 'create', path: P.CONFIG_CHANGE_PREFIX, data: encodeConfigChange({ entityType, entityName: name }, version), mode: 'persistent_sequential' };
}
