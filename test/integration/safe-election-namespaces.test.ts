// `ktool preferred-replica-election` against namespaces exactly as Kafka 0.9, 1.1, 2.4, 2.8, 3.4
// and 3.9 write them and the real Kafka 3.8.0 trees: the exact znode written, and the refusal
// during a ZooKeeper → KRaft migration (kafka-zk-safety.md H7) with the tree unchanged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZkClient } from '../../src/zk/client.js';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { loadFixtureTree, loadTree, readTree, type Tree, chrootWithTree, type TreeChroot } from '../helpers/zk-tree.js';
import { buildNamespace, NAMESPACE_LINES } from '../helpers/kafka-namespaces.js';
import { addedWithoutNotices, diffTrees } from '../helpers/tree-diff.js';
import { envelopeWithoutKafka, runKtool } from '../helpers/ktool.js';

let server: ZkServer;
let root: ZkClient;
let dir: string;
before(async () => {
  server = await startZooKeeper();
  root = await ZkClient.connect(server.connect);
  dir = mkdtempSync(join(tmpdir(), 'ktool-safe-election-'));
});
after(async () => {
  await root?.close();
  const keepAlive = setInterval(() => {}, 1000);
  await server?.stop();
  clearInterval(keepAlive);
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const chrootWith = (tree: Tree): Promise<TreeChroot> => chrootWithTree(root, server.connect, `/elect${n++}`, tree);
const electionFile = (parts: Array<[string, number]>): string => {
  const f = join(dir, `e${n++}.json`);
  writeFileSync(f, JSON.stringify({ partitions: parts.map(([topic, partition]) => ({ topic, partition })) }));
  return f;
};

test('the election znode is exactly Kafka\'s on every line and on the 3.8.0 tree; nothing else is written', async () => {
  const cases: Array<{ name: string; tree: Tree; parts: Array<[string, number]>; line: string }> = [
    ...NAMESPACE_LINES.map((l) => ({ name: l, tree: buildNamespace(l), parts: [['orders', 2], ['audit', 0]] as Array<[string, number]>, line: l === '1.1' ? '0.10.2' : l === '0.9' ? '0.9.0' : l === '3.9' ? '3.4' : l })),
    { name: '3.8.0 capture', tree: loadFixtureTree('tree-at-rest'), parts: [['t1', 3]], line: '3.4' },
  ];
  await Promise.all(
    cases.map(async ({ name, tree, parts, line }) => {
      const ns = await chrootWith(tree);
      try {
        const before = await readTree(ns.zk);
        const r = await runKtool(['preferred-replica-election', '--zookeeper', ns.connect, '--path-to-json-file', electionFile(parts), '--json']);
        assert.equal(r.code, 0, `${name}: ${r.stdout}${r.stderr}`);
        const env = envelopeWithoutKafka(r.stdout, line) as { ok: boolean; action: string };
        assert.equal(env.ok, true);
        const d = diffTrees(before, await readTree(ns.zk));
        assert.deepEqual(addedWithoutNotices(d), {
          '/admin/preferred_replica_election': JSON.stringify({ version: 1, partitions: parts.map(([topic, partition]) => ({ topic, partition })) }),
        });
        assert.deepEqual(d.changed, {});
        assert.deepEqual(d.removed, []);
      } finally {
        await ns.close();
      }
    }),
  );
});

// H7: no ZooKeeper controller acts on the election znode during a migration.
test('H7: preferred-replica-election refuses during a KRaft migration, tree unchanged', async () => {
  const fixture = loadFixtureTree('tree-at-rest');
  fixture['/migration'] = { data: '{"version":0,"kraft_metadata_offset":1,"kraft_controller_id":3000,"kraft_metadata_epoch":1,"kraft_controller_epoch":1}', version: 0, ephemeral: false, acl: [['world', 'anyone', 31]] };
  const cases: Array<{ name: string; tree: Tree; args: string[] }> = [
    { name: '3.4', tree: buildNamespace('3.4', { migration: true }), args: [] },
    { name: '3.9', tree: buildNamespace('3.9', { migration: true }), args: ['--path-to-json-file', electionFile([['orders', 0]])] },
    { name: '3.8.0 capture + /migration', tree: fixture, args: ['--json'] },
  ];
  await Promise.all(
    cases.map(async ({ name, tree, args }) => {
      const ns = await chrootWith(tree);
      try {
        const before = await readTree(ns.zk);
        const r = await runKtool(['preferred-replica-election', '--zookeeper', ns.connect, ...args]);
        assert.equal(r.code, 1, `${name}: ${r.stdout}${r.stderr}`);
        if (args.includes('--json')) {
          const env = envelopeWithoutKafka(r.stdout, '3.4') as { ok: boolean; error: { message: string; exitCode: number } };
          assert.equal(env.ok, false);
          assert.equal(env.error.exitCode, 1);
          assert.match(env.error.message, /^refusing to write: \/migration exists/);
        } else {
          assert.match(r.stdout, /^Failed to start preferred replica election\nrefusing to write: (\/migration exists|\/controller names a KRaft controller)/, r.stdout);
        }
        assert.deepEqual(await readTree(ns.zk), before, `${name}: ZooKeeper unchanged`);
      } finally {
        await ns.close();
      }
    }),
  );
});
