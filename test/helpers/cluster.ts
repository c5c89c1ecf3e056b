// Test fixtures on a real ZooKeeper: broker registrations in Kafka's format (for tests that run
// without the daemon) and whole-tree snapshots to assert "ZooKeeper unchanged".
import { ZkClient } from '../../src/zk/client.js';
import { encodeBrokerRegistration } from '../../src/zk/codecs/brokerRegistration.js';
import * as P from '../../src/zk/paths.js';

/**
 * Register broker ids like a Kafka 0.9 broker would (ephemeral on `zk`'s session); with
 * `ktoolDaemon`, as a ktool daemon does (its marker), for tests that stand in for daemons.
 */
export async function registerBrokers(zk: ZkClient, brokers: Array<number | { id: number; rack?: string }>, opts: { ktoolDaemon?: boolean } = {}): Promise<void> {
  await zk.mkdirp(P.BROKER_IDS);
  for (const b of brokers) {
    const { id, rack } = typeof b === 'number' ? { id: b, rack: undefined } : b;
    await zk.create(
      P.brokerPath(id),
      encodeBrokerRegistration({
        host: '127.0.0.1',
        port: 29090 + id,
        jmxPort: -1,
        timestamp: String(Date.now()),
        endpoints: [{ listener: 'PLAINTEXT', host: '127.0.0.1', port: 29090 + id }],
        rack: rack ?? null,
        ...(opts.ktoolDaemon ? { ktoolDaemon: true } : {}),
      }),
      'ephemeral',
    );
  }
}

/** Every znode below `root` with its data (as text) and data version, for equality checks. */
export async function snapshotTree(zk: ZkClient, root = '/'): Promise<Map<string, string>> {
  const paths = (await zk.listTree(root)).filter((p) => p !== '/zookeeper' && !p.startsWith('/zookeeper/'));
  const out = new Map<string, string>();
  for (const p of paths) {
    const r = await zk.tryGetData(p);
    if (r) out.set(p, `${r.data === null ? '<null>' : r.data.toString('utf8')} v=${r.stat.version} c=${r.stat.cversion}`);
  }
  return out;
}

/** Fresh chroot per test so tests in one file can share a server without seeing each other. */
let counter = 0;
export async function freshChroot(server: { connect: string }): Promise<{ connect: string; zk: ZkClient; close(): Promise<void> }> {
  const root = await ZkClient.connect(server.connect);
  const chroot = `/t${process.pid}_${++counter}`;
  await root.mkdirp(chroot);
  await root.close();
  const zk = await ZkClient.connect(server.connect + chroot);
  return { connect: server.connect + chroot, zk, close: () => zk.close() };
}
