// `ktool preferred-replica-election` against a real ZooKeeper: 0.9 text and znode, every bad
// input refused with ZooKeeper unchanged, refusal while one runs, batches, --wait's report.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ZkClient } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { encodePartitionState } from '../../src/zk/codecs/partitionState.js';
import { decodePartitionList } from '../../src/zk/codecs/partitionList.js';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers, snapshotTree } from '../helpers/cluster.js';
import { runKtool } from '../helpers/ktool.js';

/** A topic as the controller leaves it: assignment, partitions/<p> and state (leader, ISR). */
async function seedTopic(zk: ZkClient, topic: string, parts: Record<number, { replicas: number[]; leader?: number; isr?: number[] }>): Promise<void> {
  await zk.mkdirp(P.BROKER_TOPICS);
  await zk.create(P.topicPath(topic), encodeTopicAssignment(new Map(Object.entries(parts).map(([p, v]) => [Number(p), v.replicas]))));
  await zk.mkdirp(P.topicPartitionsPath(topic));
  for (const [p, v] of Object.entries(parts)) {
    if (v.leader === undefined) continue;
    await zk.create(P.partitionPath(topic, Number(p)));
    await zk.create(
      P.partitionStatePath(topic, Number(p)),
      encodePartitionState({ leader: v.leader, leaderEpoch: 0, isr: v.isr ?? v.replicas, controllerEpoch: 1 }),
    );
  }
}

/** freshChroot, retried: on a loaded machine the first connection to a just-started JVM can time out. */
describe('ktool preferred-replica-election (ZooKeeper)', () => {
  let server: ZkServer;
  let dir: string;
  let n = 0;
  const file = (content: string): string => {
    const f = join(dir, `e${++n}.json`);
    writeFileSync(f, content);
    return f;
  };
  const cluster = async (): Promise<{ connect: string; zk: ZkClient; close(): Promise<void> }> => {
    const c = await freshChroot(server);
    await registerBrokers(c.zk, [1, 2, 3]);
    await seedTopic(c.zk, 'auto1', { 0: { replicas: [1, 2], leader: 2 }, 1: { replicas: [2, 3], leader: 2 }, 2: { replicas: [3, 1], leader: 3 } });
    // manual1 p1 was never initialised by a controller (no partitions/1 node).
    await seedTopic(c.zk, 'manual1', { 0: { replicas: [2, 1], leader: 2 }, 1: { replicas: [1, 3] } });
    return c;
  };
  before(async () => {
    server = await startZooKeeper();
    dir = mkdtempSync(join(tmpdir(), 'ktool-election-'));
  });
  after(async () => {
    const keepAlive = setInterval(() => {}, 1000);
    await server?.stop();
    clearInterval(keepAlive);
    rmSync(dir, { recursive: true, force: true });
  });

  test('all initialised partitions: exact line and znode; a second run is refused while it is pending', async () => {
    const c = await cluster();
    try {
      const r = await runKtool(['preferred-replica-election', '--zookeeper', c.connect]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, 'Successfully started preferred replica election for partitions Set([auto1,0], [auto1,1], [auto1,2], [manual1,0])\n');
      assert.equal(
        (await c.zk.getData(P.PREFERRED_REPLICA_ELECTION)).data!.toString(),
        '{"version":1,"partitions":[{"topic":"auto1","partition":0},{"topic":"auto1","partition":1},{"topic":"auto1","partition":2},{"topic":"manual1","partition":0}]}',
      );
      const before = await snapshotTree(c.zk);
      const again = await runKtool(['preferred-replica-election', '--zookeeper', c.connect, '--path-to-json-file', file('{"partitions":[{"topic":"auto1","partition":0}]}')]);
      assert.equal(again.code, 1);
      assert.equal(
        again.stdout,
        'Failed to start preferred replica election\nPreferred replica leader election currently in progress for Set([auto1,0], [auto1,1], [auto1,2], [manual1,0]). Aborting operation\n',
      );
      assert.deepEqual(await snapshotTree(c.zk), before);
    } finally {
      await c.close();
    }
  });

  test('with a file: only those partitions, in file order', async () => {
    const c = await cluster();
    try {
      const r = await runKtool(['preferred-replica-election', '--zookeeper', c.connect, '--path-to-json-file', file('{"partitions":[{"topic":"manual1","partition":1},{"topic":"auto1","partition":0}]}')]);
      assert.equal(r.code, 0, r.stdout);
      assert.equal(r.stdout, 'Successfully started preferred replica election for partitions Set([manual1,1], [auto1,0])\n');
      assert.equal(
        (await c.zk.getData(P.PREFERRED_REPLICA_ELECTION)).data!.toString(),
        '{"version":1,"partitions":[{"topic":"manual1","partition":1},{"topic":"auto1","partition":0}]}',
      );
    } finally {
      await c.close();
    }
  });

  test('bad input is refused with Kafka\'s messages and nothing is written', async () => {
    const c = await cluster();
    try {
      const before = await snapshotTree(c.zk);
      const cases: Array<[string, string | RegExp]> = [
        ['garbage', /^Failed to start preferred replica election\nPreferred replica election data file .* is not valid JSON: /],
        ['{"topics":[]}', 'Failed to start preferred replica election\nPreferred replica election data is empty\n'],
        ['{"partitions":[]}', 'Failed to start preferred replica election\nPreferred replica election data is empty\n'],
        ['{"partitions":[{"topic":"auto1","partition":-1}]}', /is invalid: partitions\.0\.partition must be >= 0\n$/],
        ['{"partitions":[{"topic":"auto1"}]}', /is invalid: partitions\.0 must have required property 'partition'\n$/],
        [
          '{"partitions":[{"topic":"auto1","partition":0},{"topic":"auto1","partition":0}]}',
          'Failed to start preferred replica election\nPreferred replica election data contains duplicate partitions: [auto1,0]\n',
        ],
        [
          '{"partitions":[{"topic":"nosuch","partition":0},{"topic":"auto1","partition":9},{"topic":"auto1","partition":1}]}',
          'Failed to start preferred replica election\nPreferred replica election data contains non-existent partitions: [nosuch,0],[auto1,9]\n',
        ],
      ];
      const runs = await Promise.all(cases.map(([content]) => runKtool(['preferred-replica-election', '--zookeeper', c.connect, '--path-to-json-file', file(content)])));
      for (const [i, [content, expected]] of cases.entries()) {
        const r = runs[i]!;
        assert.equal(r.code, 1, content);
        if (typeof expected === 'string') assert.equal(r.stdout, expected, content);
        else assert.match(r.stdout, expected, content);
      }
      const missing = await runKtool(['preferred-replica-election', '--zookeeper', c.connect, '--path-to-json-file', join(dir, 'nosuchfile.json')]);
      assert.equal(missing.code, 1);
      assert.equal(missing.stdout, `Failed to start preferred replica election\n${join(dir, 'nosuchfile.json')} (No such file or directory)\n`);
      const usage = await runKtool(['preferred-replica-election', '--zookeeper', c.connect, '--batch-size', '0']);
      assert.equal(usage.code, 2);
      assert.deepEqual(await snapshotTree(c.zk), before);
    } finally {
      await c.close();
    }
  });

  test('batches: each znode is written once the previous is gone; --wait reports partitions not led by the preferred replica', async () => {
    const c = await cluster();
    try {
      // Controller stand-in: remember each election znode, then delete it.
      const seen: string[] = [];
      let running = true;
      const ctl = (async () => {
        while (running) {
          const r = await c.zk.tryGetData(P.PREFERRED_REPLICA_ELECTION).catch(() => null);
          if (r) {
            seen.push(decodePartitionList(r.data, P.PREFERRED_REPLICA_ELECTION).map((p) => `${p.topic}-${p.partition}`).join(','));
            await c.zk.remove(P.PREFERRED_REPLICA_ELECTION, r.stat.version);
          }
          await new Promise((res) => setTimeout(res, 20));
        }
      })();
      const r = await runKtool(['preferred-replica-election', '--zookeeper', c.connect, '--batch-size', '3', '--wait', '--timeout', '20']);
      running = false;
      await ctl;
      // auto1-1 (preferred 2) and auto1-2 (3) and manual1-0 (2) are led by their preferred replica; auto1-0 is led by 2, not 1.
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.equal(
        r.stdout,
        'Successfully started preferred replica election for partitions Set([auto1,0], [auto1,1], [auto1,2])\n' +
          'Successfully started preferred replica election for partitions Set([manual1,0])\n' +
          'Preferred replica 1 is not the leader of partition [auto1,0] (leader: 2, ISR: 1,2)\n',
      );
      assert.deepEqual(seen, ['auto1-0,auto1-1,auto1-2', 'manual1-0']);
      assert.equal(await c.zk.exists(P.PREFERRED_REPLICA_ELECTION), null);
    } finally {
      await c.close();
    }
  });
});
