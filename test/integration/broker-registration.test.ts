// `ktool broker start` as a separate process against a real ZooKeeper: Kafka 0.9's registration
// JSON, containers, chroot creation, duplicate ids refused, SIGTERM deregisters and exits 0.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZkClient } from '../../src/zk/client.js';
import { BROKER_CONTAINERS } from '../../src/zk/paths.js';
import { waitFor } from '../helpers/zookeeper.js';
import { encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { freshChroot } from '../helpers/cluster.js';
import { daemonTestCluster, startDaemon } from '../helpers/daemons.js';
import { runKtool } from '../helpers/ktool.js';

describe('broker start: registration', () => {
  const cluster = daemonTestCluster();
  const daemons = cluster.daemons;

  test('registers Kafka 0.9 JSON (v2 without rack, v3 with rack) as an ephemeral znode', async () => {
    const c = await freshChroot(cluster.server);
    try {
      const [a, b] = await Promise.all([
        startDaemon({ zkConnect: c.connect, brokerId: 1 }),
        startDaemon({ zkConnect: c.connect, brokerId: 2, rack: 'rack-b' }),
      ]);
      daemons.push(a!, b!);
      const r1 = await c.zk.getData('/brokers/ids/1');
      const j1 = JSON.parse(r1.data!.toString()) as Record<string, unknown>;
      assert.match(String(j1.timestamp), /^\d{13}$/);
      assert.equal(typeof j1.timestamp, 'string');
      const keys1 = Object.keys(j1);
      // Kafka 0.9's keys in its order, then ktool's daemon marker (ignored by Kafka's readers).
      assert.deepEqual(keys1, ['jmx_port', 'timestamp', 'endpoints', 'host', 'version', 'port', 'ktool_daemon']);
      delete j1.timestamp;
      assert.deepEqual(j1, { jmx_port: -1, endpoints: [`PLAINTEXT://127.0.0.1:${a!.port}`], host: '127.0.0.1', version: 2, port: a!.port, ktool_daemon: 1 });
      assert.notEqual(r1.stat.ephemeralOwner, '0');
      const j2 = JSON.parse((await c.zk.getData('/brokers/ids/2')).data!.toString()) as Record<string, unknown>;
      delete j2.timestamp;
      assert.deepEqual(j2, { jmx_port: -1, endpoints: [`PLAINTEXT://127.0.0.1:${b!.port}`], host: '127.0.0.1', version: 3, port: b!.port, rack: 'rack-b', ktool_daemon: 1 });
      assert.notEqual(a!.port, 0);
      for (const p of BROKER_CONTAINERS) assert.ok(await c.zk.exists(p), `container ${p} exists`);
      const meta = readFileSync(join(a!.dataDir, 'meta.properties'), 'utf8');
      assert.match(meta, /^broker\.id=1$/m);
      assert.match(meta, /^version=0$/m);
    } finally {
      await c.close();
    }
  });

  test('a second broker with the same id is refused with exit 1 and the first keeps its znode', async () => {
    const c = await freshChroot(cluster.server);
    try {
      const first = await startDaemon({ zkConnect: c.connect, brokerId: 7 });
      daemons.push(first);
      const before = await c.zk.getData('/brokers/ids/7');
      const res = await runKtool(['broker', 'start', '--broker-id', '7', '--zookeeper', c.connect, '--port', '0', '--data-dir', join(first.dataDir, '..', 'dup')], { timeoutMs: 20_000 });
      assert.equal(res.code, 1);
      assert.match(res.stderr, /Broker id 7 is already registered at \/brokers\/ids\/7/);
      const afterReg = await c.zk.getData('/brokers/ids/7');
      assert.equal(afterReg.stat.ephemeralOwner, before.stat.ephemeralOwner);
      assert.equal(afterReg.data!.toString(), before.data!.toString());
      assert.equal(first.exited(), false);
    } finally {
      await c.close();
    }
  });

  test('creates a missing chroot before registering', async () => {
    const chroot = `/chroot${process.pid}/nested/kafka`;
    const d = await startDaemon({ zkConnect: cluster.server.connect + chroot, brokerId: 3 });
    daemons.push(d);
    const root = await ZkClient.connect(cluster.server.connect);
    try {
      assert.ok(await root.exists(`${chroot}/brokers/ids/3`));
      assert.equal((await root.getData(`/chroot${process.pid}`)).data, null);
    } finally {
      await root.close();
    }
  });

  test('SIGTERM: exits 0 and the registration is gone', async () => {
    const c = await freshChroot(cluster.server);
    try {
      const d = await startDaemon({ zkConnect: c.connect, brokerId: 4, config: { 'controlled.shutdown.max.retries': '1' } });
      daemons.push(d);
      assert.ok(await c.zk.exists('/brokers/ids/4'));
      assert.equal(await d.stop(), 0);
      assert.equal(await c.zk.exists('/brokers/ids/4'), null);
      await waitFor('shutdown logged', () => /Broker 4 shut down/.test(d.output()), 5000);
      assert.ok(existsSync(d.dataDir));
    } finally {
      await c.close();
    }
  });

  test('a second SIGTERM during a stuck controlled shutdown exits at once', async () => {
    const c = await freshChroot(cluster.server);
    try {
      const d = await startDaemon({ zkConnect: c.connect, brokerId: 6, config: { 'controlled.shutdown.retry.backoff.ms': '60000' } });
      daemons.push(d);
      // It leads a partition whose other replica (99) never lives: its leadership cannot move.
      await waitFor('controller', () => c.zk.exists('/controller'));
      await c.zk.create('/brokers/topics/stuck', encodeTopicAssignment(new Map([[0, [6, 99]]])));
      await waitFor('leader elected', async () => (await c.zk.tryGetData('/brokers/topics/stuck/partitions/0/state'))?.data?.toString().includes('"leader":6'), 10_000);
      await d.kill('SIGTERM');
      await waitFor('first attempt failed', () => /Controlled shutdown attempt 1\/3 failed/.test(d.output()), 10_000);
      await d.kill('SIGTERM');
      // Well before the 60 s back-off would end.
      assert.equal(await d.waitExit(10_000), 143);
      await waitFor('second signal logged', () => /Second SIGTERM: exiting immediately/.test(d.output()), 5000);
    } finally {
      await c.close();
    }
  });
});
