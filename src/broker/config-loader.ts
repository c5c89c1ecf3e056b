// Builds a BrokerConfig from Kafka property names: a properties file, then --override k=v, then the
// dedicated flags (each later source wins). Bad values fail with the offending key named (exit 2);
// keys ktool does not use are reported as warnings, never silently accepted.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { DEFAULT_CONFIG, type BrokerConfig } from './config.js';
import { parseProperties } from './properties.js';

type Kind = 'int' | 'bool' | 'string';
interface KeySpec {
  field?: keyof BrokerConfig;
  kind: Kind;
  min?: number;
  max?: number;
}

/** Every Kafka key the daemon understands. */
export const KNOWN_KEYS: Record<string, KeySpec> = {
  'broker.id': { field: 'brokerId', kind: 'int', min: 0 },
  'zookeeper.connect': { field: 'zookeeperConnect', kind: 'string' },
  'zookeeper.session.timeout.ms': { field: 'zookeeperSessionTimeoutMs', kind: 'int', min: 1 },
  'zookeeper.connection.timeout.ms': { field: 'zookeeperConnectionTimeoutMs', kind: 'int', min: 1 },
  'host.name': { field: 'host', kind: 'string' },
  port: { field: 'port', kind: 'int', min: 0, max: 65535 },
  listeners: { kind: 'string' },
  'broker.rack': { field: 'rack', kind: 'string' },
  'log.dirs': { kind: 'string' },
  'log.dir': { kind: 'string' },
  'delete.topic.enable': { field: 'deleteTopicEnable', kind: 'bool' },
  'auto.leader.rebalance.enable': { field: 'autoLeaderRebalanceEnable', kind: 'bool' },
  'leader.imbalance.per.broker.percentage': { field: 'leaderImbalancePerBrokerPercentage', kind: 'int', min: 0, max: 100 },
  'leader.imbalance.check.interval.seconds': { field: 'leaderImbalanceCheckIntervalSeconds', kind: 'int', min: 1 },
  'unclean.leader.election.enable': { field: 'uncleanLeaderElectionEnable', kind: 'bool' },
  'replica.lag.time.max.ms': { field: 'replicaLagTimeMaxMs', kind: 'int', min: 1 },
  'controlled.shutdown.enable': { field: 'controlledShutdownEnable', kind: 'bool' },
  'controlled.shutdown.max.retries': { field: 'controlledShutdownMaxRetries', kind: 'int', min: 0 },
  'controlled.shutdown.retry.backoff.ms': { field: 'controlledShutdownRetryBackoffMs', kind: 'int', min: 0 },
  'controller.socket.timeout.ms': { field: 'controllerSocketTimeoutMs', kind: 'int', min: 1 },
  'log.level': { field: 'logLevel', kind: 'string' },
};

/** A value with the place it came from, so errors can name the flag or the file key. */
export interface Setting {
  key: string;
  value: string;
  source: string;
}

export interface LoadedConfig {
  config: BrokerConfig;
  warnings: string[];
}

function parseValue(s: Setting, spec: KeySpec): number | boolean | string {
  const where = s.source === s.key ? s.key : `${s.key} (from ${s.source})`;
  const v = s.value.trim();
  if (spec.kind === 'int') {
    if (!/^-?\d+$/.test(v)) throw new UsageError(`Invalid value "${s.value}" for ${where}: expected an integer`);
    const n = Number(v);
    // Kafka reads these as Java ints; beyond that range Number() would silently round.
    if (n > 2 ** 31 - 1 || n < -(2 ** 31)) throw new UsageError(`Invalid value "${s.value}" for ${where}: out of range (at most ${2 ** 31 - 1})`);
    if (spec.min !== undefined && n < spec.min) throw new UsageError(`Invalid value "${s.value}" for ${where}: must be >= ${spec.min}`);
    if (spec.max !== undefined && n > spec.max) throw new UsageError(`Invalid value "${s.value}" for ${where}: must be <= ${spec.max}`);
    return n;
  }
  if (spec.kind === 'bool') {
    if (/^true$/i.test(v)) return true;
    if (/^false$/i.test(v)) return false;
    throw new UsageError(`Invalid value "${s.value}" for ${where}: expected true or false`);
  }
  if (!v && s.key !== 'broker.rack') throw new UsageError(`Invalid value "" for ${where}: must not be empty`);
  return v;
}

export function readPropertiesFile(path: string): Setting[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read config file ${path}: ${(err as Error).message}`);
  }
  return [...parseProperties(text)].map(([key, value]) => ({ key, value, source: path }));
}

/** `k=v` strings from --override. */
export function parseOverrides(list: readonly string[]): Setting[] {
  return list.map((o) => {
    const i = o.indexOf('=');
    if (i <= 0) throw new UsageError(`Invalid --override "${o}": expected key=value`);
    return { key: o.slice(0, i).trim(), value: o.slice(i + 1), source: '--override' };
  });
}

/** Apply settings in order (later wins) over Kafka's defaults. */
export function buildBrokerConfig(settings: readonly Setting[]): LoadedConfig {
  const warnings: string[] = [];
  const cfg: Record<string, unknown> = { ...DEFAULT_CONFIG, brokerId: undefined, dataDir: undefined };
  for (const s of settings) {
    const spec = KNOWN_KEYS[s.key];
    if (!spec) {
      warnings.push(`Ignoring unknown property ${s.key} (from ${s.source}): ktool does not use it`);
      continue;
    }
    const value = parseValue(s, spec);
    if (spec.field) cfg[spec.field] = value;
    else if (s.key === 'log.dirs' || s.key === 'log.dir') {
      const dirs = String(value).split(',').map((d) => d.trim()).filter(Boolean);
      if (dirs.length > 1) warnings.push(`${s.key} lists ${dirs.length} directories; ktool uses only the first, ${dirs[0]}`);
      cfg.dataDir = dirs[0];
    } else if (s.key === 'listeners') {
      const m = /^PLAINTEXT:\/\/(\[[^\]]*\]|[^:,]*):(\d+)$/.exec(String(value));
      if (!m) throw new UsageError(`Invalid value "${s.value}" for listeners (from ${s.source}): ktool supports one PLAINTEXT://host:port listener`);
      if (m[1]) cfg.host = m[1].replace(/^\[|\]$/g, '');
      cfg.port = Number(m[2]);
    }
  }
  if (cfg.brokerId === undefined) throw new UsageError('Missing broker.id: pass --broker-id or set broker.id in the config file');
  if (!['debug', 'info', 'warn', 'error'].includes(String(cfg.logLevel))) {
    throw new UsageError(`Invalid value "${String(cfg.logLevel)}" for log.level: expected debug, info, warn or error`);
  }
  if (cfg.rack === '') cfg.rack = null;
  cfg.dataDir ??= join(tmpdir(), `ktool-broker-${String(cfg.brokerId)}`);
  return { config: cfg as unknown as BrokerConfig, warnings };
}
