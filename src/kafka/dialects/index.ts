// The text dialect of a cluster's Kafka version: each release line 0.9–2.8 as its ZooKeeper-mode
// tools printed it; 3.x gets 2.8's (the last line with ZooKeeper-mode tools).
import { atLeast, type KafkaVersion } from '../version.js';
import type { Dialect } from './types.js';
import { dialect0_9 } from './v0_9.js';
import { dialect0_10_0, dialect0_10_1, dialect0_10_2 } from './v0_10.js';
import { dialect0_11, dialect1_0 } from './v0_11.js';
import { dialect1_1 } from './v1_1.js';
import { dialect2_2, dialect2_3 } from './v2_2.js';
import { dialect2_4 } from './v2_4.js';
import { dialect2_6, dialect2_7, dialect2_8 } from './v2_6.js';

export type { Dialect } from './types.js';
export * from './types.js';
export { javaHashMapOrder, javaStringHash } from './common.js';

/** Newest first: the first whose line the version has reached. */
const BY_LINE: ReadonlyArray<readonly [string, Dialect]> = [
  ['2.8', dialect2_8], ['2.7', dialect2_7], ['2.6', dialect2_6], ['2.4', dialect2_4], ['2.3', dialect2_3],
  ['2.2', dialect2_2], ['1.1', dialect1_1], ['1.0', dialect1_0], ['0.11.0', dialect0_11],
  ['0.10.2', dialect0_10_2], ['0.10.1', dialect0_10_1], ['0.10.0', dialect0_10_0],
];

export const DIALECT_0_9 = dialect0_9;

export function dialectFor(v: KafkaVersion): Dialect {
  for (const [line, d] of BY_LINE) if (atLeast(v, line)) return d;
  return dialect0_9;
}

/** Every dialect, oldest first (for tests and docs). */
export const ALL_DIALECTS: readonly Dialect[] = [dialect0_9, ...[...BY_LINE].reverse().map(([, d]) => d)];
