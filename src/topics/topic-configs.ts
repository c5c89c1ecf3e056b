// Topic-level config overrides Kafka 0.9 accepts (LogConfig), with their types and validators,
// and the `--config k=v` / `--delete-config k` parsing. Messages are Kafka 0.9's.
import { TopicCommandError } from './errors.js';

type ConfigType = 'LONG' | 'INT' | 'DOUBLE' | 'BOOLEAN' | 'STRING';

export interface TopicConfigDef {
  name: string;
  type: ConfigType;
  min?: number;
  max?: number;
  /** Allowed values for STRING configs (case-sensitive, as Kafka). */
  oneOf?: readonly string[];
}

/** Kafka 0.9's list, in the order of its usage text. */
export const TOPIC_CONFIGS: readonly TopicConfigDef[] = [
  { name: 'cleanup.policy', type: 'STRING', oneOf: ['compact', 'delete'] },
  { name: 'compression.type', type: 'STRING', oneOf: ['uncompressed', 'snappy', 'lz4', 'gzip', 'producer'] },
  { name: 'delete.retention.ms', type: 'LONG', min: 0 },
  { name: 'file.delete.delay.ms', type: 'LONG', min: 0 },
  { name: 'flush.messages', type: 'LONG', min: 0 },
  { name: 'flush.ms', type: 'LONG', min: 0 },
  { name: 'index.interval.bytes', type: 'INT', min: 0 },
  { name: 'max.message.bytes', type: 'INT', min: 0 },
  { name: 'min.cleanable.dirty.ratio', type: 'DOUBLE', min: 0, max: 1 },
  { name: 'min.insync.replicas', type: 'INT', min: 1 },
  { name: 'preallocate', type: 'BOOLEAN' },
  { name: 'retention.bytes', type: 'LONG' },
  { name: 'retention.ms', type: 'LONG' },
  // A segment must hold at least one message header (0.9: 14 bytes).
  { name: 'segment.bytes', type: 'INT', min: 14 },
  { name: 'segment.index.bytes', type: 'INT', min: 0 },
  { name: 'segment.jitter.ms', type: 'LONG', min: 0 },
  { name: 'segment.ms', type: 'LONG', min: 0 },
  { name: 'unclean.leader.election.enable', type: 'BOOLEAN' },
];

const BY_NAME = new Map(TOPIC_CONFIGS.map((d) => [d.name, d]));

const INTEGER = /^[+-]?\d+$/;
const DOUBLE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|Infinity)[fFdD]?$/;
const LIMITS = {
  INT: [-(2n ** 31n), 2n ** 31n - 1n],
  LONG: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

/** Java's Double.toString for the values users type (integral doubles keep a ".0"). */
function javaDouble(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e7 ? n.toFixed(1) : String(n);
}

function invalid(name: string, value: string, why: string): TopicCommandError {
  return new TopicCommandError(`Invalid value ${value} for configuration ${name}: ${why}`);
}

/** Throws Kafka's ConfigException text if `raw` is not a valid value for `def`. */
function validateValue(def: TopicConfigDef, raw: string): void {
  const v = raw.trim();
  switch (def.type) {
    case 'INT':
    case 'LONG': {
      if (!INTEGER.test(v)) throw invalid(def.name, raw, `Not a number of type ${def.type}`);
      const n = BigInt(v);
      const [lo, hi] = LIMITS[def.type];
      if (n < lo || n > hi) throw invalid(def.name, raw, `Not a number of type ${def.type}`);
      if (def.min !== undefined && n < BigInt(def.min)) throw invalid(def.name, n.toString(), `Value must be at least ${def.min}`);
      if (def.max !== undefined && n > BigInt(def.max)) throw invalid(def.name, n.toString(), `Value must be no more than ${def.max}`);
      return;
    }
    case 'DOUBLE': {
      if (!DOUBLE.test(v)) throw invalid(def.name, raw, `Not a number of type ${def.type}`);
      const n = Number(v.replace(/[fFdD]$/, ''));
      if (def.min !== undefined && !(n >= def.min)) throw invalid(def.name, javaDouble(n), `Value must be at least ${def.min}`);
      if (def.max !== undefined && !(n <= def.max)) throw invalid(def.name, javaDouble(n), `Value must be no more than ${def.max}`);
      return;
    }
    case 'BOOLEAN':
      if (!/^(true|false)$/i.test(v)) throw invalid(def.name, raw, 'Expected value to be either true or false');
      return;
    case 'STRING':
      if (def.oneOf && !def.oneOf.includes(v)) throw invalid(def.name, v, `String must be one of: ${def.oneOf.join(', ')}`);
      return;
  }
}

function unknown(name: string): TopicCommandError {
  return new TopicCommandError(`requirement failed: Unknown configuration "${name}".`);
}

/** Names first, then values (Kafka's LogConfig.validate order). */
export function validateTopicConfigs(configs: ReadonlyMap<string, string>): void {
  for (const name of configs.keys()) if (!BY_NAME.has(name)) throw unknown(name);
  for (const [name, value] of configs) validateValue(BY_NAME.get(name)!, value);
}

/**
 * `--config k=v` values: split on `\s*=\s*` (Java split: trailing empty parts dropped), exactly two
 * parts, trimmed, then validated. Later repeats of a key win, as in Kafka's Properties.
 */
export function parseConfigArgs(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const arg of args) {
    const parts = arg.split(/\s*=\s*/);
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    if (parts.length !== 2) {
      throw new TopicCommandError('requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".');
    }
    out.set(parts[0]!.trim(), parts[1]!.trim());
  }
  validateTopicConfigs(out);
  return out;
}

/** `--delete-config k` values: trimmed, names must be known topic configs. */
export function parseDeleteConfigArgs(args: readonly string[]): string[] {
  const names = args.map((a) => a.trim());
  for (const n of names) if (!BY_NAME.has(n)) throw unknown(n);
  return names;
}

/** Overrides sorted by name: the order ktool writes to /config/topics/<t> and prints. */
export function sortedConfigs(configs: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...configs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
