// Version inference on namespaces exactly as each Kafka line writes them, and on the trees
// captured from a real Kafka 3.8.0 cluster, loaded into a real ZooKeeper.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { ZkClient } from '../../src/zk/client.js';
import { knowCluster, knowledgeJson } from '../../src/kafka/cluster.js';
import { parseKafkaVersion } from '../../src/kafka/version.js';
import { loadFixtureTree, readTree, chrootWithTree, type Tree, type TreeChroot } from '../helpers/zk-tree.js';
import { buildNamespace, NAMESPACE_LINES, type NamespaceLine } from '../helpers/kafka-namespaces.js';

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
/** A fresh chroot holding `tree`; the loading session keeps its ephemeral znodes alive. */
const chrootWith = (tree: Tree): Promise<TreeChroot> => chrootWithTree(root, zk.connect, `/ns${n++}`, tree);

const expected: Record<NamespaceLine, string> = { '0.9': '0.9.0', '1.1': '0.10.2', '2.4': '2.4', '2.8': '2.8', '3.4': '3.4', '3.9': '3.4' };

for (const line of NAMESPACE_LINES) {
  test(`a ${line} namespace is inferred as ${expected[line]}+, controller kind kafka`, async () => {
    const ns = await chrootWith(buildNamespace(line));
    try {
      const k = await knowCluster(ns.zk);
      assert.equal(k.version.line, expected[line]);
      assert.equal(k.source, 'inferred');
      assert.equal(k.controller.kind, 'kafka');
      assert.equal(k.migration, null);
      assert.ok(k.realKafka.length > 0);
      const j = knowledgeJson(k);
      assert.equal(j.line, expected[line]);
      assert.ok((j.reasons as string[]).length > 0);
    } finally {
      await ns.close();
    }
  });
}

test('an override wins but the inference is still reported', async () => {
  const ns = await chrootWith(buildNamespace('2.4'));
  try {
    const k = await knowCluster(ns.zk, { version: parseKafkaVersion('2.6.3'), source: 'flag' });
    assert.equal(k.version.line, '2.6');
    assert.equal(k.inferred.line, '2.4');
    assert.equal(knowledgeJson(k).source, 'flag');
  } finally {
    await ns.close();
  }
});

test('a 3.9 namespace under migration is flagged', async () => {
  const ns = await chrootWith(buildNamespace('3.9', { migration: true }));
  try {
    const k = await knowCluster(ns.zk);
    assert.equal(k.controller.kind, 'kraft');
    assert.match(k.migration ?? '', /\/migration exists/);
  } finally {
    await ns.close();
  }
});

for (const name of ['tree-at-rest', 'tree-reassignment-in-flight'] as const) {
  test(`the real Kafka 3.8.0 ${name} tree loads exactly and is inferred as 3.4+`, async () => {
    const tree = loadFixtureTree(name);
    const ns = await chrootWith(tree);
    try {
      const back = await readTree(ns.zk);
      for (const [p, node] of Object.entries(tree)) {
        if (p === '/' || p.startsWith('/zookeeper')) continue;
        assert.deepEqual(back[p], node, p);
      }
      const k = await knowCluster(ns.zk);
      assert.equal(k.version.line, '3.4');
      assert.equal(k.controller.kind, 'kafka');
      assert.equal(k.controller.brokerId, 0);
      assert.equal(k.migration, null);
      assert.ok(k.realKafka.some((r) => /cluster\/id/.test(r)));
    } finally {
      await ns.close();
    }
  });
}
