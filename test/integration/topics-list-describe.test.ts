// ktool topics --list / --describe against a real ZooKeeper holding Kafka-format znodes
// (assignments, configs, partition states written as a 0.9 controller would): exact text of
// transcript A.4/A.5, the report filters, --json, and the terminal table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers } from '../helpers/cluster.js';
import { runKtool, type RunResult, envelopeWithoutKafka } from '../helpers/ktool.js';

type Topics = Record<string, { partitions: Record<string, number[]>; config?: Record<string, string>; states?: Record<string, { leader: number; isr: number[] } | null> }>;

// Broker 2 is down: auto1/cfg1 lost it from their ISRs, single2's only replica was on it.
const TOPICS: Topics = {
  auto1: {
    partitions: { '0': [1, 2], '1': [2, 3], '2': [3, 1] },
    config: { 'retention.ms': '5000', 'max.message.bytes': '2000' },
    states: { '0': { leader: 1, isr: [1] }, '1': { leader: 3, isr: [3] }, '2': { leader: 3, isr: [3, 1] } },
  },
  cfg1: {
    partitions: { '0': [1, 2, 3] },
    config: { 'cleanup.policy': 'compact', 'retention.ms': '86400000' },
    states: { '0': { leader: 1, isr: [1, 3] } },
  },
  'my.topic': { partitions: { '0': [3] }, states: { '0': { leader: 3, isr: [3] } } },
  nob2: { partitions: { '0': [1] }, states: { '0': null } },
  single2: { partitions: { '0': [2], '1': [2] }, states: { '0': { leader: -1, isr: [] }, '1': { leader: -1, isr: [] } } },
  __consumer_offsets: { partitions: { '0': [1] }, states: { '0': { leader: 1, isr: [1] } } },
};

describe('ktool topics --list / --describe', () => {
  let server: ZkServer;
  let run: (...args: string[]) => Promise<RunResult>;
  let close: () => Promise<void>;
  let connect = '';
  before(async () => {
    server = await startZooKeeper();
    const c = await freshChroot(server);
    close = c.close;
    await registerBrokers(c.zk, [1, 3]);
    for (const p of ['/brokers/topics', '/config/topics', '/admin/delete_topics']) await c.zk.mkdirp(p);
    for (const [t, spec] of Object.entries(TOPICS)) {
      await c.zk.create(`/config/topics/${t}`, JSON.stringify({ version: 1, config: spec.config ?? {} }));
      await c.zk.create(`/brokers/topics/${t}`, JSON.stringify({ version: 1, partitions: spec.partitions }));
      for (const [p, st] of Object.entries(spec.states ?? {})) {
        if (!st) continue;
        await c.zk.mkdirp(`/brokers/topics/${t}/partitions/${p}`);
        await c.zk.create(
          `/brokers/topics/${t}/partitions/${p}/state`,
          JSON.stringify({ controller_epoch: 1, leader: st.leader, version: 1, leader_epoch: 1, isr: st.isr }),
        );
      }
    }
    await c.zk.create('/admin/delete_topics/single2', Buffer.alloc(0));
    connect = c.connect;
    run = (...args) => runKtool(['topics', '--zookeeper', c.connect, ...args]);
  });
  after(async () => {
    await close?.();
    const keepAlive = setInterval(() => undefined, 1000); // the helper's ZooKeeper child is unref'd
    await server?.stop();
    clearInterval(keepAlive);
  });

  const ok = (stdout: string): RunResult => ({ stdout, stderr: '', code: 0 });

  test('--list: sorted, marked for deletion, regex, --exclude-internal', async () => {
    const [all, re, none, noInternal] = await Promise.all([
      run('--list'),
      run('--list', '--topic', '"auto1, m.*"'),
      run('--list', '--topic', 'auto'),
      run('--list', '--exclude-internal'),
    ]);
    assert.deepEqual(all, ok('__consumer_offsets\nauto1\ncfg1\nmy.topic\nnob2\nsingle2 - marked for deletion\n'));
    assert.deepEqual(re, ok('auto1\nmy.topic\n'));
    assert.deepEqual(none, ok(''));
    assert.deepEqual(noInternal, ok('auto1\ncfg1\nmy.topic\nnob2\nsingle2 - marked for deletion\n'));
  });

  test('--describe: headers and partition lines exactly as Kafka 0.9', async () => {
    const [r, nosuch] = await Promise.all([run('--describe', '--topic', 'auto1|my.*|nob2'), run('--describe', '--topic', 'nosuch')]);
    assert.deepEqual(
      r,
      ok(
        'Topic:auto1\tPartitionCount:3\tReplicationFactor:2\tConfigs:max.message.bytes=2000,retention.ms=5000\n' +
          '\tTopic: auto1\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1\n' +
          '\tTopic: auto1\tPartition: 1\tLeader: 3\tReplicas: 2,3\tIsr: 3\n' +
          '\tTopic: auto1\tPartition: 2\tLeader: 3\tReplicas: 3,1\tIsr: 3,1\n' +
          'Topic:my.topic\tPartitionCount:1\tReplicationFactor:1\tConfigs:\n' +
          '\tTopic: my.topic\tPartition: 0\tLeader: 3\tReplicas: 3\tIsr: 3\n' +
          'Topic:nob2\tPartitionCount:1\tReplicationFactor:1\tConfigs:\n' +
          '\tTopic: nob2\tPartition: 0\tLeader: none\tReplicas: 1\tIsr: \n',
      ),
    );
    assert.deepEqual(nosuch, ok(''));
  });

  test('report filters', async () => {
    const [under, unavailable, overrides, nonPreferred, both] = await Promise.all([
      run('--describe', '--under-replicated-partitions', '--exclude-internal'),
      run('--describe', '--unavailable-partitions'),
      run('--describe', '--topics-with-overrides'),
      run('--describe', '--non-preferred-leader-partitions'),
      run('--describe', '--unavailable-partitions', '--topics-with-overrides'),
    ]);
    assert.deepEqual(
      under,
      ok(
        '\tTopic: auto1\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1\n' +
          '\tTopic: auto1\tPartition: 1\tLeader: 3\tReplicas: 2,3\tIsr: 3\n' +
          '\tTopic: cfg1\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,3\n' +
          '\tTopic: nob2\tPartition: 0\tLeader: none\tReplicas: 1\tIsr: \n' +
          '\tTopic: single2\tPartition: 0\tLeader: -1\tReplicas: 2\tIsr: \n' +
          '\tTopic: single2\tPartition: 1\tLeader: -1\tReplicas: 2\tIsr: \n',
      ),
    );
    assert.deepEqual(
      unavailable,
      ok(
        '\tTopic: nob2\tPartition: 0\tLeader: none\tReplicas: 1\tIsr: \n' +
          '\tTopic: single2\tPartition: 0\tLeader: -1\tReplicas: 2\tIsr: \n' +
          '\tTopic: single2\tPartition: 1\tLeader: -1\tReplicas: 2\tIsr: \n',
      ),
    );
    assert.deepEqual(
      overrides,
      ok(
        'Topic:auto1\tPartitionCount:3\tReplicationFactor:2\tConfigs:max.message.bytes=2000,retention.ms=5000\n' +
          'Topic:cfg1\tPartitionCount:1\tReplicationFactor:3\tConfigs:cleanup.policy=compact,retention.ms=86400000\n',
      ),
    );
    assert.deepEqual(nonPreferred, ok('\tTopic: auto1\tPartition: 1\tLeader: 3\tReplicas: 2,3\tIsr: 3\n'));
    assert.deepEqual(both, { stdout: '', stderr: 'Option "[unavailable-partitions]" can\'t be used with option"[topics-with-overrides]"\n', code: 2 });
  });

  test('--json describe and list', async () => {
    const [d, l, u] = await Promise.all([
      run('--describe', '--topic', 'single2', '--json'),
      run('--list', '--topic', 'single2|__.*', '--json'),
      run('--describe', '--unavailable-partitions', '--json'),
    ]);
    const unavailable = JSON.parse(u.stdout).result.topics as Array<{ topic: string; partitions: Array<{ partition: number }> }>;
    assert.deepEqual(unavailable.map((t) => [t.topic, t.partitions.map((p) => p.partition)]), [['nob2', [0]], ['single2', [0, 1]]]);
    const part = (partition: number) => ({
      partition, leader: -1, replicas: [2], isr: [], underReplicated: true, unavailable: true, nonPreferredLeader: false,
      addingReplicas: [], removingReplicas: [], targetReplicas: [2], leaderRecoveryState: 0, recovering: false,
    });
    assert.deepEqual(envelopeWithoutKafka(d.stdout), {
      ok: true,
      command: 'topics',
      action: 'describe',
      result: {
        topics: [{ topic: 'single2', topicId: null, partitionCount: 2, replicationFactor: 1, configs: {}, markedForDeletion: true, internal: false, partitions: [part(0), part(1)] }],
      },
    });
    assert.deepEqual(JSON.parse(l.stdout).result, {
      topics: [
        { topic: '__consumer_offsets', markedForDeletion: false, internal: true },
        { topic: 'single2', markedForDeletion: true, internal: false },
      ],
    });
  });

  test('terminal output: tables, colour for problem partitions, NO_COLOR honoured', async () => {
    const runTty = (env: Record<string, string | undefined>): Promise<RunResult> =>
      runKtool(['topics', '--zookeeper', connect, '--describe', '--topic', 'auto1|single2'], { env: { KTOOL_FORCE_TTY: '1', ...env } });
    const [plain, coloured] = await Promise.all([runTty({ NO_COLOR: '1' }), runTty({ NO_COLOR: undefined, FORCE_COLOR: '1' })]);
    assert.equal(plain.code, 0);
    assert.doesNotMatch(plain.stdout, /\x1b\[/);
    assert.match(plain.stdout, /│ Topic +│ Partitions │ RF │ Configs +│ Status/);
    assert.match(plain.stdout, /│ auto1 +│ 3 +│ 2 +│ max\.message\.bytes=2000 +│ 2 under-replicated/);
    assert.match(plain.stdout, /│ single2 +│ 1 +│ -1 +│ 2 +│ +│/);
    // Offline partitions in red (31), under-replicated in yellow (33).
    assert.match(coloured.stdout, /\x1b\[31msingle2\x1b\[39m/);
    assert.match(coloured.stdout, /\x1b\[33mauto1\x1b\[39m/);
  });
});
