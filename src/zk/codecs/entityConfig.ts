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

/**
 * Rewrite a config znode with new overrides, keeping its `version` and any other field it had
 * (kafka-zk-safety.md "keep what is there"); a missing or empty previous znode gets version 1.
 */
export function encodeEntityConfigOver(previous: Buffer | null, config: ConfigMap): Buffer {
  let raw: Record<string, unknown> = {};
  if (previous && previous.length) {
    const parsed: unknown = JSON.parse(previous.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  }
  const out: Record<string, unknown> = { version: 1, ...raw };
  out.config = Object.fromEntries(config);
  return Buffer.from(JSON.stringify(out));
}
