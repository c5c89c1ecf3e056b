// A ZooKeeper for one bench, cleaned up however the bench ends.
import { startZooKeeper, type ZkServer } from '../../test/helpers/zookeeper.js';
import { pathToFileURL } from 'node:url';
import { ZkClient } from '../../src/zk/client.js';

export async function withZooKeeper<T>(fn: (zk: ZkServer) => Promise<T>): Promise<T> {
  const server = await startZooKeeper();
  try {
    return await fn(server);
  } finally {
    // startZooKeeper() unrefs its JVM child: hold the event loop open until it has exited and
    // its data dir is removed.
    const keepAlive = setInterval(() => {}, 1000);
    await server.stop().finally(() => clearInterval(keepAlive));
  }
}

/** A client on `connect + chroot`, creating the chroot first. */
export async function connectChroot(connect: string, chroot: string): Promise<{ zk: ZkClient; connect: string }> {
  // Generous timeouts: benches share a 2-core machine with everything else.
  const root = await ZkClient.connect(connect, { connectTimeoutMs: 60_000 });
  await root.mkdirp(chroot);
  await root.close();
  const cs = connect + chroot;
  return { zk: await ZkClient.connect(cs, { connectTimeoutMs: 60_000 }), connect: cs };
}

/** Fewer repetitions with BENCH_QUICK=1 (smoke runs), the given count otherwise. */
export const runs = (n: number, quick = Math.max(1, Math.ceil(n / 3))): number => (process.env.BENCH_QUICK === '1' ? quick : n);

/** True when this module file is the script node was started with. */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && metaUrl === pathToFileURL(process.argv[1]).href;
}
