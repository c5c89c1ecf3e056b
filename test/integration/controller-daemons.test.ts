// The controller inside real `ktool broker start` daemons: failover mid-reassignment, a paused
// (zombie) controller, deletion waiting for a down broker, and auto leader rebalance.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { ZkClient } from '../../src/zk/client.js';
import { freshChroot } from '../helpers/cluster.js';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';
import { startDaemon, startDaemons, stopAll, keepingAlive, type Daemon } from '../helpers/daemons.js';

let server: ZkServer;
before(async () => {
  server = await startZooKeeper();
});
after(async () => {
  await server?.stop();
});

interface StateJson {
  controller_epoch: number;
  leader: number;
  leader_epoch: number;
  isr: number[];
}

async function stateOf(zk: ZkClient, topic: string, p: number): Promise<StateJson | null> {
  const r = await zk.tryGetData(`/brokers/topics/${topic}/partitions/${p}/state`);
  return r ? (JSON.parse(r.data!.toString()) as StateJson) : null;
}

async function controllerId(zk: ZkClient): Promise<number> {
  const r = await zk.tryGetData('/controller');
  return r ? (JSON.parse(r.data!.toString()) as { brokerid: number }).brokerid : -1;
}

async function epoch(zk: ZkClient): Promise<number> {
  return Number((await zk.getData('/controller_epoch')).data!.toString());
}

async function createTopic(zk: ZkClient, topic: string, partitions: Record<string, number[]>): Promise<void> {
  await zk.create(`/config/topics/${topic}`, '{"version":1,"config":{}}');
  await zk.create(`/brokers/topics/${topic}`, JSON.stringify({ version: 1, partitions }));
}

async function allLed(zk: ZkClient, topic: string, n: number): Promise<boolean> {
  for (let p = 0; p < n; p++) {
    const s = await stateOf(zk, topic, p);
    if (!s || s.leader < 0) return false;
  }
  return true;
}

/** Start brokers one by one so that the first is the controller. */
async function cluster(connect: string, ids: number[], config: Record<string, string> = {}): Promise<Daemon[]> {
  const first = await startDaemon({ zkConnect: connect, brokerId: ids[0]!, config });
  const rest = await startDaemons(connect, ids.slice(1), { config });
  return [first, ...rest];
}

describe('controller in real daemons', { timeout: 120_000 }, () => {
  it('a new controller (epoch + 1) finishes a reassignment the killed controller left', async () => {
    const { connect, zk } = await freshChroot(server);
    const daemons: Daemon[] = [];
    try {
      daemons.push(...(await cluster(connect, [1, 2, 3])));
      assert.equal(await controllerId(zk), 1);
      const e1 = await epoch(zk);
      await createTopic(zk, 'mv', { '0': [1, 2], '1': [2, 1] });
      await waitFor('mv led', () => allLed(zk, 'mv', 2), 15_000);
      // Freeze the controller so it cannot act on the request, then kill it.
      await daemons[0]!.kill('SIGSTOP');
      await zk.create('/admin/reassign_partitions', '{"version":1,"partitions":[{"topic":"mv","partition":0,"replicas":[2,3]},{"topic":"mv","partition":1,"replicas":[3,2]}]}');
      await daemons[0]!.kill('SIGKILL');
      await keepingAlive(() => waitFor('reassignment finished', async () => !(await zk.exists('/admin/reassign_partitions')), 30_000));
      assert.equal(await epoch(zk), e1 + 1);
      assert.ok([2, 3].includes(await controllerId(zk)));
      assert.equal((await zk.getData('/brokers/topics/mv')).data!.toString(), '{"version":1,"partitions":{"0":[2,3],"1":[3,2]}}');
      for (const p of [0, 1]) {
        const s = (await stateOf(zk, 'mv', p))!;
        assert.deepEqual([...s.isr].sort(), [2, 3], `mv-${p} ISR`);
        assert.equal(s.controller_epoch, e1 + 1);
      }
      // Broker 3 now hosts both replicas.
      await waitFor('replica dirs on broker 3', () => existsSync(`${daemons[2]!.dataDir}/mv-0`) && existsSync(`${daemons[2]!.dataDir}/mv-1`), 10_000);
    } finally {
      await stopAll(daemons);
      await zk.close();
    }
  });

  it('a paused controller that lost its session writes nothing when it resumes', async () => {
    const { connect, zk } = await freshChroot(server);
    const daemons: Daemon[] = [];
    try {
      daemons.push(...(await cluster(connect, [1, 2])));
      const e1 = await epoch(zk);
      await daemons[0]!.kill('SIGSTOP');
      await keepingAlive(() => waitFor('broker 2 takes over', async () => (await controllerId(zk)) === 2, 30_000));
      assert.equal(await epoch(zk), e1 + 1);
      // Work arrives while the old controller is frozen: its watches fire when it resumes.
      await createTopic(zk, 'z', { '0': [1, 2], '1': [2, 1] });
      await waitFor('z created by broker 2', async () => (await stateOf(zk, 'z', 1))?.leader === 2, 15_000);
      await daemons[0]!.kill('SIGCONT');
      await keepingAlive(() => waitFor('broker 1 back with a new session', async () => !!(await zk.exists('/brokers/ids/1')), 30_000));
      await waitFor('broker 1 back in z-0 ISR', async () => (await stateOf(zk, 'z', 0))?.isr.includes(1), 15_000);
      assert.equal(await controllerId(zk), 2);
      assert.equal(await epoch(zk), e1 + 1);
      for (const p of [0, 1]) assert.equal((await stateOf(zk, 'z', p))!.controller_epoch, e1 + 1, `z-${p} decided by the new controller only`);
      await waitFor('resignation logged', () => /Resigned as controller/.test(daemons[0]!.output()), 5000);
    } finally {
      await stopAll(daemons);
      await zk.close();
    }
  });

  it('topic deletion waits for a down broker and completes when it returns', async () => {
    const { connect, zk } = await freshChroot(server);
    const daemons: Daemon[] = [];
    try {
      daemons.push(...(await cluster(connect, [1, 2])));
      await createTopic(zk, 'del', { '0': [1, 2], '1': [2, 1] });
      await waitFor('del replicas on disk', () => existsSync(`${daemons[1]!.dataDir}/del-0`) && existsSync(`${daemons[0]!.dataDir}/del-1`), 15_000);
      const dir2 = daemons[1]!.dataDir;
      await daemons[1]!.kill('SIGKILL');
      await keepingAlive(() => waitFor('broker 2 gone', async () => !(await zk.exists('/brokers/ids/2')), 30_000));
      await zk.create('/admin/delete_topics/del', '');
      // The live replica is taken offline (leader -1, ISR emptied) but the topic stays.
      await waitFor('live replicas stopped', async () => (await stateOf(zk, 'del', 0))?.leader === -1 && (await stateOf(zk, 'del', 1))?.leader === -1, 15_000);
      assert.ok(await zk.exists('/brokers/topics/del'));
      assert.ok(await zk.exists('/admin/delete_topics/del'));
      // Replica directories are removed off the daemon's event loop, shortly after StopReplica.
      await waitFor('broker 1 deleted its replicas', () => !existsSync(`${daemons[0]!.dataDir}/del-0`), 10_000);
      daemons[1] = await startDaemon({ zkConnect: connect, brokerId: 2, dataDir: dir2 });
      await waitFor('deletion complete', async () => !(await zk.exists('/brokers/topics/del')) && !(await zk.exists('/admin/delete_topics/del')), 20_000);
      assert.equal(await zk.exists('/config/topics/del'), null);
      await waitFor('broker 2 dirs gone', () => !readdirSync(dir2).some((f) => f.startsWith('del-')), 10_000);
    } finally {
      await stopAll(daemons);
      await zk.close();
    }
  });

  it('auto rebalance restores preferred leaders within one interval', async () => {
    const { connect, zk } = await freshChroot(server);
    const daemons: Daemon[] = [];
    const cfg = { 'leader.imbalance.check.interval.seconds': '2' };
    try {
      daemons.push(...(await cluster(connect, [1, 2, 3], cfg)));
      const assignment = { '0': [2, 3], '1': [3, 2], '2': [2, 1], '3': [1, 2] };
      await createTopic(zk, 'rb', assignment);
      await waitFor('rb led', () => allLed(zk, 'rb', 4), 15_000);
      const dir2 = daemons[1]!.dataDir;
      await daemons[1]!.kill('SIGKILL');
      await keepingAlive(() => waitFor('broker 2 leads nothing', async () => (await stateOf(zk, 'rb', 0))?.leader === 3 && (await stateOf(zk, 'rb', 2))?.leader === 1, 30_000));
      daemons[1] = await startDaemon({ zkConnect: connect, brokerId: 2, dataDir: dir2, config: cfg });
      await waitFor(
        'preferred leaders restored',
        async () => {
          for (const [p, replicas] of Object.entries(assignment)) if ((await stateOf(zk, 'rb', Number(p)))?.leader !== replicas[0]) return false;
          return true;
        },
        20_000,
      );
    } finally {
      await stopAll(daemons);
      await zk.close();
    }
  });

  it('controlled shutdown (SIGTERM) moves every leadership away before the broker exits', async () => {
    const { connect, zk } = await freshChroot(server);
    const daemons: Daemon[] = [];
    try {
      daemons.push(...(await cluster(connect, [1, 2, 3])));
      await createTopic(zk, 'cs', { '0': [2, 3], '1': [3, 2], '2': [2, 1], '3': [1, 3] });
      await waitFor('cs led with full ISRs', async () => {
        for (const p of [0, 1, 2, 3]) if ((await stateOf(zk, 'cs', p))?.isr.length !== 2) return false;
        return true;
      }, 15_000);
      assert.equal(await daemons[1]!.stop(20_000), 0);
      // Leadership moved while broker 2 was still up: to the other in-sync replica, epoch bumped.
      assert.equal((await stateOf(zk, 'cs', 0))!.leader, 3);
      assert.equal((await stateOf(zk, 'cs', 2))!.leader, 1);
      await waitFor('ISRs without broker 2', async () => {
        for (const p of [0, 1, 2]) if ((await stateOf(zk, 'cs', p))!.isr.includes(2)) return false;
        return true;
      }, 15_000);
      await waitFor('controlled shutdown logged', () => /Controlled shutdown of broker 2: 2 leaderships moved, 0 remain/.test(daemons[0]!.output() + daemons[2]!.output()), 5000);
      assert.equal((await stateOf(zk, 'cs', 3))!.leader, 1);
    } finally {
      await stopAll(daemons);
      await zk.close();
    }
  });
});
