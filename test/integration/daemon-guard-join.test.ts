// H9 (kafka-zk-safety.md): `ktool broker start` refuses, before writing anything, to join a
// namespace where a real Kafka broker is registered or has run, naming what it found, and
// refuses to shadow a real broker's id. An empty namespace and one of ktool daemons are fine.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZkClient } from '../../src/zk/client.js';
import { loadFixtureTree, loadTree, readTree, type Tree } from '../helpers/zk-tree.js';
import { buildNamespace, NAMESPACE_LINES, topicZnode } from '../helpers/kafka-namespaces.js';
import { daemonTestCluster, startDaemon } from '../helpers/daemons.js';
import { runKtool } from '../helpers/ktool.js';

const open = (data: string | null): Tree[string] => ({ data, version: 0, ephemeral: false, acl: [['world', 'anyone', 31]] });

describe('broker start: stays out of real Kafka clusters (H9)', () => {
  const cluster = daemonTestCluster();
  let n = 0;
  const chrootWith = async (tree: Tree): Promise<{ zk: ZkClient; connect: string; close(): Promise<void> }> => {
    const chroot = `/guard${process.pid}_${n++}`;
    const root = await ZkClient.connect(cluster.server.connect);
    await root.mkdirp(chroot);
    await root.close();
    const zk = await ZkClient.connect(cluster.server.connect + chroot);
    await loadTree(zk, tree);
    return { zk, connect: cluster.server.connect + chroot, close: () => zk.close() };
  };
  const start = (connect: string, id: number, dataDir: string) =>
    runKtool(['broker', 'start', '--broker-id', String(id), '--zookeeper', connect, '--port', '0', '--data-dir', dataDir], { timeoutMs: 30_000 });

  test('H9: refuses every real Kafka namespace (0.9 to 3.9, the 3.8.0 captures, single traces), naming the evidence; tree unchanged', async () => {
    const work = mkdtempSync(join(tmpdir(), 'ktool-guard-'));
    // Namespaces without any registration still show a real broker ran there.
    const only = (extra: Tree): Tree => ({ '/brokers': open(null), '/brokers/ids': open(null), '/brokers/topics': open(null), ...extra });
    const cases: Array<{ name: string; tree: Tree; id: number; expect: RegExp }> = [
      ...NAMESPACE_LINES.map((line) => ({ name: line, tree: buildNamespace(line), id: 7, expect: /broker 0 is registered by a Kafka broker \(no ktool daemon marker\)/ })),
      { name: '0.9 shadow', tree: buildNamespace('0.9'), id: 1, expect: /broker id 1 is registered by a real Kafka broker at \/brokers\/ids\/1; this daemon would shadow it/ },
      { name: '3.8.0 at rest', tree: loadFixtureTree('tree-at-rest'), id: 0, expect: /broker id 0 is registered by a real Kafka broker.*\/cluster\/id exists.*\/feature exists.*has a topic id.*\/controller is version 2/ },
      { name: '3.8.0 in flight', tree: loadFixtureTree('tree-reassignment-in-flight'), id: 9, expect: /\/cluster\/id exists/ },
      { name: '/cluster/id only', tree: only({ '/cluster': open(null), '/cluster/id': open('{"version":"1","id":"8aPq3Mh2S9ijnuMJMZTLFw"}') }), id: 0, expect: /\/cluster\/id exists \(written by Kafka brokers 0\.10\.1\+\)/ },
      { name: '/feature only', tree: only({ '/feature': open('{"features":{},"version":1,"status":1}') }), id: 0, expect: /\/feature exists/ },
      { name: 'topic id only', tree: only({ '/brokers/topics/t': open(topicZnode('2.8', 't', { partitions: { '0': [0] } })) }), id: 0, expect: /topic t has a topic id/ },
    ];
    try {
      await Promise.all(
        cases.map(async ({ name, tree, id, expect }, i) => {
          const ns = await chrootWith(tree);
          try {
            const before = await readTree(ns.zk);
            const r = await start(ns.connect, id, join(work, `d${i}`));
            assert.equal(r.code, 1, `${name}: ${r.stderr}`);
            assert.match(r.stderr, /Start-up failed: Refusing to join: .*this ZooKeeper namespace belongs to a real Kafka cluster/, name);
            assert.match(r.stderr, expect, name);
            assert.doesNotMatch(r.stderr, /Registered broker/);
            assert.deepEqual(await readTree(ns.zk), before, `${name}: ZooKeeper unchanged`);
          } finally {
            await ns.close();
          }
        }),
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('an empty namespace and one holding only ktool daemons are joined', async () => {
    const ns = await chrootWith({});
    try {
      const a = await startDaemon({ zkConnect: ns.connect, brokerId: 1 });
      cluster.daemons.push(a);
      const b = await startDaemon({ zkConnect: ns.connect, brokerId: 2 });
      cluster.daemons.push(b);
      assert.ok(await ns.zk.exists('/brokers/ids/1'));
      assert.ok(await ns.zk.exists('/brokers/ids/2'));
      assert.equal(a.exited() || b.exited(), false);
    } finally {
      await ns.close();
    }
  });
});
