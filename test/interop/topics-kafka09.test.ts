// ktool topics against the real Apache Kafka 0.9.0.1 (kafka-topics.sh and a broker) on one ZooKeeper:
// each side must read what the other wrote, and print the same bytes from the same znodes.
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers } from '../helpers/cluster.js';
import { runKtool, type RunResult } from '../helpers/ktool.js';
import { kafkaHome, runKafkaTool, startKafkaBroker, type ToolResult } from '../helpers/kafka.js';
import { decodeTopicAssignment, decodeEntityConfig, decodePartitionState, encodePartitionState } from '../../src/zk/codecs/index.js';
import * as P from '../../src/zk/paths.js';
import { mapLimit } from '../../src/zk/pipeline.js';
import type { ZkClient } from '../../src/zk/client.js';
import { parseDescribe } from './describe-text.js';

let server: ZkServer;
let work: string;

before(async () => {
  kafkaHome();
  server = await startZooKeeper();
  work = mkdtempSync(join(tmpdir(), 'ktool-topics-interop-'));
});
after(async () => {
  // startZooKeeper() unrefs its JVM child, so nothing else would keep the event loop alive until
  // the child's exit event (and the data-dir cleanup after it) arrives.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    await server?.stop();
  } finally {
    clearInterval(keepAlive);
    if (work) rmSync(work, { recursive: true, force: true });
  }
});

async function kafkaTopics(connect: string, ...args: string[]): Promise<ToolResult> {
  const r = await runKafkaTool('kafka-topics.sh', ['--zookeeper', connect, ...args]);
  assert.equal(r.code, 0, `kafka-topics.sh ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

async function ktoolTopics(connect: string, ...args: string[]): Promise<RunResult> {
  const r = await runKtool(['topics', '--zookeeper', connect, ...args]);
  assert.equal(r.code, 0, `ktool topics ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Same query through both tools (the JVM runs overlap to save wall time); stdout must be identical. */
async function assertSameOutput(connect: string, queries: string[][]): Promise<Map<string, string>> {
  const kafka = await mapLimit(queries, 3, (q) => kafkaTopics(connect, ...q));
  const out = new Map<string, string>();
  for (const [i, q] of queries.entries()) {
    const ours = await ktoolTopics(connect, ...q);
    assert.equal(ours.stdout, kafka[i]!.stdout, `ktool topics ${q.join(' ')} differs from kafka-topics.sh`);
    assert.equal(ours.stderr, '', `ktool topics ${q.join(' ')} wrote to stderr`);
    out.set(q.join(' '), kafka[i]!.stdout);
  }
  return out;
}

async function assignmentOf(zk: ZkClient, topic: string): Promise<Map<number, number[]>> {
  const { data } = await zk.getData(P.topicPath(topic));
  return decodeTopicAssignment(data, P.topicPath(topic)).partitions;
}

describe('ktool topics interop with Kafka 0.9.0.1', () => {
  test('kafka-topics.sh --describe shows topics ktool created (auto, manual, configs) with the same assignment', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      assert.equal((await ktoolTopics(c.connect, '--create', '--topic', 'auto1', '--partitions', '3', '--replication-factor', '2')).stdout, 'Created topic "auto1".\n');
      assert.equal((await ktoolTopics(c.connect, '--create', '--topic', 'manual1', '--replica-assignment', '3:1,1:2,2:3,3:2')).stdout, 'Created topic "manual1".\n');
      await ktoolTopics(c.connect, '--create', '--topic', 'cfg1', '--partitions', '2', '--replication-factor', '3', '--config', 'retention.ms=86400000', '--config', 'cleanup.policy=compact');
      await ktoolTopics(c.connect, '--create', '--topic', 'single', '--partitions', '1', '--replication-factor', '1');
      const file = join(work, 'topics.json');
      writeFileSync(
        file,
        JSON.stringify({
          version: 1,
          topics: [
            { topic: 'file-auto', partitions: 2, replication_factor: 2, configs: { 'retention.ms': 60000 } },
            { topic: 'file-manual', replica_assignment: { '0': [2, 1], '1': [3, 2], '2': [1, 3] } },
          ],
        }),
      );
      await ktoolTopics(c.connect, '--create', '--from-file', file);

      const outputs = await assertSameOutput(c.connect, [['--describe'], ['--list'], ['--describe', '--topic', 'manual1|cfg1']]);
      const described = parseDescribe(outputs.get('--describe')!);
      assert.deepEqual([...described.keys()], ['auto1', 'cfg1', 'file-auto', 'file-manual', 'manual1', 'single']);
      assert.equal(outputs.get('--list'), 'auto1\ncfg1\nfile-auto\nfile-manual\nmanual1\nsingle\n');

      // Kafka reads exactly the assignment ktool wrote.
      for (const t of described.values()) {
        const assignment = await assignmentOf(c.zk, t.topic);
        assert.equal(t.partitionCount, assignment.size, t.topic);
        assert.deepEqual(
          t.partitions.map((p) => [p.partition, p.replicas]),
          [...assignment].map(([p, r]) => [p, r]),
          `${t.topic}: kafka-topics.sh shows a different assignment`,
        );
        // No controller ran, so no partition has a state znode yet.
        for (const p of t.partitions) assert.equal(p.leader, 'none');
      }
      assert.deepEqual(
        described.get('manual1')!.partitions.map((p) => p.replicas),
        [[3, 1], [1, 2], [2, 3], [3, 2]],
      );
      const auto1 = described.get('auto1')!;
      assert.equal(auto1.replicationFactor, 2);
      for (const p of auto1.partitions) assert.equal(new Set(p.replicas).size, 2, 'replicas of a partition must be distinct brokers');
      assert.deepEqual(Object.fromEntries(described.get('cfg1')!.configs), { 'cleanup.policy': 'compact', 'retention.ms': '86400000' });
      assert.equal(described.get('cfg1')!.replicationFactor, 3);
      assert.equal(described.get('single')!.configs.size, 0);
      assert.deepEqual(
        described.get('file-manual')!.partitions.map((p) => p.replicas),
        [[2, 1], [3, 2], [1, 3]],
      );
      assert.deepEqual(Object.fromEntries(described.get('file-auto')!.configs), { 'retention.ms': '60000' });
      assert.equal(described.get('file-auto')!.replicationFactor, 2);
      assert.deepEqual([...parseDescribe(outputs.get('--describe --topic manual1|cfg1')!).keys()], ['cfg1', 'manual1']);
    } finally {
      await c.close();
    }
  });

  test('ktool --list/--describe print what kafka-topics.sh prints for topics Kafka created; ktool --alter --config shows up in Kafka', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      await mapLimit(
        [
          ['--create', '--topic', 'k-auto', '--partitions', '4', '--replication-factor', '2'],
          ['--create', '--topic', 'k-manual', '--replica-assignment', '2:3,3:1'],
          ['--create', '--topic', 'k-cfg', '--partitions', '1', '--replication-factor', '3', '--config', 'max.message.bytes=2000', '--config', 'retention.ms=5000'],
        ],
        3,
        (args) => kafkaTopics(c.connect, ...args),
      );
      const marked = await kafkaTopics(c.connect, '--delete', '--topic', 'k-manual');
      assert.match(marked.stdout, /^Topic k-manual is marked for deletion\./);

      // Partition states as a 0.9 controller leaves them: healthy, shrunk ISR, leaderless, never elected.
      const auto = await assignmentOf(c.zk, 'k-auto');
      const states = [
        { controllerEpoch: 1, leader: auto.get(0)![0]!, leaderEpoch: 0, isr: auto.get(0)! },
        { controllerEpoch: 1, leader: auto.get(1)![1]!, leaderEpoch: 1, isr: [auto.get(1)![1]!] },
        { controllerEpoch: 2, leader: -1, leaderEpoch: 2, isr: [] },
      ];
      for (const [p, s] of states.entries()) {
        await c.zk.mkdirp(P.partitionPath('k-auto', p));
        await c.zk.create(P.partitionStatePath('k-auto', p), encodePartitionState(s));
      }

      const outputs = await assertSameOutput(c.connect, [
        ['--list'],
        ['--describe'],
        ['--describe', '--topics-with-overrides'],
        ['--describe', '--under-replicated-partitions'],
        ['--describe', '--unavailable-partitions'],
      ]);
      assert.equal(outputs.get('--list'), 'k-auto\nk-cfg\nk-manual - marked for deletion\n');
      const all = parseDescribe(outputs.get('--describe')!);
      assert.deepEqual(
        all.get('k-auto')!.partitions.map((p) => p.leader),
        [String(auto.get(0)![0]), String(auto.get(1)![1]), '-1', 'none'],
      );
      assert.deepEqual(Object.fromEntries(all.get('k-cfg')!.configs), { 'max.message.bytes': '2000', 'retention.ms': '5000' });
      // Only k-cfg has overrides: its header line alone.
      assert.match(outputs.get('--describe --topics-with-overrides')!, /^Topic:k-cfg\tPartitionCount:1\tReplicationFactor:3\tConfigs:\S+\n$/);
      const unavailable = parseDescribe(outputs.get('--describe --unavailable-partitions')!);
      assert.ok(unavailable.has('k-auto') && unavailable.get('k-auto')!.partitions.some((p) => p.partition === 2));

      // ktool alters configs of Kafka-created topics; kafka-topics.sh sees the result.
      const altered = await ktoolTopics(c.connect, '--alter', '--topic', 'k-auto', '--config', 'retention.ms=1000', '--config', 'cleanup.policy=compact');
      assert.match(altered.stdout, /Updated config for topic "k-auto"\.\n$/);
      const removed = await ktoolTopics(c.connect, '--alter', '--topic', 'k-cfg', '--delete-config', 'retention.ms');
      assert.match(removed.stdout, /Updated config for topic "k-cfg"\.\n$/);
      const after = await assertSameOutput(c.connect, [['--describe', '--topic', 'k-auto|k-cfg']]);
      const shown = parseDescribe(after.get('--describe --topic k-auto|k-cfg')!);
      assert.deepEqual(Object.fromEntries(shown.get('k-auto')!.configs), { 'cleanup.policy': 'compact', 'retention.ms': '1000' });
      assert.deepEqual(Object.fromEntries(shown.get('k-cfg')!.configs), { 'max.message.bytes': '2000' });
      // Brokers learn of the change through a 0.9-format notification per altered topic.
      const changes = await c.zk.getChildren(P.CONFIG_CHANGES);
      assert.equal(changes.children.filter((n) => n.startsWith('config_change_')).length, 2);
      const cfg = await c.zk.getData(P.topicConfigPath('k-auto'));
      assert.deepEqual(Object.fromEntries(decodeEntityConfig(cfg.data, P.topicConfigPath('k-auto'))), { 'cleanup.policy': 'compact', 'retention.ms': '1000' });
    } finally {
      await c.close();
    }
  });

  test('a real Kafka 0.9 broker elects leaders for, grows and deletes topics ktool manages', async () => {
    const c = await freshChroot(server);
    const broker = await startKafkaBroker({ zkConnect: c.connect, brokerId: 1 });
    try {
      await ktoolTopics(c.connect, '--create', '--topic', 'led', '--partitions', '4', '--replication-factor', '1');
      await ktoolTopics(c.connect, '--create', '--topic', 'doomed', '--replica-assignment', '1,1');
      const leadersOf = async (topic: string, n: number): Promise<boolean> => {
        for (let p = 0; p < n; p++) {
          const s = await c.zk.tryGetData(P.partitionStatePath(topic, p));
          if (!s || decodePartitionState(s.data, P.partitionStatePath(topic, p)).leader !== 1) return false;
        }
        return true;
      };
      await waitFor('the Kafka broker to lead every partition of led and doomed', async () => (await leadersOf('led', 4)) && (await leadersOf('doomed', 2)), 30_000, 100);

      const outputs = await assertSameOutput(c.connect, [['--describe']]);
      const led = parseDescribe(outputs.get('--describe')!).get('led')!;
      assert.deepEqual(
        led.partitions.map((p) => [p.partition, p.leader, p.isr]),
        [0, 1, 2, 3].map((p) => [p, '1', [1]]),
      );

      // Adding partitions: the controller elects leaders for the new ones too.
      const grown = await ktoolTopics(c.connect, '--alter', '--topic', 'led', '--partitions', '6');
      assert.match(grown.stdout, /Adding partitions succeeded!\n$/);
      await waitFor('leaders for the added partitions 4 and 5', () => leadersOf('led', 6), 30_000, 100);
      const described = parseDescribe((await ktoolTopics(c.connect, '--describe', '--topic', 'led')).stdout).get('led')!;
      assert.equal(described.partitionCount, 6);
      assert.deepEqual(described.partitions.map((p) => p.leader), ['1', '1', '1', '1', '1', '1']);

      // Deletion: ktool marks, the Kafka controller deletes every znode of the topic.
      const del = await ktoolTopics(c.connect, '--delete', '--topic', 'doomed');
      assert.equal(del.stdout, 'Topic doomed is marked for deletion.\nNote: This will have no impact if delete.topic.enable is not set to true.\n');
      await waitFor(
        'the Kafka controller to delete topic doomed',
        async () => !(await c.zk.exists(P.topicPath('doomed'))) && !(await c.zk.exists(P.deleteTopicPath('doomed'))) && !(await c.zk.exists(P.topicConfigPath('doomed'))),
        30_000,
        100,
      );
      assert.equal((await ktoolTopics(c.connect, '--list')).stdout, 'led\n');
    } finally {
      await broker.stop();
      await c.close();
    }
  });
});
