// /config/<entity-type>/<name>: dynamic config overrides; every value is a string.
import { parseZnodeJson } from './validate.js';

export type ConfigMap = Map<string, string>;

interface Raw {
  config: Record<string, string>;
}

export function encodeEntityConfig(config: ConfigMap): Buffer {
  return Buffer.from(JSON.stringify({ version: 1, config: Object.fromEntries(config) }));
}

export function decodeEntityConfig(data: Buffer | null, path: string): ConfigMap {
  // A container written with null data (old clusters) means "no overrides".
  if (data === null || data.length === 0) return new Map();
  const raw = parseZnodeJson<Raw>('znode-entity-config', data, path);
  return new Map(Object.entries(raw.config));
}
