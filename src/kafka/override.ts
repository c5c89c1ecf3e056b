// The user's version override: --kafka-version, else $KTOOL_KAFKA_VERSION. Kept apart from
// cluster.ts so commands can check it at start-up without loading ZooKeeper code.
import { parseKafkaVersion, type KafkaVersion } from './version.js';

export const KAFKA_VERSION_ENV = 'KTOOL_KAFKA_VERSION';

export type VersionSource = 'flag' | 'env' | 'inferred';

export interface VersionOverride {
  version: KafkaVersion;
  source: VersionSource;
}

/** The user's override: the flag, else the environment; undefined when neither is set. Throws a usage error (exit 2). */
export function versionOverride(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): VersionOverride | undefined {
  if (flag !== undefined) return { version: parseKafkaVersion(flag), source: 'flag' };
  const e = env[KAFKA_VERSION_ENV];
  if (e !== undefined && e !== '') {
    try {
      return { version: parseKafkaVersion(e), source: 'env' };
    } catch (err) {
      (err as Error).message = (err as Error).message.replace('--kafka-version', `$${KAFKA_VERSION_ENV}`);
      throw err;
    }
  }
  return undefined;
}

