// `--config k=v` / `--delete-config k` parsing, and their checks against the topic-config catalog
// (src/kafka/configs) of the cluster's Kafka version. Without a version the checks are Kafka 0.9's
// (names, validators and messages), as before the catalog.
import { versionOfLine, type KafkaVersion } from '../kafka/version.js';
import { TOPIC_CONFIG_CATALOG, TopicConfigError, topicConfigNames, validateDeleteConfigNamesFor, validateTopicConfigsFor } from '../kafka/configs/index.js';
import { TopicCommandError } from './errors.js';

const V09 = versionOfLine('0.9.0');

export interface TopicConfigDef {
  name: string;
  type: string;
}

/** Kafka 0.9's list, in the order of its usage text (kept for callers of the 0.9 table). */
export const TOPIC_CONFIGS: readonly TopicConfigDef[] = topicConfigNames(V09).map((name) => ({
  name,
  type: TOPIC_CONFIG_CATALOG.find((e) => e.name === name)!.eras[0]!.type,
}));

/** Catalog errors become the topic command's runtime error (exit 1, Kafka's prefix). */
function asCommandError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TopicConfigError) throw new TopicCommandError(err.message);
    throw err;
  }
}

/** Names first, then values (Kafka's LogConfig.validate order), for `version` (default 0.9). */
export function validateTopicConfigs(configs: ReadonlyMap<string, string>, version: KafkaVersion = V09): void {
  asCommandError(() => validateTopicConfigsFor(version, configs));
}

/**
 * `--config k=v` syntax: split on `\s*=\s*` (Java split: trailing empty parts dropped), exactly two
 * parts, trimmed. Later repeats of a key win, as in Kafka's Properties. Names and values are not checked.
 */
export function parseConfigPairs(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const arg of args) {
    const parts = arg.split(/\s*=\s*/);
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    if (parts.length !== 2) {
      throw new TopicCommandError('requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".');
    }
    out.set(parts[0]!.trim(), parts[1]!.trim());
  }
  return out;
}

/** `--config` values parsed and validated for `version` (default 0.9). */
export function parseConfigArgs(args: readonly string[], version: KafkaVersion = V09): Map<string, string> {
  const out = parseConfigPairs(args);
  validateTopicConfigs(out, version);
  return out;
}

/** `--delete-config` values, trimmed; the names must be topic configs `version` (default 0.9) knows. */
export function parseDeleteConfigArgs(args: readonly string[], version: KafkaVersion = V09): string[] {
  const names = args.map((a) => a.trim());
  asCommandError(() => validateDeleteConfigNamesFor(version, names));
  return names;
}

/** Overrides sorted by name: the order ktool writes to /config/topics/<t> and prints. */
export function sortedConfigs(configs: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...configs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
