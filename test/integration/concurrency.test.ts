// Concurrent writers from separate processes, as scripts and operators run them: ZooKeeper's
// atomic create and versioned writes must make exactly one creator win and lose no change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as P from '../../src/zk/paths.js';
import { decodeEntityConfig } from '../../src/zk/codecs/entityConfig.js';
import { decodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers } from '../helpers/cluster.js';
import { runKtool } from '../helpers/ktool.js';
import { STACK_TRACE } from '../helpers/parallel.js';

// Ten distinct Kafka 0.9 topic configs with valid values.
const KEYS: Array<[string, string]> = [
  ['retention.ms', '1000'],
  ['segment.ms', '2000'],
  ['segment.bytes', '3000'],
  ['cleanup.policy', 'compact'],
  ['max.message.bytes', '5000'],
  ['min.insync.replicas', '2'],
  ['retention.bytes', '7000'],
  ['flush.messages', '8000'],
  ['flush.ms', '9000'],
  ['delete.retention.ms', '10000'],
];

describe('concurrency: separate ktool processes racing on one topic', () => {
  let server: ZkServer;
  before(async () => {
    server = await startZooKeeper();
  });
  after(async () => {
    await server?.stop();
  });

  test('10 --create of the same topic: exactly one wins, the others say it already exists', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      const runs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => runKtool(['topics', '--create', '--topic', 'race', '--partitions', String(i + 1), '--replication-factor', '2', '--zookeeper', c.connect])),
      );
      const winners = runs.filter((r) => r.code === 0);
      assert.equal(winners.length, 1, runs.map((r) => `${r.code} ${r.stdout}`).join('\n'));
      for (const r of runs.filter((x) => x.code !== 0)) {
        assert.equal(r.code, 1);
        assert.match(r.stdout, /Topic "race" already exists\./);
        assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE);
      }
      // The topic is the winner's, whole: its partition count and its config znode.
      const n = runs.indexOf(winners[0]!) + 1;
      assert.equal(decodeTopicAssignment((await c.zk.getData(P.topicPath('race'))).data, 'race').partitions.size, n);
      assert.ok(await c.zk.exists(P.topicConfigPath('race')));
    } finally {
      await c.close();
    }
  });

  test('10 --alter --config on one topic, each a different key: all 10 keys end up present', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      assert.equal((await runKtool(['topics', '--create', '--topic', 'cfg', '--partitions', '2', '--replication-factor', '2', '--zookeeper', c.connect])).code, 0);
      const runs = await Promise.all(KEYS.map(([k, v]) => runKtool(['topics', '--alter', '--topic', 'cfg', '--config', `${k}=${v}`, '--zookeeper', c.connect])));
      for (const r of runs) assert.equal(r.code, 0, r.stdout + r.stderr);
      const config = decodeEntityConfig((await c.zk.getData(P.topicConfigPath('cfg'))).data, 'cfg');
      assert.deepEqual(Object.fromEntries([...config].sort()), Object.fromEntries([...KEYS].sort()));
      // One change notification per alter, each naming the topic.
      assert.equal((await c.zk.childrenOrEmpty(P.CONFIG_CHANGES)).length, 10);
    } finally {
      await c.close();
    }
  });

  test('--alter --partitions racing --alter --config on the same topic: both changes land', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      for (let round = 0; round < 3; round++) {
        const t = `mix${round}`;
        assert.equal((await runKtool(['topics', '--create', '--topic', t, '--partitions', '2', '--replication-factor', '2', '--zookeeper', c.connect])).code, 0);
        const [parts, cfg] = await Promise.all([
          runKtool(['topics', '--alter', '--topic', t, '--partitions', '6', '--zookeeper', c.connect]),
          runKtool(['topics', '--alter', '--topic', t, '--config', 'retention.ms=777', '--zookeeper', c.connect]),
        ]);
        assert.equal(parts.code, 0, parts.stdout + parts.stderr);
        assert.equal(cfg.code, 0, cfg.stdout + cfg.stderr);
        assert.equal(decodeTopicAssignment((await c.zk.getData(P.topicPath(t))).data, t).partitions.size, 6);
        assert.equal(decodeEntityConfig((await c.zk.getData(P.topicConfigPath(t))).data, t).get('retention.ms'), '777');
      }
    } finally {
      await c.close();
    }
  });
});
