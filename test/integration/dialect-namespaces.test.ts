// Piped output in the cluster's dialect, on real ZooKeeper: namespaces shaped as Kafka 1.1, 2.4,
// 2.8 and 3.9 write them (the inferred version picks the dialect, --kafka-version overrides it),
// and the trees of a real Kafka 3.8.0 cluster compared field by field with 3.8's own tools.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { ZkClient } from '../../src/zk/client.js';
import { fixturesDir, loadFixtureTree, loadTree, type Tree, chrootWithTree } from '../helpers/zk-tree.js';
import { buildNamespace, topicIdFor, type NamespaceLine } from '../helpers/kafka-namespaces.js';
import { runKtool } from '../helpers/ktool.js';

let server: ZkServer;
let root: ZkClient;
const open: ZkClient[] = [];
before(async () => {
  server = await startZooKeeper();
  root = await ZkClient.connect(server.connect);
});
after(async () => {
  for (const c of open) await c.close();
  await root?.close();
  await server?.stop();
});

let n = 0;
/** A fresh chroot holding `tree` (its loading session stays open: the ephemerals must exist). */
async function chrootWith(tree: Tree): Promise<string> {
  const c = await chrootWithTree(root, server.connect, `/dialect${n++}`, tree);
  open.push(c.zk);
  return c.connect;
}

const ktool = async (zk: string, args: string[], env: Record<string, string | undefined> = {}): Promise<{ stdout: string; code: number; stderr: string }> =>
  runKtool([...args, '--zookeeper', zk], { env: { KTOOL_KAFKA_VERSION: undefined, ...env } });

/** orders: 2 partitions with an override; audit: leader -1, empty ISR, marked for deletion. */
function namespace(line: NamespaceLine): Tree {
  const tree = buildNamespace(line, {
    topics: {
      orders: { partitions: { '0': [0, 1], '1': [1, 2] }, configs: { 'retention.ms': '86400000' } },
      audit: { partitions: { '0': [1, 0] }, states: { '0': { leader: -1, isr: [] } } },
    },
  });
  tree['/admin/delete_topics/audit'] = { data: null, version: 0, ephemeral: false, acl: [['world', 'anyone', 31]] };
  return tree;
}

const OLD_PARTS = '\tTopic: orders\tPartition: 0\tLeader: 0\tReplicas: 0,1\tIsr: 0,1\n\tTopic: orders\tPartition: 1\tLeader: 1\tReplicas: 1,2\tIsr: 1,2\n';
const NEW_PARTS = OLD_PARTS;

describe('dialect: describe and list on namespaces of each line', () => {
  it('1.1 namespace: inferred 0.10.2 (no spaces, no marker); --kafka-version 1.1 adds MarkedForDeletion:true', async () => {
    const zk = await chrootWith(namespace('1.1'));
    const inferred = await ktool(zk, ['topics', '--describe']);
    assert.equal(inferred.code, 0, inferred.stderr);
    assert.equal(
      inferred.stdout,
      'Topic:audit\tPartitionCount:1\tReplicationFactor:2\tConfigs:\n\tTopic: audit\tPartition: 0\tLeader: -1\tReplicas: 1,0\tIsr: \n' +
        'Topic:orders\tPartitionCount:2\tReplicationFactor:2\tConfigs:retention.ms=86400000\n' + OLD_PARTS,
    );
    const flagged = await ktool(zk, ['topics', '--describe', '--kafka-version', '1.1.1']);
    assert.equal(
      flagged.stdout,
      'Topic:audit\tPartitionCount:1\tReplicationFactor:2\tConfigs:\tMarkedForDeletion:true\n\tTopic: audit\tPartition: 0\tLeader: -1\tReplicas: 1,0\tIsr: \n' +
        'Topic:orders\tPartitionCount:2\tReplicationFactor:2\tConfigs:retention.ms=86400000\n' + OLD_PARTS,
    );
    // Under a filter 0.11–2.3 mark the partition line instead.
    const filtered = await ktool(zk, ['topics', '--describe', '--unavailable-partitions'], { KTOOL_KAFKA_VERSION: '1.1' });
    assert.equal(filtered.stdout, '\tTopic: audit\tPartition: 0\tLeader: -1\tReplicas: 1,0\tIsr: \tMarkedForDeletion: true\n');
    const list = await ktool(zk, ['topics', '--list']);
    assert.equal(list.stdout, 'audit - marked for deletion\norders\n');
  });

  it('2.4 namespace: spaces after the colons, Leader: none, MarkedForDeletion: true on every line', async () => {
    const zk = await chrootWith(namespace('2.4'));
    const r = await ktool(zk, ['topics', '--describe']);
    assert.equal(
      r.stdout,
      'Topic: audit\tPartitionCount: 1\tReplicationFactor: 2\tConfigs: \tMarkedForDeletion: true\n' +
        '\tTopic: audit\tPartition: 0\tLeader: none\tReplicas: 1,0\tIsr: \tMarkedForDeletion: true\n' +
        'Topic: orders\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: retention.ms=86400000\n' + NEW_PARTS,
    );
    const json = JSON.parse((await ktool(zk, ['topics', '--describe', '--json'])).stdout);
    assert.equal(json.kafka.dialect, '2.4');
    assert.equal(json.result.topics.length, 2);
    // --kafka-version overrides the inference: 0.9's text on the same namespace.
    const old = await ktool(zk, ['topics', '--describe', '--topic', 'orders', '--kafka-version', '0.9.0.1']);
    assert.equal(old.stdout, 'Topic:orders\tPartitionCount:2\tReplicationFactor:2\tConfigs:retention.ms=86400000\n' + OLD_PARTS);
  });

  it('2.8 and 3.9 namespaces: TopicId in the header (3.x speaks 2.8); 2.3+ fails on an unmatched --topic', async () => {
    for (const line of ['2.8', '3.9'] as const) {
      const zk = await chrootWith(namespace(line));
      const r = await ktool(zk, ['topics', '--describe', '--topic', 'orders']);
      assert.equal(r.stdout, `Topic: orders\tTopicId: ${topicIdFor('orders')}\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: retention.ms=86400000\n` + NEW_PARTS, line);
      const json = JSON.parse((await ktool(zk, ['topics', '--list', '--json'])).stdout);
      assert.equal(json.kafka.dialect, '2.8');
      const missing = await ktool(zk, ['topics', '--describe', '--topic', 'nope']);
      assert.equal(missing.code, 1);
      assert.equal(missing.stdout, "Error while executing topic command : Topic 'nope' does not exist as expected\n");
    }
  });

  it('configs by version: zstd and compact,delete accepted on 2.8, refused on 2.0 naming the release; ZooKeeper unchanged on refusal', async () => {
    const zk = await chrootWith(namespace('2.8'));
    const made = await ktool(zk, ['topics', '--create', '--topic', 'z', '--partitions', '1', '--replication-factor', '1', '--config', 'compression.type=zstd', '--config', 'cleanup.policy=compact,delete', '--config', 'max.compaction.lag.ms=5000']);
    assert.equal(made.code, 0, made.stdout + made.stderr);
    assert.equal(made.stdout, 'Created topic z.\n');
    const cfg = JSON.parse((await root.getData(zk.slice(server.connect.length) + '/config/topics/z')).data!.toString());
    assert.deepEqual(cfg.config, { 'cleanup.policy': 'compact,delete', 'compression.type': 'zstd', 'max.compaction.lag.ms': '5000' });
    const old = await ktool(zk, ['topics', '--create', '--topic', 'y', '--partitions', '1', '--replication-factor', '1', '--config', 'compression.type=zstd', '--kafka-version', '2.0']);
    assert.equal(old.code, 1);
    assert.equal(
      old.stdout,
      'Error while executing topic command : Invalid value zstd for configuration compression.type: String must be one of: uncompressed, snappy, lz4, gzip, producer (Kafka 2.1 accepts this value; the cluster runs Kafka 2.0)\n',
    );
    assert.equal(await root.exists(zk.slice(server.connect.length) + '/brokers/topics/y'), null);
    const del = await ktool(zk, ['topics', '--alter', '--topic', 'z', '--delete-config', 'max.compaction.lag.ms']);
    assert.equal(del.code, 0, del.stdout);
    assert.match(del.stdout, /\nUpdated config for topic z\.\n$/);
  });
});

// ---- Kafka 3.8.0's own tools against the captured trees (fixtures/kafka-3.8.0) ----

const transcript = (name: string): string => readFileSync(join(fixturesDir(), 'transcripts', `${name}.stdout`), 'utf8');

interface Described {
  headers: Map<string, Record<string, string>>;
  partitions: Map<string, Record<string, string>>;
}

/** Parses describe text (any dialect) into fields: TAB-separated `Name: value` (or `Name:value`). */
function parseDescribe(text: string): Described {
  const headers = new Map<string, Record<string, string>>();
  const partitions = new Map<string, Record<string, string>>();
  for (const line of text.split('\n').filter(Boolean)) {
    const fields: Record<string, string> = {};
    for (const f of line.replace(/^\t/, '').split('\t')) {
      const m = /^([A-Za-z ]+):\s?(.*)$/.exec(f)!;
      fields[m[1]!] = m[2]!;
    }
    if (line.startsWith('\t')) partitions.set(`${fields.Topic}-${fields.Partition}`, fields);
    else headers.set(fields.Topic!, fields);
  }
  return { headers, partitions };
}

const configSet = (s: string): string[] => {
  // Values may hold commas (cleanup.policy=compact,delete): split before each `name=`.
  return s === '' ? [] : s.split(/,(?=[a-z0-9.]+=)/).sort();
};

describe('dialect: Kafka 3.8.0 trees vs 3.8.0 AdminClient-mode transcripts', () => {
  let zk: string;
  before(async () => {
    zk = await chrootWith(loadFixtureTree('tree-reassignment-in-flight'));
  });

  it('describe: the same topics, ids, counts, configs and partitions; the documented differences only', async () => {
    const r = await ktool(zk, ['topics', '--describe']);
    assert.equal(r.code, 0, r.stderr);
    const ours = parseDescribe(r.stdout);
    const theirs = parseDescribe(transcript('describe-all'));
    // Topic order: ZK mode sorts, AC mode prints HashMap order (documented).
    assert.deepEqual([...ours.headers.keys()], [...theirs.headers.keys()].sort());
    for (const [topic, h] of theirs.headers) {
      const o = ours.headers.get(topic)!;
      assert.equal(o.TopicId, h.TopicId, topic);
      assert.equal(o.PartitionCount, h.PartitionCount, topic);
      assert.deepEqual(configSet(o.Configs!), configSet(h.Configs!), topic);
      const moving = [...theirs.partitions.values()].some((p) => p.Topic === topic && p['Adding Replicas'] !== undefined);
      // 2.5+ AC mode leaves adding replicas out of the RF; ZK mode counts the full set (documented).
      if (moving) assert.equal(Number(o.ReplicationFactor), Number(h.ReplicationFactor) + 1, topic);
      else assert.equal(o.ReplicationFactor, h.ReplicationFactor, topic);
    }
    assert.deepEqual([...ours.partitions.keys()].sort(), [...theirs.partitions.keys()].sort());
    for (const [key, p] of theirs.partitions) {
      const o = ours.partitions.get(key)!;
      for (const f of ['Topic', 'Partition', 'Leader', 'Replicas', 'Isr']) assert.equal(o[f], p[f], `${key} ${f}`);
      // AC-only fields: Adding/Removing Replicas (2.6+ AC) and Elr/LastKnownElr (3.8+ tools).
      assert.deepEqual(Object.keys(o), ['Topic', 'Partition', 'Leader', 'Replicas', 'Isr']);
      assert.equal(p.Elr, 'N/A');
    }
  });

  it('--topics-with-overrides and --under-replicated-partitions select the same topics (mv differs: RF rule)', async () => {
    const ov = parseDescribe((await ktool(zk, ['topics', '--describe', '--topics-with-overrides'])).stdout);
    assert.deepEqual([...ov.headers.keys()], [...parseDescribe(transcript('describe-overrides')).headers.keys()].sort());
    assert.equal(ov.partitions.size, 0);
    const ur = parseDescribe((await ktool(zk, ['topics', '--describe', '--under-replicated-partitions'])).stdout);
    const theirs = [...parseDescribe(transcript('describe-under-replicated')).partitions.keys()];
    // ZK mode: |ISR| < |replicas| also flags mv-0, whose adding replica AC mode leaves out of the RF.
    assert.deepEqual([...ur.partitions.keys()].sort(), [...theirs, 'mv-0'].sort());
  });

  it('--list and reassign --list are byte-identical to 3.8', async () => {
    const list = await ktool(zk, ['topics', '--list']);
    assert.equal(list.stdout, transcript('list'));
    const rl = await ktool(zk, ['reassign', '--list']);
    assert.equal(rl.code, 0, rl.stderr);
    assert.equal(rl.stdout, transcript('reassign-list'));
    const json = JSON.parse((await ktool(zk, ['reassign', '--list', '--json'])).stdout);
    assert.equal(json.kafka.dialect, '2.8');
    assert.deepEqual(json.result.reassignments, [
      { topic: 'mv', partition: 0, replicas: [1, 0], target: [1], current: [1, 0], adding: [1], removing: [0], source: 'topic-znode' },
    ]);
  });
});

describe('dialect: reassign and election text on namespaces', () => {
  it('2.8: execute, verify and --list speak 2.6+ (only the planned partitions in the rollback, t-0, no trailing-space header)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ktool-dialect-'));
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify({ version: 1, partitions: [{ topic: 'orders', partition: 1, replicas: [2, 0] }] }));
    const zk = await chrootWith(namespace('2.8'));
    const ex = await ktool(zk, ['reassign', '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'rollback.json')]);
    assert.equal(ex.code, 0, ex.stdout + ex.stderr);
    assert.equal(
      ex.stdout,
      'Current partition replica assignment\n\n{"version":1,"partitions":[{"topic":"orders","partition":1,"replicas":[1,2],"log_dirs":["any","any"]}]}\n\n' +
        'Save this to use as the --reassignment-json-file option during rollback\nSuccessfully started partition reassignment for orders-1\n',
    );
    const ver = await ktool(zk, ['reassign', '--verify', '--reassignment-json-file', plan]);
    assert.equal(ver.stdout, 'Status of partition reassignment:\nReassignment of partition orders-1 is still in progress.\n');
    const list = await ktool(zk, ['reassign', '--list']);
    assert.equal(list.stdout, 'Current partition reassignments:\norders-1: replicas: 2,0,1. adding: 0. removing: 1.\n');
    const old = await ktool(zk, ['reassign', '--verify', '--reassignment-json-file', plan, '--kafka-version', '1.1']);
    assert.equal(old.stdout, 'Status of partition reassignment: \nReassignment of partition orders-1 is still in progress\n');
  });

  it('election: 1.1 prints its path line with t-0 names; the inferred 0.10.2 prints the znode JSON', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'ktool-dialect-')), 'elect.json');
    writeFileSync(file, JSON.stringify({ partitions: [{ topic: 'orders', partition: 0 }, { topic: 'orders', partition: 1 }] }));
    const zk = await chrootWith(namespace('1.1'));
    const flagged = await ktool(zk, ['preferred-replica-election', '--path-to-json-file', file, '--kafka-version', '1.1']);
    assert.equal(flagged.code, 0, flagged.stdout + flagged.stderr);
    assert.equal(flagged.stdout, 'Created preferred replica election path with orders-0,orders-1\nSuccessfully started preferred replica election for partitions Set(orders-0, orders-1)\n');
    // A fresh 1.1 namespace: the first election's znode stays (no controller acts here).
    const inferred = await ktool(await chrootWith(namespace('1.1')), ['preferred-replica-election', '--path-to-json-file', file]);
    assert.equal(
      inferred.stdout,
      'Created preferred replica election path with {"version":1,"partitions":[{"topic":"orders","partition":0},{"topic":"orders","partition":1}]}\n' +
        'Successfully started preferred replica election for partitions Set([orders,0], [orders,1])\n',
    );
  });
});
