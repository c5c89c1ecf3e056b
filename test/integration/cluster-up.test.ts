// `ktool cluster up/down` end to end: real ZooKeeper (standalone and ensemble) and daemons as
// detached processes, found again through <dir>/cluster.json; Ctrl-C in the foreground.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZkClient } from '../../src/zk/client.js';
import { decodeBrokerRegistration, decodeController } from '../../src/zk/codecs/index.js';
import { isAlive } from '../../src/cluster/processes.js';
import type { ClusterState } from '../../src/cluster/state-file.js';
import { portFree } from '../../src/cluster/zookeeper-process.js';
import { clusterDown } from '../../src/cluster/cluster-service.js';
import { freePort, waitFor } from '../helpers/zookeeper.js';
import { tempDir } from '../helpers/tmp.js';
import { KTOOL_BIN, runKtool } from '../helpers/ktool.js';

const readState = (dir: string): ClusterState => JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as ClusterState;
const pidsOf = (s: ClusterState): number[] => [...s.brokers.map((b) => b.pid), ...s.zookeeper.nodes.map((n) => n.pid)];

async function consecutiveFreePorts(n: number): Promise<number> {
  for (;;) {
    const p = await freePort();
    if (p + n > 65535) continue;
    const ok = await Promise.all(Array.from({ length: n }, (_, i) => portFree(p + i)));
    if (ok.every(Boolean)) return p;
  }
}

const dirs: string[] = [];
function clusterDir(): string {
  const dir = tempDir('ktool-cluster-');
  dirs.push(dir);
  return dir;
}

/** `ktool cluster up` with one broker in the foreground, returned once it says it is up. */
async function foregroundClusterUp(): Promise<{ dir: string; child: ChildProcess; exited: Promise<number | null>; output: () => string }> {
  const dir = clusterDir();
  const port = await freePort();
  const child = spawn(process.execPath, [KTOOL_BIN, 'cluster', 'up', '--brokers', '1', '--zookeeper-port', String(port), '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    await waitFor('cluster up in the foreground', () => out.includes('Press Ctrl-C to stop the cluster'), 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${out}`);
  }
  return { dir, child, exited, output: () => out };
}

describe('ktool cluster up/down', () => {
  // Safety net: a failed test must not leave detached ZooKeepers and brokers behind.
  after(async () => {
    for (const dir of dirs) if (existsSync(join(dir, 'cluster.json'))) await clusterDown({ dir }).catch(() => undefined);
  });

  test('--detach: brokers registered with racks and a controller; down stops every process', async () => {
    const dir = clusterDir();
    const port = await freePort();
    const up = await runKtool(['cluster', 'up', '--brokers', '3', '--racks', 'a,b', '--zookeeper-port', String(port), '--dir', dir, '--detach']);
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, new RegExp(`Cluster is up: 3 broker\\(s\\), ZooKeeper 127\\.0\\.0\\.1:${port}`));
    const state = readState(dir);
    try {
      assert.equal(state.zookeeper.connect, `127.0.0.1:${port}`);
      assert.ok(pidsOf(state).every(isAlive));
      const zk = await ZkClient.connect(state.zookeeper.connect);
      try {
        const ids = (await zk.getChildren('/brokers/ids')).children.map(Number).sort();
        assert.deepEqual(ids, [1, 2, 3]);
        const racks = await Promise.all(ids.map(async (id) => decodeBrokerRegistration(id, (await zk.getData(`/brokers/ids/${id}`)).data, '').rack));
        assert.deepEqual(racks, ['a', 'b', 'a']);
        const ctl = decodeController((await zk.getData('/controller')).data, '/controller');
        assert.ok(ids.includes(ctl.brokerId));
        assert.match(up.stdout, new RegExp(`Controller: broker ${ctl.brokerId}`));
        for (const b of state.brokers) {
          const reg = decodeBrokerRegistration(b.id, (await zk.getData(`/brokers/ids/${b.id}`)).data, '');
          assert.equal(reg.port, b.port);
        }
      } finally {
        await zk.close();
      }
      // A second `up` on the same dir is refused while the first runs.
      const again = await runKtool(['cluster', 'up', '--brokers', '1', '--zookeeper-port', String(port), '--dir', dir, '--detach']);
      assert.equal(again.code, 1);
      assert.match(again.stdout, /is still running/);
    } finally {
      const down = await runKtool(['cluster', 'down', '--dir', dir]);
      assert.equal(down.code, 0, down.stdout + down.stderr);
      assert.match(down.stdout, /Cluster stopped/);
    }
    await waitFor('all cluster processes gone', () => pidsOf(state).every((p) => !isAlive(p)), 5000);
    assert.equal(existsSync(join(dir, 'cluster.json')), false);
    const downAgain = await runKtool(['cluster', 'down', '--dir', dir]);
    assert.equal(downAgain.code, 1);
    assert.match(downAgain.stdout, /No cluster state found/);
  });

  test('foreground: Ctrl-C stops brokers and ZooKeeper and exits 0', async () => {
    const { dir, child, exited, output } = await foregroundClusterUp();
    const state = readState(dir);
    assert.equal(state.supervisorPid, child.pid);
    child.kill('SIGINT');
    assert.equal(await exited, 0, output());
    assert.match(output(), /Broker 1 \(pid \d+\): stopped/);
    assert.match(output(), /Cluster stopped/);
    await waitFor('processes gone', () => pidsOf(state).every((p) => !isAlive(p)), 5000);
  });

  test('foreground: `cluster down` from elsewhere lets the foreground process stop the cluster', async () => {
    const { dir, child, exited, output } = await foregroundClusterUp();
    const state = readState(dir);
    const down = await runKtool(['cluster', 'down', '--dir', dir]);
    assert.equal(down.code, 0, down.stdout + down.stderr);
    assert.match(down.stdout, new RegExp(`Broker 1 \\(pid \\d+\\): stopped by the foreground cluster up \\(pid ${child.pid}`));
    assert.equal(await exited, 0, output());
    assert.ok(pidsOf(state).every((p) => !isAlive(p)));
  });

  test('--ensemble 3 starts a three-node quorum the brokers use', async () => {
    const dir = clusterDir();
    const port = await consecutiveFreePorts(3);
    const up = await runKtool(['cluster', 'up', '--brokers', '1', '--ensemble', '3', '--zookeeper-port', String(port), '--dir', dir, '--detach']);
    const state = existsSync(join(dir, 'cluster.json')) ? readState(dir) : null;
    try {
      assert.equal(up.code, 0, up.stdout + up.stderr);
      assert.equal(state!.zookeeper.connect, [0, 1, 2].map((i) => `127.0.0.1:${port + i}`).join(','));
      const zk = await ZkClient.connect(`127.0.0.1:${port + 2}`);
      try {
        assert.ok(await zk.exists('/brokers/ids/1'));
      } finally {
        await zk.close();
      }
    } finally {
      if (state) assert.equal((await runKtool(['cluster', 'down', '--dir', dir, '--clean'])).code, 0);
    }
    assert.equal(existsSync(dir), false);
    await waitFor('processes gone', () => pidsOf(state!).every((p) => !isAlive(p)), 5000);
  });

  test('clear errors: ZooKeeper missing, bad flags', async () => {
    const dir = clusterDir();
    const missing = await runKtool(['cluster', 'up', '--dir', dir, '--detach', '--zookeeper-port', String(await freePort())], { env: { ZOOKEEPER_HOME: join(dir, 'nope') } });
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /ZooKeeper not found: .*apt-get install -y zookeeper/);
    assert.equal(existsSync(join(dir, 'cluster.json')), false);
    const bad = await runKtool(['cluster', 'up', '--dir', dir, '--ensemble', '2']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Invalid --ensemble 2/);
  });
});
