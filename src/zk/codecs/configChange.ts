// /config/changes/config_change_<seq>: tells brokers which entity's config changed.
// Version 1 {"version":1,"entity_type","entity_name"} is what 0.9–0.10.0 write; version 2
// {"version":2,"entity_path":"T/N"} is what 0.10.1+ write. 0.10.1–3.9 accept v1 only for topics
// and clients, so broker notices are always v2 (kafka-zk-safety.md H3). Every form is read.
import { parseZnodeJson } from './validate.js';

export interface ConfigChange {
  entityType: string;
  entityName: string;
}

type Raw = string | { version: 1; entity_type: string; entity_name: string } | { version: 2; entity_path: string };

export function encodeConfigChange(c: ConfigChange, version: 1 | 2 = 1): Buffer {
  if (version === 2) return Buffer.from(JSON.stringify({ version: 2, entity_path: `${c.entityType}/${c.entityName}` }));
  return Buffer.from(JSON.stringify({ version: 1, entity_type: c.entityType, entity_name: c.entityName }));
}

export function decodeConfigChange(data: Buffer | null, path: string): ConfigChange {
  const raw = parseZnodeJson<Raw>('znode-config-change', data, path);
  if (typeof raw === 'string') return { entityType: 'topics', entityName: raw };
  if (raw.version === 1) return { entityType: raw.entity_type, entityName: raw.entity_name };
  const i = raw.entity_path.indexOf('/');
  return { entityType: raw.entity_path.slice(0, i), entityName: raw.entity_path.slice(i + 1) };
}
