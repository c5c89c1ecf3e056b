// Kafka release versions: parsing `--kafka-version`, ordering, and the release lines ktool knows.
// 0.x releases have four parts (0.10.1.1: line 0.10.1); 1.0 on have three (2.8.2: line 2.8).

export interface KafkaVersion {
  /** Comparable key: [0, 10, 1] for 0.10.1.x, [2, 8, 0] for 2.8.x (patch is not part of the line). */
  readonly key: readonly [number, number, number];
  /** The release line, as Kafka names it: "0.9.0", "0.10.1", "1.1", "2.8", "3.9". */
  readonly line: string;
  /** What the user or the inference gave, normalised (e.g. "2.8.2", "0.10.1.1", "3.4"). */
  readonly text: string;
}

/** Every release line from 0.9.0 to 3.9, oldest first. */
export const SUPPORTED_LINES: readonly string[] = [
  '0.9.0', '0.10.0', '0.10.1', '0.10.2', '0.11.0',
  '1.0', '1.1',
  '2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8',
  '3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9',
];

/** The version the bundled daemon speaks (and what an empty namespace counts as). */
export const DAEMON_VERSION_LINE = '0.9.0';

export class KafkaVersionError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'KafkaVersionError';
  }
}

function lineOf(key: readonly [number, number, number]): string {
  return key[0] === 0 ? `0.${key[1]}.${key[2]}` : `${key[0]}.${key[1]}`;
}

const LINE_KEYS = new Map<string, readonly [number, number, number]>(
  SUPPORTED_LINES.map((l) => {
    const p = l.split('.').map(Number);
    const key: readonly [number, number, number] = p[0] === 0 ? [0, p[1]!, p[2]!] : [p[0]!, p[1]!, 0];
    return [l, key];
  }),
);

function unsupported(value: string, why: string): KafkaVersionError {
  return new KafkaVersionError(
    `--kafka-version: ${why} "${value}"; supported release lines are ${SUPPORTED_LINES.join(', ')} (e.g. 0.10.1.1, 2.8.2, 3.9.0)`,
  );
}

/**
 * Parses a release such as "0.9.0.1", "0.10", "2.8", "2.8.2", "3.9.x". Suffixes after a '-'
 * (e.g. "3.9.0-rc3", "2.8.1-IV0") name the same line. Anything else is a usage error listing the lines.
 */
export function parseKafkaVersion(input: string): KafkaVersion {
  const value = input.trim();
  const m = /^(\d+)\.(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?(?:-[0-9A-Za-z.]+)?$/.exec(value);
  if (!m) throw unsupported(input, 'not a Kafka release');
  const a = Number(m[1]);
  const b = Number(m[2]);
  let key: [number, number, number];
  if (a === 0) {
    // 0.10 alone means the first release of that minor: 0.10.0.
    const c = m[3] === undefined || m[3] === 'x' ? 0 : Number(m[3]);
    key = [0, b, c];
  } else {
    if (m[4] !== undefined) throw unsupported(input, 'too many parts in');
    key = [a, b, 0];
  }
  const line = lineOf(key);
  if (!LINE_KEYS.has(line)) throw unsupported(input, 'unsupported Kafka release');
  return { key, line, text: value.replace(/-.*$/, '') };
}

/** The version for a release line known to be supported ("2.4", "0.10.1"). */
export function versionOfLine(line: string): KafkaVersion {
  const key = LINE_KEYS.get(line);
  if (!key) throw new Error(`unknown Kafka release line ${line}`);
  return { key, line, text: line };
}

export function compareVersions(a: KafkaVersion, b: KafkaVersion): number {
  for (let i = 0; i < 3; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
  return 0;
}

/** True when `v` is the release line `line` or later. */
export function atLeast(v: KafkaVersion, line: string): boolean {
  return compareVersions(v, versionOfLine(line)) >= 0;
}

/** The newer of two versions. */
export function maxVersion(a: KafkaVersion, b: KafkaVersion): KafkaVersion {
  return compareVersions(a, b) >= 0 ? a : b;
}
