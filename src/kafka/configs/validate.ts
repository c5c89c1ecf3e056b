// Checks `--config` names and values against the topic-config catalog of one Kafka release line,
// with that line's messages (ConfigException texts; the unknown-name message changed in 0.10.0,
// 0.10.1 and 0.11). Beyond Kafka: an unknown name also names the version and the closest known
// name, and a value a later release accepts names the release that introduced it. The 0.9.0
// messages stay exactly Kafka 0.9's.
import { atLeast, compareVersions, versionOfLine, type KafkaVersion } from '../version.js';
import { TOPIC_CONFIG_CATALOG, type CatalogEntry, type ConfigEra } from './catalog.js';

/** A refused config (the caller wraps it in its own error type to keep its exit code). */
export class TopicConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TopicConfigError';
  }
}

const BY_NAME = new Map(TOPIC_CONFIG_CATALOG.map((e) => [e.name, e]));
const LATEST = versionOfLine('3.9');

const known = (e: CatalogEntry, v: KafkaVersion): boolean => atLeast(v, e.since) && (e.until === undefined || !atLeast(v, e.until));
const is09 = (v: KafkaVersion): boolean => v.line === '0.9.0';

/** The names the version knows, sorted (Kafka's `configNames`). */
export function topicConfigNames(v: KafkaVersion): string[] {
  return TOPIC_CONFIG_CATALOG.filter((e) => known(e, v)).map((e) => e.name).sort();
}

/** The catalog entry when the version knows the name. */
export function topicConfigEntry(v: KafkaVersion, name: string): CatalogEntry | undefined {
  const e = BY_NAME.get(name);
  return e && known(e, v) ? e : undefined;
}

function eraAt(e: CatalogEntry, v: KafkaVersion): ConfigEra {
  let era = e.eras[0]!;
  for (const x of e.eras) if (atLeast(v, x.since)) era = x;
  return era;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The known name nearest to `name` (edit distance; ties: alphabetical). */
export function closestTopicConfig(v: KafkaVersion, name: string): string {
  let best = '';
  let dist = Infinity;
  for (const n of topicConfigNames(v)) {
    const d = levenshtein(name, n);
    if (d < dist) [best, dist] = [n, d];
  }
  return best;
}

/** Kafka's own unknown-name message of that line. */
function kafkaUnknownMessage(v: KafkaVersion, name: string): string {
  if (is09(v)) return `requirement failed: Unknown configuration "${name}".`;
  if (v.line === '0.10.0') return `requirement failed: Unknown configuration \`${name}\`.`;
  if (!atLeast(v, '0.11.0')) return `Unknown Log configuration ${name}.`;
  return `Unknown topic config name: ${name}`;
}

export function unknownConfigError(v: KafkaVersion, name: string): TopicConfigError {
  const msg = kafkaUnknownMessage(v, name);
  if (is09(v)) return new TopicConfigError(msg);
  const later = BY_NAME.get(name);
  const why = later && compareVersions(versionOfLine(later.since), v) > 0 ? `; ${name} was added in Kafka ${later.since}` : '';
  return new TopicConfigError(`${msg} (Kafka ${v.line} has no such topic config${why}; closest known: ${closestTopicConfig(v, name)})`);
}

const INTEGER = /^[+-]?\d+$/;
const DOUBLE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|Infinity)[fFdD]?$/;
const LIMITS = { INT: [-(2n ** 31n), 2n ** 31n - 1n], LONG: [-(2n ** 63n), 2n ** 63n - 1n] } as const;
const THROTTLED_ITEM = /^([0-9]+:[0-9]+)?$/;

/** Java's Double.toString for the values users type (integral doubles keep a ".0"). */
function javaDouble(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e7 ? n.toFixed(1) : String(n);
}

const invalid = (name: string, value: string, why: string): TopicConfigError =>
  new TopicConfigError(`Invalid value ${value} for configuration ${name}: ${why}`);

/** ConfigDef LIST parsing: trimmed, split on commas with surrounding blanks; "" = no items. */
function listItems(v: string): string[] {
  const t = v.trim();
  return t === '' ? [] : t.split(/\s*,\s*/);
}

/** Message-format / IBP lines Kafka knows (ApiVersion, MetadataVersion), oldest first. */
const API_VERSION_LINES = ['0.8.0', '0.8.1', '0.8.2', ...['0.9.0', '0.10.0', '0.10.1', '0.10.2', '0.11.0', '1.0', '1.1', '2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9']];

function apiVersionValid(raw: string, v: KafkaVersion): boolean {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-IV\d+)?$/.exec(raw);
  if (!m) return false;
  // ApiVersion.apply keys on three segments for 0.x and two from 1.0.
  const line = m[1] === '0' ? (m[3] === undefined ? null : `0.${m[2]}.${m[3]}`) : `${m[1]}.${m[2]}`;
  if (line === null || !API_VERSION_LINES.includes(line)) return false;
  if (line.startsWith('0.8.')) return true;
  return compareVersions(versionOfLine(line), v) <= 0;
}

/** Throws the era's ConfigException text when `raw` is not valid. */
function checkEra(name: string, era: ConfigEra, raw: string, v: KafkaVersion, valuesSince?: Readonly<Record<string, string>>): void {
  const val = raw.trim();
  const allowed = era.oneOf?.filter((x) => !valuesSince?.[x] || atLeast(v, valuesSince[x]!));
  switch (era.type) {
    case 'INT':
    case 'LONG': {
      if (!INTEGER.test(val)) throw invalid(name, raw, `Not a number of type ${era.type}`);
      const n = BigInt(val);
      const [lo, hi] = LIMITS[era.type];
      if (n < lo || n > hi) throw invalid(name, raw, `Not a number of type ${era.type}`);
      if (era.special === 'gzip-level' && (n > 9n || (n < 1n && n !== -1n))) throw invalid(name, n.toString(), 'Value must be between 1 and 9 or equal to -1');
      if (era.min !== undefined && n < BigInt(era.min)) throw invalid(name, n.toString(), `Value must be at least ${era.min}`);
      if (era.max !== undefined && n > BigInt(era.max)) throw invalid(name, n.toString(), `Value must be no more than ${era.max}`);
      return;
    }
    case 'DOUBLE': {
      if (!DOUBLE.test(val)) throw invalid(name, raw, `Not a number of type ${era.type}`);
      const n = Number(val.replace(/[fFdD]$/, ''));
      if (era.min !== undefined && !(n >= era.min)) throw invalid(name, javaDouble(n), `Value must be at least ${era.min}`);
      if (era.max !== undefined && !(n <= era.max)) throw invalid(name, javaDouble(n), `Value must be no more than ${era.max}`);
      return;
    }
    case 'BOOLEAN':
      if (!/^(true|false)$/i.test(val)) throw invalid(name, raw, 'Expected value to be either true or false');
      if (era.special === 'false-in-zk' && /^true$/i.test(val)) {
        throw new TopicConfigError("It is invalid to set `remote.log.delete.on.disable` or `remote.log.copy.disable` under Zookeeper's mode.");
      }
      return;
    case 'STRING':
      if (allowed && !allowed.includes(val)) throw invalid(name, val, `String must be one of: ${allowed.join(', ')}`);
      if (era.special === 'api-version' && !apiVersionValid(val, v)) {
        throw invalid(name, val, atLeast(v, '3.3') ? `Version ${val} is not a valid version` : `Version \`${val}\` is not a valid version`);
      }
      return;
    case 'LIST': {
      const items = listItems(val);
      if (allowed) for (const it of items) if (!allowed.includes(it)) throw invalid(name, it, `String must be one of: ${allowed.join(', ')}`);
      if (era.special === 'throttled-replicas') {
        const ok = items.length === 1 && items[0] === '*' ? true : items.every((it) => THROTTLED_ITEM.test(it.trim()));
        if (!ok) throw invalid(name, `[${items.join(', ')}]`, throttledMessage(name, v));
      }
      return;
    }
  }
}

function throttledMessage(name: string, v: KafkaVersion): string {
  if (!atLeast(v, '1.1')) return `${name}  must match for format [partitionId],[brokerId]:[partitionId],[brokerId]:[partitionId],[brokerId] etc`;
  if (!atLeast(v, '2.4')) return `${name} must be the literal '*' or a list of replicas in the following format: [partitionId],[brokerId]:[partitionId],[brokerId]:...`;
  return `${name} must be the literal '*' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...`;
}

/** The first later release line whose validator accepts `raw`, if any. */
function laterLineAccepting(e: CatalogEntry, raw: string, v: KafkaVersion): string | undefined {
  const candidates = new Set<string>([...e.eras.map((x) => x.since), ...Object.values(e.valuesSince ?? {})]);
  const later = [...candidates].map(versionOfLine).filter((x) => compareVersions(x, v) > 0).sort(compareVersions);
  for (const lv of later) {
    try {
      checkEra(e.name, eraAt(e, lv), raw, lv, e.valuesSince);
      return lv.line;
    } catch {
      /* not valid there either */
    }
  }
  // Values only the newest validator accepts (e.g. a 3.9 message format).
  if (e.name === 'message.format.version' && compareVersions(v, LATEST) < 0) {
    try {
      checkEra(e.name, eraAt(e, LATEST), raw, LATEST);
      const m = /^(\d+)\.(\d+)/.exec(raw.trim())!;
      return m[1] === '0' ? undefined : `${m[1]}.${m[2]}`;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Throws when `raw` is not a valid value of the known config `e` at `v`. */
export function checkTopicConfigValue(v: KafkaVersion, e: CatalogEntry, raw: string): void {
  try {
    checkEra(e.name, eraAt(e, v), raw, v, e.valuesSince);
  } catch (err) {
    if (is09(v) || !(err instanceof TopicConfigError)) throw err;
    const later = laterLineAccepting(e, raw, v);
    if (!later) throw err;
    throw new TopicConfigError(`${err.message} (Kafka ${later} accepts this value; the cluster runs Kafka ${v.line})`);
  }
}

/** Checks that span configs (LogConfig.validateValues and the remote-storage rules). */
function checkTogether(v: KafkaVersion, configs: ReadonlyMap<string, string>): void {
  const min = configs.get('min.compaction.lag.ms');
  const max = configs.get('max.compaction.lag.ms');
  if (min !== undefined && max !== undefined && atLeast(v, '2.3') && BigInt(min.trim()) > BigInt(max.trim())) {
    throw new TopicConfigError(`conflict topic config setting min.compaction.lag.ms (${min.trim()}) > max.compaction.lag.ms (${max.trim()})`);
  }
  const remote = configs.get('remote.storage.enable');
  const policy = configs.get('cleanup.policy');
  if (atLeast(v, '3.6') && remote !== undefined && /^true$/i.test(remote.trim()) && policy !== undefined && policy.toLowerCase().includes('compact')) {
    throw new TopicConfigError('Remote log storage is unsupported for the compacted topics');
  }
}

/** Names first, then values, then cross-config rules (Kafka's LogConfig.validate order). */
export function validateTopicConfigsFor(v: KafkaVersion, configs: ReadonlyMap<string, string>): void {
  for (const name of configs.keys()) if (!topicConfigEntry(v, name)) throw unknownConfigError(v, name);
  for (const [name, value] of configs) checkTopicConfigValue(v, topicConfigEntry(v, name)!, value);
  checkTogether(v, configs);
}

/** `--delete-config` names: each must be a config the version knows. */
export function validateDeleteConfigNamesFor(v: KafkaVersion, names: readonly string[]): void {
  for (const n of names) if (!topicConfigEntry(v, n)) throw unknownConfigError(v, n);
}
