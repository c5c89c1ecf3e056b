// The daemon keeps its registration across ZooKeeper trouble: a server restart (same session,
// or a new one) and a real session expiry (the process frozen past the session timeout).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../helpers/zookeeper.js';
import { freshChroot } from '../helpers/cluster.js';
import { daemonTestCluster, startDaemon } from '../helpers/daemons.js';
import { ZkClient } from '../../src/zk/client.js';

describe('broker start: ZooKeeper sessions', () => {
  const cluster = daemonTestCluster();
  const daemons = cluster.daemons;

  test('session expiry: registers again on a new session', async () => {
    const c = await freshChroot(cluster.server);
    try {
      const d = await startDaemon({ zkConnect: c.connect, brokerId: 1, config: { 'zookeeper.session.timeout.ms': '2000' } });
      daemons.push(d);
      const owner = (await c.zk.getData('/brokers/ids/1')).stat.ephemeralOwner;
      // Freeze the process: its session expires on the server and the ephemeral znode goes away.
      process.kill(d.pid, 'SIGSTOP');
      try {
        await waitFor('registration to vanish after expiry', async () => (await c.zk.exists('/brokers/ids/1')) === null, 15_000);
      } finally {
        process.kill(d.pid, 'SIGCONT');
      }
      const again = await waitFor('re-registration', async () => (await c.zk.tryGetData('/brokers/ids/1'))?.stat, 15_000);
      assert.notEqual(again.ephemeralOwner, owner);
      const reg = JSON.parse((await c.zk.getData('/brokers/ids/1')).data!.toString()) as { port: number };
      assert.equal(reg.port, d.port);
      assert.equal(d.exited(), false);
      await waitFor('expiry logged', () => /session 0x[0-9a-f]+ expired; starting a new session/.test(d.output()), 5000);
      // Its controller module campaigned again on the new session (it is the only broker).
      const ctl = await waitFor('controller on the new session', async () => (await c.zk.tryGetData('/controller'))?.stat, 15_000);
      assert.equal(ctl.ephemeralOwner, again.ephemeralOwner);
    } finally {
      await c.close();
    }
  });

  test('ZooKeeper restart: the broker is registered again afterwards and keeps running', async () => {
    const c = await freshChroot(cluster.server);
    const connect = c.connect;
    await c.close();
    const d = await startDaemon({ zkConnect: connect, brokerId: 2 });
    daemons.push(d);
    await cluster.server.kill();
    await cluster.server.restart();
    const zk = await ZkClient.connect(connect);
    try {
      const stat = await waitFor('registration after the restart', async () => zk.exists('/brokers/ids/2'), 20_000);
      assert.notEqual(stat.ephemeralOwner, '0');
      // Still registered a little later, i.e. not a leftover of a session about to expire.
      await waitFor('daemon reconnected', () => /Reconnected to ZooKeeper|starting a new session/.test(d.output()), 20_000);
      const reg = JSON.parse((await zk.getData('/brokers/ids/2')).data!.toString()) as { port: number };
      assert.equal(reg.port, d.port);
      assert.equal(d.exited(), false);
    } finally {
      await zk.close();
    }
  });
});
