// /config/changes/config_change_<seq>: tells brokers which entity's config changed.
// ktool writes the Kafka 0.9 form (version 1); it reads every form.
import { parseZnodeJson } from './validate.js';

export interface ConfigChange {
  entityType: string;
  entityName: string;
}

type Raw = string | { version: 1; entity_type: string; entity_name: string } | { version: 2; entity_path: string };

export function encodeConfigChange(c: ConfigChange): Buffer {
  return Buffer.from(JSON.stringify({ version: 1, entity_type: c.entityType, entity_name: c.entityName }));
}

export function decodeConfigChange(data: Buffer | null, path: string): ConfigChange {
  const raw = parseZnodeJson<Raw>('znode-config-change', data, path);
  if (typeof raw === 'string') return { entityType: 'topics', entityName: raw };
  if (raw.version === 1) return { entityType: raw.entity_type, entityName: raw.entity_name };
  const i = raw.entity_path.indexOf('/');
  return { entityType: raw.entity_path.slice(0, i), entityName: raw.entity_path.slice(i + 1) };
}
