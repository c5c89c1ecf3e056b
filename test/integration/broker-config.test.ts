// Broker configuration: Kafka property names in a file, --override and flags on top, and clear
// usage errors (exit 2) naming the bad key before anything touches ZooKeeper.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from '../helpers/zookeeper.js';
import { freshChroot, snapshotTree } from '../helpers/cluster.js';
import { daemonTestCluster, startDaemon } from '../helpers/daemons.js';
import { runKtool } from '../helpers/ktool.js';
import { tempDir } from '../helpers/tmp.js';

describe('broker start: configuration', () => {
  const cluster = daemonTestCluster();
  const daemons = cluster.daemons;

  test('file values apply, flags override the file, unknown keys are warned about', async () => {
    const c = await freshChroot(cluster.server);
    try {
      const filePort = await freePort();
      const d = await startDaemon({
        zkConnect: c.connect,
        brokerId: 5,
        rack: 'flag-rack',
        config: { port: String(filePort), 'broker.rack': 'file-rack', 'num.network.threads': '3', 'replica.lag.time.max.ms': '4000' },
        args: ['--override', 'delete.topic.enable=false'],
      });
      daemons.push(d);
      assert.equal(d.port, filePort);
      const reg = JSON.parse((await c.zk.getData('/brokers/ids/5')).data!.toString()) as { rack: string; port: number };
      assert.equal(reg.rack, 'flag-rack');
      assert.equal(reg.port, filePort);
      await waitFor('unknown-key warning', () => /WARN .*Ignoring unknown property num\.network\.threads/.test(d.output()), 5000);
    } finally {
      await c.close();
    }
  });

  test('zookeeper.connect and broker.id can come from the file alone', async () => {
    const c = await freshChroot(cluster.server);
    try {
      const dir = tempDir('ktool-cfg-');
      const cfg = join(dir, 'server.properties');
      writeFileSync(cfg, `# Kafka style\nbroker.id = 9\nzookeeper.connect=${c.connect}\nzookeeper.session.timeout.ms: 3000\ncontrolled.shutdown.retry.backoff.ms=200\nlog.dirs=${join(dir, 'logs')}\nport=0\n`);
      const d = await startDaemon({ zkConnect: c.connect, brokerId: 9, configFile: cfg, fileOnly: true });
      daemons.push(d);
      assert.ok(await c.zk.exists('/brokers/ids/9'));
      assert.ok(existsSync(join(dir, 'logs', 'meta.properties')));
    } finally {
      await c.close();
    }
  });

  test('bad values exit 2 naming the key and write nothing to ZooKeeper', async () => {
    const c = await freshChroot(cluster.server);
    try {
      const before = await snapshotTree(c.zk);
      const dir = tempDir('ktool-cfg-');
      const cfg = join(dir, 'server.properties');
      writeFileSync(cfg, 'broker.id=1\nreplica.lag.time.max.ms=soon\n');
      const cases: Array<[string[], RegExp]> = [
        [['--config', cfg], /Invalid value "soon" for replica\.lag\.time\.max\.ms \(from .*server\.properties\): expected an integer/],
        [['--broker-id', 'x'], /Invalid value "x" for broker\.id \(from --broker-id\)/],
        [['--broker-id', '1', '--port', '70000'], /Invalid value "70000" for port \(from --port\): must be <= 65535/],
        [['--broker-id', '1', '--override', 'delete.topic.enable=yes'], /Invalid value "yes" for delete\.topic\.enable \(from --override\): expected true or false/],
        [['--port', '0'], /Missing broker\.id/],
        [['--broker-id', '1', '--config', join(dir, 'missing.properties')], /Cannot read config file/],
      ];
      for (const [args, re] of cases) {
        const res = await runKtool(['broker', 'start', '--zookeeper', c.connect, ...args]);
        assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
        assert.match(res.stderr, re);
      }
      assert.deepEqual(await snapshotTree(c.zk), before);
    } finally {
      await c.close();
    }
  });

  test('an unreachable ZooKeeper is a runtime failure (exit 1) naming the connection string', async () => {
    const dead = await freePort();
    const res = await runKtool(['broker', 'start', '--broker-id', '1', '--port', '0', '--zookeeper', `127.0.0.1:${dead}`, '--override', 'zookeeper.connection.timeout.ms=1000', '--data-dir', tempDir('ktool-cfg-')]);
    assert.equal(res.code, 1);
    assert.match(res.stderr, new RegExp(`Start-up failed: Unable to connect to ZooKeeper at 127\\.0\\.0\\.1:${dead} within 1000 ms`));
  });
});
