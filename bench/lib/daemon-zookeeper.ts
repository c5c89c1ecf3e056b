// A standalone ZooKeeper with a heap sized for 100k-partition clusters. test/helpers/zookeeper.ts
// caps its JVM at 256 MB, which at 100k partitions (200k+ znodes plus watches) ends in back-to-back
// full GCs. Same jars and settings otherwise; stopped by PID, data removed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor, zookeeperClasspath } from '../../test/helpers/zookeeper.js';

export interface BigZooKeeper {
  connect: string;
  pid: number;
  stop(): Promise<void>;
}

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = netConnect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

export async function startBigZooKeeper(heapMb = 1536): Promise<BigZooKeeper> {
  const dir = mkdtempSync(join(tmpdir(), 'ktool-bench-zk-'));
  const port = await freePort();
  const cfg = join(dir, 'zoo.cfg');
  writeFileSync(
    cfg,
    [
      'tickTime=500',
      `dataDir=${join(dir, 'data')}`,
      `clientPort=${port}`,
      'clientPortAddress=127.0.0.1',
      'admin.enableServer=false',
      'maxClientCnxns=0',
      'minSessionTimeout=1000',
      'maxSessionTimeout=60000',
      'jute.maxbuffer=4194304',
    ].join('\n') + '\n',
  );
  const child = spawn(
    'java',
    [`-Xmx${heapMb}m`, '-XX:+UseParallelGC', '-Dzookeeper.admin.enableServer=false', '-Djute.maxbuffer=4194304', '-cp', zookeeperClasspath(), 'org.apache.zookeeper.server.ZooKeeperServerMain', cfg],
    { stdio: 'ignore', env: { ...process.env, ZOO_LOG_DIR: dir } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = (): void => {
    try {
      process.kill(child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.once('exit', kill);
  await waitFor(`ZooKeeper on port ${port}`, () => portOpen(port), 30_000, 50);
  return {
    connect: `127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      kill();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
