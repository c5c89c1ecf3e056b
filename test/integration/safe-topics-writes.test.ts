// Every `ktool topics` write against namespaces exactly as Kafka 0.9, 1.1, 2.4, 2.8, 3.4 and 3.9
// write them (test/helpers/kafka-namespaces.ts) and against the trees captured from a real Kafka
// 3.8.0 cluster, loaded into a real ZooKeeper: the exact znodes after each write (data and
// version), and every refusal (exit 1, the reason, the tree unchanged). Hazards of
// kafka-zk-safety.md covered: H1 (topic_id, adding/removing, unknown keys and the version field
// kept on rewrites; new topics in the cluster's format), H2 (no partitions added under any
// reassignment), H6 (every internal topic of the version, also through a regex), H7 (no write
// during a KRaft migration), plus topic config-change notices in the cluster's format and
// Kafka's "same number of replicas" rule. On the old main every write below came out 0.9-shaped
// (v1 topic znode without topic_id, v1 notices), and none of the refusals but __consumer_offsets existed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { ZkClient } from '../../src/zk/client.js';
import { loadFixtureTree, loadTree, readTree, type Tree, type TreeNode, chrootWithTree } from '../helpers/zk-tree.js';
import { buildNamespace, NAMESPACE_LINES, topicZnode, type NamespaceLine, type TopicSpec } from '../helpers/kafka-namespaces.js';
import { runKtool, type RunResult } from '../helpers/ktool.js';

let zk: ZkServer;
let root: ZkClient;
let dir: string;
before(async () => {
  zk = await startZooKeeper();
  root = await ZkClient.connect(zk.connect);
  dir = mkdtempSync(join(tmpdir(), 'safe-topics-'));
});
after(async () => {
  await root?.close();
  await zk?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let n = 0;
interface Ns {
  zk: ZkClient;
  run: (...args: string[]) => Promise<RunResult>;
  close: () => Promise<void>;
}
/** A fresh chroot holding `tree`; the loading session keeps its ephemeral znodes (brokers, controller) alive. */
async function chrootWith(tree: Tree): Promise<Ns> {
  const c = await chrootWithTree(root, zk.connect, `/safe${n++}`, tree);
  return { ...c, run: (...args) => runKtool(['topics', '--zookeeper', c.connect, ...args]) };
}

interface Diff {
  added: Record<string, TreeNode>;
  changed: Record<string, TreeNode>;
  removed: string[];
}
function diff(before: Tree, after: Tree): Diff {
  const d: Diff = { added: {}, changed: {}, removed: [] };
  for (const [p, node] of Object.entries(after)) {
    if (!before[p]) d.added[p] = node;
    else if (JSON.stringify(before[p]) !== JSON.stringify(node)) d.changed[p] = node;
  }
  for (const p of Object.keys(before)) if (!after[p]) d.removed.push(p);
  return d;
}

const OPEN: TreeNode['acl'] = [['world', 'anyone', 31]];
const node = (data: string | null, version = 0): TreeNode => ({ data, version, ephemeral: false, acl: OPEN });

/** Run one write and return what it changed (asserting exit 0). */
async function write(ns: Ns, args: string[]): Promise<{ d: Diff; r: RunResult }> {
  const before = await readTree(ns.zk);
  const r = await ns.run(...args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return { d: diff(before, await readTree(ns.zk)), r };
}

/** Run refusals in parallel: each exits 1 naming its reason, and ZooKeeper is unchanged after all of them. */
async function refusals(ns: Ns, cases: Array<{ args: string[]; message: RegExp | string }>): Promise<void> {
  const before = await readTree(ns.zk);
  const got = await Promise.all(cases.map((c) => ns.run(...c.args)));
  got.forEach((r, i) => {
    const c = cases[i]!;
    const what = `${c.args.join(' ')} → ${r.stdout}${r.stderr}`;
    assert.equal(r.code, 1, what);
    if (typeof c.message === 'string') assert.equal(r.stdout, `Error while executing topic command : ${c.message}\n`, what);
    else assert.match(r.stdout, c.message, what);
  });
  assert.deepEqual(await readTree(ns.zk), before, 'ZooKeeper must be unchanged by refusals');
}

const at = (line: NamespaceLine, min: NamespaceLine): boolean => NAMESPACE_LINES.indexOf(line) >= NAMESPACE_LINES.indexOf(min);
/** The version field a line's topic znodes carry, for new topics. */
function newTopicZnode(line: NamespaceLine | '3.8.0', partitions: Record<string, number[]>): string {
  if (line === '0.9' || line === '1.1') return JSON.stringify({ version: 1, partitions });
  // 2.8+ ZooKeeper-mode tools leave topic_id to the controller (AdminZkClient usesTopicId=false).
  return JSON.stringify({ removing_replicas: {}, partitions, adding_replicas: {}, version: line === '2.4' ? 2 : 3 });
}

const UNKNOWN = '"x_future":{"k":1},';
const withUnknown = (json: string): string => '{' + UNKNOWN + json.slice(1);

function topicsFor(line: NamespaceLine): Record<string, TopicSpec> {
  const t: Record<string, TopicSpec> = {
    orders: { partitions: { '0': [0, 1], '1': [1, 2], '2': [2, 0] }, configs: { 'retention.ms': '86400000' } },
    audit: { partitions: { '0': [1, 0] } },
    uneq: { partitions: { '0': [0, 1], '1': [2] } },
    zkmv: { partitions: { '0': [0, 1] } },
    __consumer_offsets: { partitions: { '0': [0] } },
    __transaction_state: { partitions: { '0': [1] } },
  };
  if (at(line, '2.4')) t.apimv = { partitions: { '0': [1, 0] }, adding: { '0': [1] }, removing: { '0': [0] } };
  return t;
}

function namespaceTree(line: NamespaceLine): Tree {
  const topics = topicsFor(line);
  const tree = buildNamespace(line, { topics, reassignPartitions: [{ topic: 'zkmv', partition: 0, replicas: [1, 2] }] });
  // Keys ktool does not know must survive its rewrites (H1).
  tree['/brokers/topics/audit']!.data = withUnknown(topicZnode(line, 'audit', topics.audit!));
  tree['/config/topics/orders']!.data = JSON.stringify({ version: 1, config: { 'retention.ms': '86400000' }, x_future: 'keep' });
  return tree;
}

function fromFile(name: string, content: unknown): string {
  const f = join(dir, `${name}-${n++}.json`);
  writeFileSync(f, JSON.stringify(content));
  return f;
}

describe('topics writes on every Kafka line', { concurrency: 2 }, () => {
  for (const line of NAMESPACE_LINES) {
    test(`${line}: create, from-file, alter --partitions/--config, delete write the line's formats and keep what is there (H1)`, async () => {
      const ns = await chrootWith(namespaceTree(line));
      try {
        // create: the topic znode in the line's own format, config znode version 1.
        let { d } = await write(ns, ['--create', '--topic', 'fresh', '--replica-assignment', '0:1,1:2']);
        assert.deepEqual(d, {
          added: { '/brokers/topics/fresh': node(newTopicZnode(line, { '0': [0, 1], '1': [1, 2] })), '/config/topics/fresh': node('{"version":1,"config":{}}') },
          changed: {},
          removed: [],
        });

        // create --from-file: the same formats.
        const f = fromFile('ff', { version: 1, topics: [{ topic: 'filed', replica_assignment: { '0': [2, 0] }, configs: { 'retention.ms': '1000' } }] });
        ({ d } = await write(ns, ['--create', '--from-file', f]));
        assert.deepEqual(d, {
          added: { '/brokers/topics/filed': node(newTopicZnode(line, { '0': [2, 0] })), '/config/topics/filed': node('{"version":1,"config":{"retention.ms":"1000"}}') },
          changed: {},
          removed: [],
        });

        // alter --partitions: every field kept where it was (topic_id, adding/removing, unknown
        // key, version field), only `partitions` grows; conditional on the znode version read.
        ({ d } = await write(ns, ['--alter', '--topic', 'audit', '--partitions', '2', '--replica-assignment', '1:0,0:1']));
        assert.deepEqual(d, {
          added: {},
          changed: { '/brokers/topics/audit': node(withUnknown(topicZnode(line, 'audit', { partitions: { '0': [1, 0], '1': [0, 1] } })), 1) },
          removed: [],
        });
        if (at(line, '2.8')) assert.match(d.changed['/brokers/topics/audit']!.data!, /"topic_id":"[A-Za-z0-9_-]{22}"/);

        // alter --config/--delete-config: the config znode keeps its other fields; the notice is
        // in the line's format (v1 on 0.9, v2 from 0.10.1).
        ({ d } = await write(ns, ['--alter', '--topic', 'orders', '--config', 'max.message.bytes=2000', '--delete-config', 'retention.ms']));
        const notices = Object.keys(d.added);
        assert.equal(notices.length, 1);
        assert.match(notices[0]!, /^\/config\/changes\/config_change_\d{10}$/);
        assert.deepEqual(d, {
          added: { [notices[0]!]: node(line === '0.9' ? '{"version":1,"entity_type":"topics","entity_name":"orders"}' : '{"version":2,"entity_path":"topics/orders"}') },
          changed: { '/config/topics/orders': node('{"version":1,"config":{"max.message.bytes":"2000"},"x_future":"keep"}', 1) },
          removed: [],
        });

        // delete: the marker, nothing else.
        ({ d } = await write(ns, ['--delete', '--topic', 'audit']));
        assert.deepEqual(Object.keys(d.added), ['/admin/delete_topics/audit']);
        assert.ok(!d.added['/admin/delete_topics/audit']!.data, 'empty marker');
        assert.deepEqual([d.changed, d.removed], [{}, []]);
      } finally {
        await ns.close();
      }
    });

    test(`${line}: refusals leave ZooKeeper unchanged (H2, H6, same replica counts)`, async () => {
      const ns = await chrootWith(namespaceTree(line));
      try {
        const grow = (topic: string, ...extra: string[]) => ['--alter', '--topic', topic, '--partitions', '5', ...extra];
        const newer = at(line, '2.4');
        const offsetsMsg = newer ? 'The number of partitions for the internal topic __consumer_offsets cannot be changed.' : 'The number of partitions for the offsets topic cannot be changed.';
        const cases: Array<{ args: string[]; message: RegExp | string }> = [
          // H2: a ZooKeeper-path reassignment lists the topic.
          { args: grow('zkmv'), message: /A partition reassignment is in progress for the topic 'zkmv' \(partitions 0 listed in \/admin\/reassign_partitions\)/ },
          // Kafka: every partition has the same number of replicas (all lines).
          { args: grow('uneq'), message: /All partitions should have the same number of replicas: topic uneq has replica counts 0:2, 1:1/ },
          // H6: every internal topic of the version, however it is selected.
          { args: ['--delete', '--topic', '__consumer_offsets'], message: /^Error while executing topic command : Topic __consumer_offsets is a kafka internal topic and is not allowed to be marked for deletion\.\n$/ },
          { args: ['--delete', '--topic', '.*'], message: /is a kafka internal topic and is not allowed to be marked for deletion/ },
          { args: ['--delete', '--topic', 'audit,__tr.*'], message: /Topic __transaction_state is a kafka internal topic and is not allowed to be marked for deletion\./ },
          // Kafka checks this before printing its partitions WARNING, so the error is the only line.
          { args: grow('__consumer_offsets'), message: offsetsMsg },
          { args: grow('__transaction_state'), message: /The number of partitions for the internal topic __transaction_state cannot be changed\./ },
        ];
        if (newer) {
          // H2: an API / Cruise Control reassignment, visible only as adding/removing replicas.
          cases.push({ args: grow('apimv'), message: /A partition reassignment is in progress for the topic 'apimv' \(partitions 0 with adding\/removing replicas\)/ });
          // 2.4+ says which topic; a 2.4 cluster with __transaction_state is exactly that message.
          cases.push({ args: grow('__transaction_state'), message: 'The number of partitions for the internal topic __transaction_state cannot be changed.' });
        } else {
          // On 0.9/1.1-shaped data the version is a lower bound: __transaction_state is still protected and the message says why.
          cases.push({ args: grow('__transaction_state'), message: /cannot be changed\. \(__transaction_state is internal from Kafka 0\.11\.0; ZooKeeper proves only Kafka 0\.(9\.0|10\.2) or later/ });
        }
        if (line === '2.4') {
          // Kafka 2.3's own wording, when the operator says the cluster is 2.3.
          cases.push({ args: [...grow('__consumer_offsets'), '--kafka-version', '2.3.1'], message: /The number of partitions for the internal topics\[__consumer_offsets, __transaction_state\] cannot be changed\./ });
        }
        await refusals(ns, cases);
        // ktool's own refusal applies to a 0.9 cluster the operator names: __transaction_state is an ordinary topic there.
        if (line === '0.9') {
          const { d } = await write(ns, ['--delete', '--topic', '__transaction_state', '--kafka-version', '0.9.0.1']);
          assert.deepEqual(Object.keys(d.added), ['/admin/delete_topics/__transaction_state']);
        }
      } finally {
        await ns.close();
      }
    });
  }

  for (const line of ['3.4', '3.9'] as const) {
    test(`${line} under a KRaft migration: every write is refused, nothing changes (H7)`, async () => {
      const ns = await chrootWith(buildNamespace(line, { migration: true }));
      try {
        const f = fromFile('mig', { version: 1, topics: [{ topic: 'x', partitions: 1, replication_factor: 1 }] });
        const msg = /^Error while executing topic command : refusing to write: .*migration.*Use the KRaft cluster's own tools/;
        await refusals(ns, [
          { args: ['--create', '--topic', 'x', '--partitions', '1', '--replication-factor', '1'], message: msg },
          { args: ['--create', '--from-file', f], message: msg },
          { args: ['--alter', '--topic', 'orders', '--partitions', '4'], message: msg },
          { args: ['--alter', '--topic', 'orders', '--config', 'retention.ms=1'], message: msg },
          { args: ['--delete', '--topic', 'audit'], message: msg },
        ]);
      } finally {
        await ns.close();
      }
    });
  }

  test('real Kafka 3.8.0 tree at rest: every write keeps topic ids and speaks 3.x (H1)', async () => {
    const tree = loadFixtureTree('tree-at-rest');
    const ns = await chrootWith(tree);
    try {
      let { d } = await write(ns, ['--create', '--topic', 'fresh', '--replica-assignment', '0:1,1:0']);
      assert.deepEqual(d, {
        added: { '/brokers/topics/fresh': node(newTopicZnode('3.8.0', { '0': [0, 1], '1': [1, 0] })), '/config/topics/fresh': node('{"version":1,"config":{}}') },
        changed: {},
        removed: [],
      });
      const f = fromFile('ff38', { version: 1, topics: [{ topic: 'filed', partitions: 1, replication_factor: 2 }] });
      ({ d } = await write(ns, ['--create', '--from-file', f]));
      assert.deepEqual(Object.keys(d.added).sort(), ['/brokers/topics/filed', '/config/topics/filed']);
      assert.match(d.added['/brokers/topics/filed']!.data!, /^\{"removing_replicas":\{\},"partitions":\{"0":\[[01],[01]\]\},"adding_replicas":\{\},"version":3\}$/);

      // The topic of the topic-id-loss experiment (kafka-zk-safety.md §5): its id must survive.
      ({ d } = await write(ns, ['--alter', '--topic', 't1', '--partitions', '5', '--replica-assignment', '1:0,0:1,1:0,0:1,1:0']));
      assert.deepEqual(d, {
        added: {},
        changed: {
          '/brokers/topics/t1': node('{"removing_replicas":{},"partitions":{"0":[1,0],"1":[0,1],"2":[1,0],"3":[0,1],"4":[1,0]},"topic_id":"IbDxY7jFS5OydAZS-H_mEQ","adding_replicas":{},"version":3}', tree['/brokers/topics/t1']!.version + 1),
        },
        removed: [],
      });

      ({ d } = await write(ns, ['--alter', '--topic', 'cfg', '--config', 'retention.ms=5000']));
      const notice = Object.keys(d.added);
      assert.equal(notice.length, 1);
      assert.deepEqual(d.added[notice[0]!]!.data, '{"version":2,"entity_path":"topics/cfg"}');
      assert.deepEqual(d.changed, { '/config/topics/cfg': node('{"version":1,"config":{"cleanup.policy":"compact,delete","compression.type":"zstd","min.compaction.lag.ms":"1000","retention.ms":"5000"}}', 1) });

      ({ d } = await write(ns, ['--delete', '--topic', 'grown']));
      assert.deepEqual(Object.keys(d.added), ['/admin/delete_topics/grown']);
      assert.deepEqual(d.changed, {});
    } finally {
      await ns.close();
    }
  });

  test('real Kafka 3.8.0 tree with an AdminClient reassignment in flight: no partitions added to it (H2)', async () => {
    const ns = await chrootWith(loadFixtureTree('tree-reassignment-in-flight'));
    try {
      await refusals(ns, [
        { args: ['--alter', '--topic', 'mv', '--partitions', '2'], message: /A partition reassignment is in progress for the topic 'mv' \(partitions 0 with adding\/removing replicas\)/ },
        { args: ['--alter', '--topic', 'mv|t1', '--partitions', '6'], message: /reassignment is in progress for the topic 'mv'/ },
      ]);
    } finally {
      await ns.close();
    }
  });
});
