// SIGTERM always ends a daemon (kafka-controller.md §10.2): controlled shutdown is tried at most
// controlled.shutdown.max.retries times, controlled.shutdown.retry.backoff.ms apart, a log line says
// it failed, and the process exits, also when ZooKeeper is down or has lost its quorum.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZkClient } from '../../src/zk/client.js';
import { startEnsemble, startZooKeeper, waitFor } from '../helpers/zookeeper.js';
import { startDaemon, stopAll, keepingAlive, type Daemon } from '../helpers/daemons.js';

// Small retry settings keep the test fast; the defaults (3 × 5000 ms) are Kafka's.
const CFG = {
  'controlled.shutdown.max.retries': '2',
  'controlled.shutdown.retry.backoff.ms': '300',
  'controller.socket.timeout.ms': '3000',
};

async function twoDaemons(connect: string): Promise<Daemon[]> {
  const first = await startDaemon({ zkConnect: connect, brokerId: 1, config: CFG });
  return [first, await startDaemon({ zkConnect: connect, brokerId: 2, config: CFG })];
}

async function ledTopic(zk: ZkClient): Promise<void> {
  await zk.create('/config/topics/t', '{"version":1,"config":{}}');
  await zk.create('/brokers/topics/t', '{"version":1,"partitions":{"0":[1,2],"1":[2,1]}}');
  await waitFor('t led with full ISRs', async () => {
    for (const p of [0, 1]) {
      const r = await zk.tryGetData(`/brokers/topics/t/partitions/${p}/state`);
      if (!r || (JSON.parse(r.data!.toString()) as { isr: number[] }).isr.length !== 2) return false;
    }
    return true;
  }, 20_000);
}

/** SIGTERM every daemon; each must exit 0 by itself after logging the failed controlled shutdown. */
async function stopAndExpectFailedControlledShutdown(daemons: Daemon[]): Promise<void> {
  const codes = await keepingAlive(() => Promise.all(daemons.map((d) => d.stop(30_000))));
  assert.deepEqual(codes, daemons.map(() => 0));
  for (const d of daemons) {
    assert.match(d.output(), /Controlled shutdown attempt 2\/2 failed/, `broker ${d.id}`);
    assert.doesNotMatch(d.output(), /attempt 3\//, `broker ${d.id} tried more than controlled.shutdown.max.retries times`);
    assert.match(d.output(), /Controlled shutdown failed \(.*\); proceeding to an unclean shutdown/, `broker ${d.id}`);
    assert.match(d.output(), /Broker \d shut down/, `broker ${d.id}`);
  }
}

describe('daemon shutdown always ends', { timeout: 150_000 }, () => {
  it('ZooKeeper down: SIGTERM retries controlled shutdown max.retries times, logs the failure and exits', async () => {
    const server = await startZooKeeper();
    const daemons: Daemon[] = [];
    const zk = await ZkClient.connect(server.connect);
    try {
      daemons.push(...(await twoDaemons(server.connect)));
      await ledTopic(zk);
      await zk.close();
      await server.kill();
      await waitFor('daemons see ZooKeeper gone', () => daemons.every((d) => /Disconnected from ZooKeeper/.test(d.output())), 15_000);
      await stopAndExpectFailedControlledShutdown(daemons);
      for (const d of daemons) assert.match(d.output(), /ZooKeeper is unreachable/);
    } finally {
      await zk.close();
      await stopAll(daemons);
      await keepingAlive(() => server.stop());
    }
  });

  it('ZooKeeper ensemble without quorum: SIGTERM still ends every daemon', async () => {
    const ens = await startEnsemble(3);
    const daemons: Daemon[] = [];
    try {
      daemons.push(...(await twoDaemons(ens.connect)));
      const zk = await ZkClient.connect(ens.connect);
      try {
        await ledTopic(zk);
      } finally {
        await zk.close();
      }
      // Two of three servers gone: the survivor stops serving clients.
      await keepingAlive(() => Promise.all(ens.servers.slice(0, 2).map((s) => s.kill())));
      await waitFor('daemons see ZooKeeper gone', () => daemons.every((d) => /Disconnected from ZooKeeper/.test(d.output())), 20_000);
      await stopAndExpectFailedControlledShutdown(daemons);
    } finally {
      await stopAll(daemons);
      await keepingAlive(() => ens.stop());
    }
  });

  it('leadership that cannot move: retries are bounded, the failure is logged, the broker exits', async () => {
    const server = await startZooKeeper();
    const daemons: Daemon[] = [];
    const zk = await ZkClient.connect(server.connect);
    try {
      daemons.push(...(await twoDaemons(server.connect)));
      await ledTopic(zk);
      // Broker 2 gone: broker 1 leads both partitions with ISR [1], no one to hand them to.
      await daemons[1]!.kill('SIGKILL');
      await keepingAlive(() => waitFor('broker 1 leads both with ISR [1]', async () => {
        for (const p of [0, 1]) {
          const r = await zk.tryGetData(`/brokers/topics/t/partitions/${p}/state`);
          const s = r && (JSON.parse(r.data!.toString()) as { leader: number; isr: number[] });
          if (!s || s.leader !== 1 || s.isr.join() !== '1') return false;
        }
        return true;
      }, 30_000));
      await stopAndExpectFailedControlledShutdown([daemons[0]!]);
      assert.match(daemons[0]!.output(), /2 partition\(s\) still led here/);
    } finally {
      await zk.close();
      await stopAll(daemons);
      await keepingAlive(() => server.stop());
    }
  });
});
