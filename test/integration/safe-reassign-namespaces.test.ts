// Every write of `ktool reassign` (--execute incl. --throttle, --verify removing throttles,
// --cancel) against ZooKeeper namespaces exactly as Kafka 0.9, 1.1, 2.4, 2.8, 3.4 and 3.9 write
// them, and against the trees captured from a real Kafka 3.8.0 cluster: the exact znodes after
// each write, and every refusal with its exit code, its message and the tree unchanged.
// Each test names the hazard of kafka-zk-safety.md it covers; each fails on the code before them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dialectFor } from '../../src/kafka/dialects/index.js';
import { versionOfLine } from '../../src/kafka/version.js';
import { ZkClient } from '../../src/zk/client.js';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { loadFixtureTree, loadTree, readTree, type Tree, chrootWithTree } from '../helpers/zk-tree.js';
import { buildNamespace, NAMESPACE_LINES, topicZnode, type NamespaceLine, type NamespaceOptions, type TopicSpec } from '../helpers/kafka-namespaces.js';
import { addedWithoutNotices, diffTrees } from '../helpers/tree-diff.js';
import { envelopeWithoutKafka, runKtool } from '../helpers/ktool.js';

let server: ZkServer;
let root: ZkClient;
let dir: string;
before(async () => {
  server = await startZooKeeper();
  root = await ZkClient.connect(server.connect);
  dir = mkdtempSync(join(tmpdir(), 'ktool-safe-reassign-'));
});
after(async () => {
  await root?.close();
  const keepAlive = setInterval(() => {}, 1000);
  await server?.stop();
  clearInterval(keepAlive);
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
interface Ns {
  zk: ZkClient;
  connect: string;
  close(): Promise<void>;
}
/** A fresh chroot holding `tree`; the loading session keeps its ephemeral znodes alive. */
const chrootWith = (tree: Tree): Promise<Ns> => chrootWithTree(root, server.connect, `/safe${n++}`, tree);
const file = (name: string, content: string): string => {
  const f = join(dir, `${n++}-${name}`);
  writeFileSync(f, content);
  return f;
};
const node = (data: string | null): Tree[string] => ({ data, version: 0, ephemeral: false, acl: [['world', 'anyone', 31]] });
const plan = (list: Array<[string, number, number[]]>): string =>
  JSON.stringify({ version: 1, partitions: list.map(([topic, partition, replicas]) => ({ topic, partition, replicas })) });
const reassign = (ns: Ns, ...args: string[]) => runKtool(['reassign', '--zookeeper', ns.connect, ...args]);
/** What ktool infers from each namespace, and so the dialect its text follows (3.x: 2.8's). */
const INFERRED: Record<string, string> = { '0.9': '0.9.0', '1.1': '0.10.2', '2.4': '2.4', '2.8': '2.8', '3.4': '3.4', '3.9': '3.4', '3.8': '3.4' };
const D = (line: string) => dialectFor(versionOfLine(INFERRED[line] ?? line));
const prefixOf = (line: string): string => D(line).reassignErrorPrefix;
const completed = (topic: string, partition: number, replicas: number[]) => [{ topic, partition, replicas, status: 'completed' as const, assigned: replicas }];

const topicNotice = (line: NamespaceLine | '3.8', topic: string): string =>
  line === '0.9' ? JSON.stringify({ version: 1, entity_type: 'topics', entity_name: topic }) : JSON.stringify({ version: 2, entity_path: `topics/${topic}` });
const brokerNotice = (id: number | string): string => JSON.stringify({ version: 2, entity_path: `brokers/${id}` });
const rates = (r: number | string, extra: Record<string, string> = {}): string =>
  JSON.stringify({ version: 1, config: { ...extra, 'leader.replication.throttled.rate': String(r), 'follower.replication.throttled.rate': String(r) } });
const atLeast11 = (line: NamespaceLine): boolean => line !== '0.9';

/** The line's namespace plus an operator's broker override and (1.1+) a cluster-wide default throttle. */
function withOperatorConfigs(line: NamespaceLine, opts: NamespaceOptions = {}): Tree {
  const tree = buildNamespace(line, opts);
  if (!tree['/config/brokers']) tree['/config/brokers'] = node(null);
  tree['/config/brokers/1'] = node(JSON.stringify({ version: 1, config: { 'some.other': 'x' } }));
  if (atLeast11(line)) tree['/config/brokers/<default>'] = node(rates(777));
  return tree;
}

// H3: topic notices in the cluster's format (v1 only on 0.9), broker notices v2, and --verify
// removes only the keys this --execute set: never /config/brokers/<default>, never other keys.
test('H3: --execute --throttle writes exactly the throttle znodes in each line\'s notice format; --verify removes only what it set', async () => {
  await Promise.all(
    NAMESPACE_LINES.map(async (line) => {
      const ns = await chrootWith(withOperatorConfigs(line));
      try {
        const before = await readTree(ns.zk);
        const p = file(`h3-${line}.json`, plan([['orders', 0, [1, 2]]]));
        const rb = join(dir, `h3-${line}-rollback.json`);
        const ex = await reassign(ns, '--execute', '--reassignment-json-file', p, '--rollback-file', rb, '--throttle', '1000');
        assert.equal(ex.code, 0, `${line}: ${ex.stdout}${ex.stderr}`);
        assert.ok(ex.stdout.includes(D(line).executeStarted([{ topic: 'orders', partition: 0, replicas: [1, 2] }])), `${line}: ${ex.stdout}`);
        const afterEx = await readTree(ns.zk);
        const d = diffTrees(before, afterEx);
        assert.deepEqual(
          addedWithoutNotices(d),
          {
            '/admin/reassign_partitions': plan([['orders', 0, [1, 2]]]),
            '/config/brokers/0': rates(1000),
            '/config/brokers/2': rates(1000),
          },
          line,
        );
        assert.deepEqual(
          d.changed,
          {
            '/config/topics/orders': JSON.stringify({
              version: 1,
              config: { 'retention.ms': '86400000', 'leader.replication.throttled.replicas': '0:0,0:1', 'follower.replication.throttled.replicas': '0:2' },
            }),
            '/config/brokers/1': rates(1000, { 'some.other': 'x' }),
          },
          line,
        );
        assert.deepEqual(d.notices, [topicNotice(line, 'orders'), brokerNotice(0), brokerNotice(1), brokerNotice(2)], line);
        assert.deepEqual(d.removed, []);
        assert.ok(existsSync(`${p}.ktool-journal.json.throttles.json`), 'what ktool set is recorded beside the journal');

        // The line's controller finishes the move: target applied, znode deleted.
        const done: TopicSpec = { partitions: { '0': [1, 2], '1': [1, 2], '2': [2, 0] } };
        await ns.zk.setData('/brokers/topics/orders', topicZnode(line, 'orders', done));
        await ns.zk.remove('/admin/reassign_partitions');
        const beforeVerify = await readTree(ns.zk);
        const v = await reassign(ns, '--verify', '--reassignment-json-file', p);
        assert.equal(v.code, 0, `${line}: ${v.stdout}${v.stderr}`);
        assert.equal(v.stdout, D(line).verify(completed('orders', 0, [1, 2]), { throttleRemoved: true, scope: { brokers: [0, 1, 2], topics: ['orders'] } }));
        assert.equal(v.stderr, '');
        const dv = diffTrees(beforeVerify, await readTree(ns.zk));
        assert.deepEqual(addedWithoutNotices(dv), {});
        assert.deepEqual(
          dv.changed,
          {
            '/config/topics/orders': JSON.stringify({ version: 1, config: { 'retention.ms': '86400000' } }),
            '/config/brokers/0': '{"version":1,"config":{}}',
            '/config/brokers/1': JSON.stringify({ version: 1, config: { 'some.other': 'x' } }),
            '/config/brokers/2': '{"version":1,"config":{}}',
          },
          line,
        );
        assert.deepEqual(dv.notices, [topicNotice(line, 'orders'), brokerNotice(0), brokerNotice(1), brokerNotice(2)], line);
        if (atLeast11(line)) assert.equal((await ns.zk.getData('/config/brokers/<default>')).data!.toString(), rates(777), '<default> untouched');
        assert.equal(existsSync(`${p}.ktool-journal.json.throttles.json`), false, 'record dropped once removed');
      } finally {
        await ns.close();
      }
    }),
  );
});

// H3: without the record (--execute ran elsewhere), removal is limited to the plan's topic and the
// brokers holding its replicas: an operator's rate on another broker and <default> stay.
test('H3: --verify without a throttle record removes only the plan brokers\' rate keys, never <default>, and says so', async () => {
  const ns = await chrootWith(withOperatorConfigs('3.9', { brokers: [0, 1, 2, 3] }));
  try {
    await ns.zk.create('/config/brokers/3', rates(555));
    const p = file('h3-fallback.json', plan([['orders', 0, [1, 2]]]));
    const ex = await reassign(ns, '--execute', '--reassignment-json-file', p, '--rollback-file', join(dir, 'h3-fb-rb.json'), '--throttle', '1000');
    assert.equal(ex.code, 0, ex.stdout);
    unlinkSync(`${p}.ktool-journal.json.throttles.json`);
    await ns.zk.setData('/brokers/topics/orders', topicZnode('3.9', 'orders', { partitions: { '0': [1, 2], '1': [1, 2], '2': [2, 0] } }));
    await ns.zk.remove('/admin/reassign_partitions');
    const beforeVerify = await readTree(ns.zk);
    const v = await reassign(ns, '--verify', '--reassignment-json-file', p);
    assert.equal(v.code, 0, v.stdout);
    assert.equal(v.stdout, D('3.9').verify(completed('orders', 0, [1, 2]), { throttleRemoved: true, scope: { brokers: [0, 1, 2, 3], topics: ['orders'] } }));
    assert.match(v.stderr, /No throttle record .*removed only the throttle replica lists of topics orders and the throttle rates of brokers 0,1,2, never \/config\/brokers\/<default>/);
    const dv = diffTrees(beforeVerify, await readTree(ns.zk));
    assert.deepEqual(Object.keys(dv.changed).sort(), ['/config/brokers/0', '/config/brokers/1', '/config/brokers/2', '/config/topics/orders']);
    assert.equal((await ns.zk.getData('/config/brokers/3')).data!.toString(), rates(555));
    assert.equal((await ns.zk.getData('/config/brokers/<default>')).data!.toString(), rates(777));
  } finally {
    await ns.close();
  }
});

// H3: --execute --wait removes, at the end, only what it set (a stand-in plays the 2.8
// controller: applies the target in the line's format and deletes the znode).
test('H3: --execute --throttle --wait removes at the end only the keys it set, never <default> or another broker\'s rate', async () => {
  const ns = await chrootWith(withOperatorConfigs('2.8', { brokers: [0, 1, 2, 3] }));
  try {
    await ns.zk.create('/config/brokers/3', rates(555));
    const p = file('h3-wait.json', plan([['orders', 0, [1, 2]]]));
    const run = reassign(ns, '--execute', '--reassignment-json-file', p, '--rollback-file', join(dir, 'h3-wait-rb.json'), '--throttle', '1000', '--wait', '--timeout', '60');
    let running = true;
    const standIn = (async () => {
      while (running) {
        const r = await ns.zk.tryGetData('/admin/reassign_partitions');
        if (r) {
          await ns.zk.setData('/brokers/topics/orders', topicZnode('2.8', 'orders', { partitions: { '0': [1, 2], '1': [1, 2], '2': [2, 0] } }));
          await ns.zk.remove('/admin/reassign_partitions', r.stat.version);
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const r = await run;
    running = false;
    await standIn;
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(r.stdout.endsWith(D('2.8').verify(completed('orders', 0, [1, 2]), { throttleRemoved: true })), r.stdout);
    assert.equal((await ns.zk.getData('/config/topics/orders')).data!.toString(), JSON.stringify({ version: 1, config: { 'retention.ms': '86400000' } }));
    for (const b of [0, 2]) assert.equal((await ns.zk.getData(`/config/brokers/${b}`)).data!.toString(), '{"version":1,"config":{}}');
    assert.equal((await ns.zk.getData('/config/brokers/1')).data!.toString(), JSON.stringify({ version: 1, config: { 'some.other': 'x' } }));
    assert.equal((await ns.zk.getData('/config/brokers/3')).data!.toString(), rates(555), 'not in the plan: untouched');
    assert.equal((await ns.zk.getData('/config/brokers/<default>')).data!.toString(), rates(777), '<default> untouched');
    const notices = await Promise.all((await ns.zk.childrenOrEmpty('/config/changes')).sort().map(async (c) => (await ns.zk.getData(`/config/changes/${c}`)).data!.toString()));
    assert.deepEqual(notices.slice(-8), [topicNotice('2.8', 'orders'), brokerNotice(0), brokerNotice(1), brokerNotice(2), topicNotice('2.8', 'orders'), brokerNotice(0), brokerNotice(1), brokerNotice(2)]);
    assert.equal(existsSync(`${p}.ktool-journal.json.throttles.json`), false);
  } finally {
    await ns.close();
  }
});

// H3 on the real 3.8.0 tree: version-2 topic notice (3.8 writes nothing else), exact znodes.
test('H3: on the real Kafka 3.8.0 tree at rest, --execute --throttle and --verify write version-2 notices only', async () => {
  const ns = await chrootWith(loadFixtureTree('tree-at-rest'));
  try {
    const before = await readTree(ns.zk);
    const p = file('h3-38.json', plan([['mv', 0, [1]]]));
    const ex = await reassign(ns, '--execute', '--reassignment-json-file', p, '--rollback-file', join(dir, 'h3-38-rb.json'), '--throttle', '1000', '--json');
    assert.equal(ex.code, 0, ex.stdout);
    const env = envelopeWithoutKafka(ex.stdout, '3.4') as { ok: boolean; action: string };
    assert.equal(env.ok, true);
    assert.equal(env.action, 'execute');
    const d = diffTrees(before, await readTree(ns.zk));
    assert.deepEqual(addedWithoutNotices(d), { '/admin/reassign_partitions': plan([['mv', 0, [1]]]) });
    assert.deepEqual(d.changed, {
      '/config/topics/mv': JSON.stringify({ version: 1, config: { 'leader.replication.throttled.replicas': '0:0', 'follower.replication.throttled.replicas': '0:1' } }),
      '/config/brokers/0': rates(1000),
      '/config/brokers/1': rates(1000),
    });
    assert.deepEqual(d.notices, [topicNotice('3.8', 'mv'), brokerNotice(0), brokerNotice(1)]);
    // The 3.8 controller finishes (it keeps topic_id and writes the KIP-455 fields back empty).
    await ns.zk.setData('/brokers/topics/mv', '{"removing_replicas":{},"partitions":{"0":[1]},"topic_id":"gT--DNcFR22S35kUqa7LPw","adding_replicas":{},"version":3}');
    await ns.zk.remove('/admin/reassign_partitions');
    const beforeVerify = await readTree(ns.zk);
    const v = await reassign(ns, '--verify', '--reassignment-json-file', p);
    assert.equal(v.code, 0, v.stdout);
    assert.equal(v.stdout, D('3.8').verify(completed('mv', 0, [1]), { throttleRemoved: true, scope: { brokers: [0, 1], topics: ['mv'] } }));
    const dv = diffTrees(beforeVerify, await readTree(ns.zk));
    assert.deepEqual(dv.changed, {
      '/config/topics/mv': '{"version":1,"config":{}}',
      '/config/brokers/0': '{"version":1,"config":{}}',
      '/config/brokers/1': '{"version":1,"config":{}}',
    });
    assert.deepEqual(dv.notices, [topicNotice('3.8', 'mv'), brokerNotice(0), brokerNotice(1)]);
  } finally {
    await ns.close();
  }
});

const MV: TopicSpec = {
  partitions: { '0': [1, 0] },
  adding: { '0': [1] },
  removing: { '0': [0] },
  configs: { 'leader.replication.throttled.replicas': '0:0', 'follower.replication.throttled.replicas': '0:1' },
};

// H8: a KIP-455 reassignment (Admin API / Cruise Control: adding/removing replicas, no
// /admin/reassign_partitions) is in flight. --execute refuses (any topic), --generate and
// --verify read replicas − adding, nothing is written.
test('H8: an Admin API reassignment in flight: --execute refuses naming it, --generate/--verify see replicas − adding, tree unchanged', async () => {
  const cases: Array<{ name: string; tree: Tree; expectLine: string; other: string }> = [
    ...(['2.4', '2.8', '3.4', '3.9'] as const).map((line) => ({
      name: line,
      tree: buildNamespace(line, { topics: { orders: { partitions: { '0': [0, 1], '1': [1, 2], '2': [2, 0] } }, mv: MV } }),
      expectLine: line === '3.9' ? '3.4' : line,
      other: 'orders',
    })),
    { name: '3.8.0 capture', tree: loadFixtureTree('tree-reassignment-in-flight'), expectLine: '3.4', other: 't1' },
  ];
  await Promise.all(
    cases.map(async ({ name, tree, expectLine, other: otherTopic }) => {
      const ns = await chrootWith(tree);
      try {
        const before = await readTree(ns.zk);
        const rb1 = join(dir, `h8-${n}-rb1.json`);
        const rb2 = join(dir, `h8-${n}-rb2.json`);
        // A plan of another topic is refused too (any partition of the cluster counts); checked on
        // two cases only, to keep the number of ktool runs down.
        const both = name === '3.9' || name.startsWith('3.8');
        const [same, gen, json, other] = await Promise.all([
          reassign(ns, '--execute', '--reassignment-json-file', file('h8-mv.json', plan([['mv', 0, [0]]])), '--rollback-file', rb1, '--throttle', '10'),
          reassign(ns, '--generate', '--topics-to-move-json-file', file('h8-topics.json', '{"topics":[{"topic":"mv"}],"version":1}'), '--broker-list', '0,1'),
          reassign(ns, '--verify', '--reassignment-json-file', file('h8-verify2.json', plan([['mv', 0, [1]]])), '--json'),
          ...(both ? [reassign(ns, '--execute', '--reassignment-json-file', file('h8-other.json', plan([[otherTopic, 0, [1, 0]]])), '--rollback-file', rb2)] : []),
        ]);
        for (const r of other ? [same, other] : [same]) {
          assert.equal(r.code, 1, `${name}: ${r.stdout}${r.stderr}`);
          assert.ok(r.stdout.startsWith(`${prefixOf(name.startsWith('3.8') ? '3.8' : name)}Partition reassignment currently in progress for Set([mv,0]): it was started through Kafka's Admin API`), `${name}: ${r.stdout}`);
          assert.match(r.stdout, /adding 1 removing 0/);
          assert.match(r.stdout, /kafka-reassign-partitions\.sh --bootstrap-server <broker> --list to see it, --cancel to stop it/);
          assert.doesNotMatch(r.stdout, /Current partition replica assignment/, 'refused before printing a (wrong) rollback');
        }
        assert.equal(existsSync(rb1) || existsSync(rb2), false, 'no rollback saved');
        assert.equal(gen.code, 0, gen.stdout + gen.stderr);
        // 0.9–0.10.1 put a blank line after each heading; the 2.x dialects don't and add log_dirs.
        const m = /^Current partition replica assignment\n\n?(.*)\n\n?Proposed partition reassignment configuration\n\n?(.*)\n\n?$/.exec(gen.stdout);
        assert.ok(m, gen.stdout);
        const cur = (JSON.parse(m[1]!) as { partitions: Array<{ topic: string; partition: number; replicas: number[] }> }).partitions;
        assert.deepEqual(cur.map(({ topic, partition, replicas }) => ({ topic, partition, replicas })), [{ topic: 'mv', partition: 0, replicas: [0] }], 'current = replicas − adding');
        const proposed = JSON.parse(m[2]!) as { partitions: Array<{ replicas: number[] }> };
        assert.equal(proposed.partitions[0]!.replicas.length, 1, 'replication factor 1, not the union\'s 2');
        assert.equal(json.code, 0, json.stdout);
        const env = envelopeWithoutKafka(json.stdout, expectLine) as { result: { entries: Array<Record<string, unknown>>; throttleRemoved: boolean } };
        assert.deepEqual(env.result.entries, [{ topic: 'mv', partition: 0, replicas: [1], status: 'in_progress', assigned: [0], adding: [1], removing: [0] }]);
        assert.equal(env.result.throttleRemoved, false);
        assert.deepEqual(await readTree(ns.zk), before, `${name}: ZooKeeper unchanged`);
      } finally {
        await ns.close();
      }
    }),
  );
});

// H4: Kafka's controller does not act on a rewritten /admin/reassign_partitions, so --cancel
// refuses on every real Kafka namespace (and with no controller but real-Kafka traces).
test('H4: --cancel refuses when the controller is not a ktool daemon, naming what to use, tree unchanged', async () => {
  const inFlight = [{ topic: 'orders', partition: 0, replicas: [1, 2] }];
  const cases: Array<{ name: string; tree: Tree; message: RegExp }> = NAMESPACE_LINES.map((line) => ({
    name: line,
    tree: buildNamespace(line, { reassignPartitions: inFlight }),
    message: /refusing to cancel: the controller \(broker 0\) is a Kafka broker, not a ktool daemon/,
  }));
  const noController = buildNamespace('1.1', { reassignPartitions: inFlight });
  delete noController['/controller'];
  cases.push({ name: '1.1 without controller', tree: noController, message: /refusing to cancel: there is no controller and the namespace shows a Kafka broker/ });
  for (const name of ['tree-at-rest', 'tree-reassignment-in-flight'] as const) {
    const t = loadFixtureTree(name);
    t['/admin/reassign_partitions'] = node(plan([['t1', 0, [0, 1]]]));
    cases.push({ name, tree: t, message: /refusing to cancel: the controller \(broker 0\) is a Kafka broker/ });
  }
  const rollback = file('h4-rollback.json', plan([['orders', 0, [0, 1]], ['t1', 0, [1, 0]]]));
  await Promise.all(
    cases.map(async ({ name, tree, message }) => {
      const ns = await chrootWith(tree);
      try {
        const before = await readTree(ns.zk);
        const r = await reassign(ns, '--cancel', '--rollback-file', rollback);
        assert.equal(r.code, 1, `${name}: ${r.stdout}${r.stderr}`);
        assert.ok(r.stdout.startsWith(prefixOf(name.startsWith('tree') ? '3.8' : name.split(' ')[0]!) + 'refusing to cancel'), r.stdout);
        assert.match(r.stdout, message, name);
        assert.match(r.stdout, /kafka-reassign-partitions\.sh --bootstrap-server <broker> --cancel --reassignment-json-file <plan> \(Kafka 2\.6\+\)/);
        assert.match(r.stdout, /Older Kafka has no safe cancel/);
        assert.deepEqual(await readTree(ns.zk), before, `${name}: ZooKeeper unchanged`);
      } finally {
        await ns.close();
      }
    }),
  );
});

// Keep what is there: on ktool daemons --cancel still works, and its rewrite keeps the znode's
// version field and every field ktool does not know (top level and per entry), conditional on
// the znode version read.
test('--cancel on ktool daemons keeps unknown fields of /admin/reassign_partitions', async () => {
  const tree = buildNamespace('0.9', { reassignPartitions: [] });
  for (const id of [0, 1, 2]) {
    const p = `/brokers/ids/${id}`;
    tree[p] = { ...tree[p]!, data: JSON.stringify({ ...JSON.parse(tree[p]!.data!), ktool_daemon: 1 }) };
  }
  tree['/admin/reassign_partitions'] = {
    ...node(JSON.stringify({ version: 1, partitions: [{ topic: 'orders', partition: 0, replicas: [1, 2, 0], log_dirs: ['any', 'any', 'any'], x: 1 }], future: 'kept' })),
    version: 3,
  };
  const ns = await chrootWith(tree);
  try {
    const r = await reassign(ns, '--cancel', '--rollback-file', file('keep-rb.json', plan([['orders', 0, [0, 1]]])));
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, 'Successfully cancelled reassignment of partitions Set([orders,0]): their original replicas are being restored\n');
    const got = await ns.zk.getData('/admin/reassign_partitions');
    assert.equal(got.data!.toString(), JSON.stringify({ version: 1, partitions: [{ topic: 'orders', partition: 0, replicas: [0, 1], log_dirs: ['any', 'any'], x: 1 }], future: 'kept' }));
    assert.equal(got.stat.version, 4);
  } finally {
    await ns.close();
  }
});

// H7: during a ZooKeeper → KRaft migration every write of reassign is refused.
test('H7: during a KRaft migration --execute (with and without --throttle), --verify and --cancel refuse, tree unchanged', async () => {
  const fixture = loadFixtureTree('tree-at-rest');
  fixture['/migration'] = node(JSON.stringify({ version: 0, kraft_metadata_offset: 120, kraft_controller_id: 3000, kraft_metadata_epoch: 3, kraft_controller_epoch: 3 }));
  const cases: Array<{ name: string; tree: Tree }> = [
    { name: '3.4', tree: buildNamespace('3.4', { migration: true, reassignPartitions: [{ topic: 'audit', partition: 0, replicas: [1, 2] }] }) },
    { name: '3.9', tree: buildNamespace('3.9', { migration: true }) },
    { name: '3.8.0 capture + /migration', tree: fixture },
  ];
  await Promise.all(
    cases.map(async ({ name, tree }) => {
      const ns = await chrootWith(tree);
      try {
        const before = await readTree(ns.zk);
        const p = file('h7.json', plan(name.startsWith('3.8') ? [['mv', 0, [1]]] : [['orders', 0, [1, 2]]]));
        // Every command on 3.4; one each elsewhere (fewer ktool runs, same code path).
        const runs = {
          execute: () => reassign(ns, '--execute', '--reassignment-json-file', p, '--rollback-file', join(dir, `h7-${n}-a.json`)),
          throttle: () => reassign(ns, '--execute', '--reassignment-json-file', p, '--rollback-file', join(dir, `h7-${n}-b.json`), '--throttle', '1000'),
          verify: () => reassign(ns, '--verify', '--reassignment-json-file', p),
          cancel: () => reassign(ns, '--cancel', '--rollback-file', p),
        };
        const pick = name === '3.4' ? (['execute', 'throttle', 'verify', 'cancel'] as const) : name === '3.9' ? (['throttle'] as const) : (['execute', 'cancel'] as const);
        const rs = await Promise.all(pick.map((k) => runs[k]()));
        for (const r of rs) {
          assert.equal(r.code, 1, `${name}: ${r.stdout}${r.stderr}`);
          assert.match(r.stdout, /^(Partitions reassignment failed due to )?refusing to write: (\/migration exists|\/controller names a KRaft controller)/, `${name}: ${r.stdout}`);
          assert.ok(r.stdout.startsWith(prefixOf('3.4') + 'refusing to write'), `${name}: the 3.x (2.8) dialect's prefix`);
        }
        assert.deepEqual(await readTree(ns.zk), before, `${name}: ZooKeeper unchanged`);
      } finally {
        await ns.close();
      }
    }),
  );
});
