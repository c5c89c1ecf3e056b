// Where ktool finds ZooKeeper: --zookeeper, else $KTOOL_ZOOKEEPER, else 127.0.0.1:2181.
// Credentials only ever come from $KTOOL_ZK_AUTH (user:password), never from a flag.
import type { ZkClient } from '../zk/client.js';
import { validateConnectionString } from '../zk/connection-string.js';
import { UsageError } from './errors.js';
import type { ClusterKnowledge } from '../kafka/cluster.js';
import type { VersionSource } from '../kafka/override.js';
import type { KafkaVersion } from '../kafka/version.js';

export const DEFAULT_ZOOKEEPER = '127.0.0.1:2181';

export function resolveZookeeper(flag: string | undefined): string {
  return flag ?? process.env.KTOOL_ZOOKEEPER ?? DEFAULT_ZOOKEEPER;
}

/** The connection string to use, checked (exit 2 naming where it came from) before any connect. */
export function checkedZookeeper(flag: string | undefined): string {
  const cs = resolveZookeeper(flag);
  validateConnectionString(cs, flag !== undefined ? '--zookeeper' : process.env.KTOOL_ZOOKEEPER !== undefined ? 'KTOOL_ZOOKEEPER' : 'ZooKeeper connection string');
  return cs;
}

/** KTOOL_ZK_AUTH, checked; the message never repeats the value (it holds a password). */
export function zkAuthFromEnv(): string | undefined {
  const a = process.env.KTOOL_ZK_AUTH;
  if (!a) return undefined;
  const i = a.indexOf(':');
  if (i <= 0 || i === a.length - 1) throw new UsageError('Invalid KTOOL_ZK_AUTH: expected user:password (digest), with a non-empty user and password');
  return a;
}

/** Connect for a short-lived admin tool: bounded connect and request times. */
export async function connectForTool(zookeeper: string | undefined): Promise<ZkClient> {
  const { ZkClient } = await import('../zk/client.js');
  const raw = process.env.KTOOL_ZK_CONNECT_TIMEOUT_MS;
  const connectTimeoutMs = raw === undefined ? 10_000 : Number(raw);
  if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs < 1) throw new UsageError(`Invalid KTOOL_ZK_CONNECT_TIMEOUT_MS "${raw}": expected a positive integer (milliseconds)`);
  const cs = checkedZookeeper(zookeeper);
  const auth = zkAuthFromEnv();
  return ZkClient.connect(cs, {
    connectTimeoutMs,
    sessionTimeoutMs: 30_000,
    requestTimeoutMs: 60_000,
    auth,
  });
}

/** Run `fn` with a tool connection that is always closed afterwards. */
export async function withZk<T>(zookeeper: string | undefined, fn: (zk: ZkClient) => Promise<T>): Promise<T> {
  const zk = await connectForTool(zookeeper);
  try {
    return await fn(zk);
  } finally {
    await zk.close();
  }
}

/**
 * Run `fn` with a tool connection and what ktool knows of the cluster (src/kafka): its Kafka
 * version (the override when given), the controller's kind and any KRaft migration.
 */
export async function withCluster<T>(
  zookeeper: string | undefined,
  override: { version: KafkaVersion; source: VersionSource } | undefined,
  fn: (zk: ZkClient, k: ClusterKnowledge) => Promise<T>,
  onKnown?: (k: ClusterKnowledge) => void | Promise<void>,
): Promise<T> {
  const { knowCluster } = await import('../kafka/cluster.js');
  return withZk(zookeeper, async (zk) => {
    const k = await knowCluster(zk, override);
    await onKnown?.(k);
    return fn(zk, k);
  });
}
