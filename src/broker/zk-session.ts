// The daemon's ZooKeeper session: creates a missing chroot first (connect without it, mkdirp,
// reconnect), as Kafka does, then creates the containers a Kafka broker creates at start-up.
import type { ZkClient } from '../zk/client.js';
import { parseConnectionString } from '../zk/client.js';
import { BROKER_CONTAINERS } from '../zk/paths.js';
import { zkAuthFromEnv } from '../cli/connection.js';

export interface DaemonZkOptions {
  sessionTimeoutMs: number;
  connectTimeoutMs: number;
}

export async function connectDaemonZk(connectionString: string, opts: DaemonZkOptions): Promise<ZkClient> {
  const { ZkClient } = await import('../zk/client.js');
  const auth = zkAuthFromEnv();
  const { hosts, chroot } = parseConnectionString(connectionString);
  if (chroot) {
    const root = await ZkClient.connect(hosts, { connectTimeoutMs: opts.connectTimeoutMs, sessionTimeoutMs: opts.sessionTimeoutMs, auth });
    try {
      if (!(await root.exists(chroot))) await root.mkdirp(chroot);
    } finally {
      await root.close();
    }
  }
  return ZkClient.connect(connectionString, { connectTimeoutMs: opts.connectTimeoutMs, sessionTimeoutMs: opts.sessionTimeoutMs, auth });
}

export async function createBrokerContainers(zk: ZkClient): Promise<void> {
  await Promise.all(BROKER_CONTAINERS.map((p) => zk.mkdirp(p)));
}
