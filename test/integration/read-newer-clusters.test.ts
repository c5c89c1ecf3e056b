// The read side on newer clusters (kafka-zk-safety.md §3): any listener name, topic_id,
// KIP-455 adding/removing replicas and KIP-704 leader_recovery_state, in --json and in the
// terminal tables, on spec-built namespaces and the real Kafka 3.8.0 capture. On the old main the
// listener names below made describe/list/create fail, and --json had none of these fields.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { ZkClient } from '../../src/zk/client.js';
import { loadFixtureTree, loadTree, readTree, type Tree, chrootWithTree, type TreeChroot } from '../helpers/zk-tree.js';
import { buildNamespace, topicIdFor } from '../helpers/kafka-namespaces.js';
import { runKtool } from '../helpers/ktool.js';

let zk: ZkServer;
let root: ZkClient;
before(async () => {
  zk = await startZooKeeper();
  root = await ZkClient.connect(zk.connect);
});
after(async () => {
  await root?.close();
  await zk?.stop();
});

let n = 0;
const chrootWith = (tree: Tree): Promise<TreeChroot> => chrootWithTree(root, zk.connect, `/read${n++}`, tree);

interface JsonPartition {
  partition: number;
  leader: number | null;
  replicas: number[];
  isr: number[];
  underReplicated: boolean;
  unavailable: boolean;
  addingReplicas: number[];
  removingReplicas: number[];
  targetReplicas: number[];
  leaderRecoveryState: number | null;
  recovering: boolean;
}
interface JsonTopic {
  topic: string;
  topicId: string | null;
  partitions: JsonPartition[];
}
const topicsOf = (stdout: string): JsonTopic[] => (JSON.parse(stdout) as { result: { topics: JsonTopic[] } }).result.topics;

test('listener names with "-" and "." (INTERNAL-SASL, client.tls): describe, list and create read the brokers', async () => {
  const tree = buildNamespace('2.8');
  for (const id of [0, 1, 2]) {
    const reg = JSON.parse(tree[`/brokers/ids/${id}`]!.data!) as Record<string, unknown>;
    reg.endpoints = [`INTERNAL-SASL://10.0.0.${id}:9093`, `client.tls://b${id}.example.com:9094`];
    reg.listener_security_protocol_map = { 'INTERNAL-SASL': 'SASL_PLAINTEXT', 'client.tls': 'SSL' };
    reg.host = null;
    reg.port = -1;
    tree[`/brokers/ids/${id}`]!.data = JSON.stringify(reg);
  }
  const ns = await chrootWith(tree);
  try {
    const run = (...a: string[]) => runKtool(['topics', '--zookeeper', ns.connect, ...a]);
    const [d, dj, l, u] = await Promise.all([
      run('--describe', '--topic', 'orders'),
      run('--describe', '--json'),
      run('--list'),
      run('--describe', '--unavailable-partitions'),
    ]);
    // After the reads: a concurrent --list could already see the new topic.
    const c = await run('--create', '--topic', 'made', '--partitions', '3', '--replication-factor', '3');
    for (const r of [d, dj, l, u, c]) assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(d.stdout, /orders/);
    assert.equal(l.stdout, 'audit\norders\n');
    assert.equal(u.stdout, '', 'every leader is a live broker');
    assert.ok(topicsOf(dj.stdout).every((t) => t.partitions.every((p) => !p.unavailable)));
    const made = JSON.parse((await ns.zk.getData('/brokers/topics/made')).data!.toString()) as { partitions: Record<string, number[]> };
    assert.deepEqual(Object.values(made.partitions).map((r) => [...r].sort()), [[0, 1, 2], [0, 1, 2], [0, 1, 2]]);
  } finally {
    await ns.zk.close();
  }
});

test('topic id, a reassignment in flight and a recovering leader show in --json and the tables; filters count recovering as unhealthy', async () => {
  const tree = buildNamespace('3.9', {
    topics: {
      mv: { partitions: { '0': [1, 2, 0], '1': [1, 2] }, adding: { '0': [2] }, removing: { '0': [0] } },
      rec: { partitions: { '0': [0, 1], '1': [1, 0] }, states: { '0': { leader: 0, isr: [0, 1], leader_recovery_state: 1 } } },
    },
  });
  const before = JSON.stringify(tree);
  const ns = await chrootWith(tree);
  try {
    const run = (env: Record<string, string>, ...a: string[]) => runKtool(['topics', '--zookeeper', ns.connect, ...a], { env });
    const snapshot = await readTree(ns.zk);
    const [j, under, table, ju] = await Promise.all([
      run({}, '--describe', '--json'),
      run({}, '--describe', '--under-replicated-partitions'),
      run({ KTOOL_FORCE_TTY: '1' }, '--describe'),
      run({}, '--describe', '--under-replicated-partitions', '--json'),
    ]);
    for (const r of [j, under, table, ju]) assert.equal(r.code, 0, r.stdout + r.stderr);
    const [mv, rec] = topicsOf(j.stdout);
    assert.equal(mv!.topicId, topicIdFor('mv'));
    assert.equal(rec!.topicId, topicIdFor('rec'));
    assert.deepEqual(
      mv!.partitions.map((p) => [p.replicas, p.addingReplicas, p.removingReplicas, p.targetReplicas]),
      [[[1, 2, 0], [2], [0], [1, 2]], [[1, 2], [], [], [1, 2]]],
    );
    assert.deepEqual(rec!.partitions.map((p) => [p.leaderRecoveryState, p.recovering, p.underReplicated]), [[1, true, true], [0, false, false]]);
    // Filters: the recovering partition is reported even with a full ISR (Kafka's leader would have ISR = [leader]).
    assert.match(under.stdout, /Topic: rec\tPartition: 0\t/);
    assert.doesNotMatch(under.stdout, /Topic: rec\tPartition: 1\t/);
    assert.deepEqual(topicsOf(ju.stdout).map((t) => [t.topic, t.partitions.map((p) => p.partition)]), [['rec', [0]]]);
    // Terminal tables: topic ids, target/adding/removing of the moving partition, the recovering flag.
    assert.match(table.stdout, new RegExp(`mv\\s*│\\s*${topicIdFor('mv')}`));
    assert.match(table.stdout, /Target\s*│\s*Adding\s*│\s*Removing/);
    assert.match(table.stdout, /mv\s*│\s*0\s*│\s*1\s*│\s*1,2,0\s*│\s*1,2,0\s*│\s*1,2\s*│\s*2\s*│\s*0\s*│/);
    assert.match(table.stdout, /rec\s*│\s*0\s*│\s*0\s*│.*recovering \(unclean election\)/);
    assert.match(table.stdout, /1 recovering/);
    assert.match(table.stdout, /1 reassigning/);
    assert.deepEqual(await readTree(ns.zk), snapshot, 'reads write nothing');
    assert.equal(JSON.stringify(tree), before);
  } finally {
    await ns.zk.close();
  }
});

test('real Kafka 3.8.0 capture: --json describe carries the topic ids and the AdminClient reassignment of mv', async () => {
  const ns = await chrootWith(loadFixtureTree('tree-reassignment-in-flight'));
  try {
    const r = await runKtool(['topics', '--zookeeper', ns.connect, '--describe', '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const byName = new Map(topicsOf(r.stdout).map((t) => [t.topic, t]));
    assert.equal(byName.get('t1')!.topicId, 'IbDxY7jFS5OydAZS-H_mEQ');
    assert.equal(byName.get('cfg')!.topicId, 'Xs49XmhXQou2DGwEcMYE5w');
    const p0 = byName.get('mv')!.partitions[0]!;
    assert.deepEqual([p0.replicas, p0.addingReplicas, p0.removingReplicas, p0.targetReplicas], [[1, 0], [1], [0], [1]]);
  } finally {
    await ns.zk.close();
  }
});
