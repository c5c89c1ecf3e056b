// ktool topics --create --from-file: many topics from one JSON file, validated as a whole before
// anything is written, then one transaction per topic.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers, snapshotTree } from '../helpers/cluster.js';
import { runKtool } from '../helpers/ktool.js';
import { mapLimit } from '../../src/zk/pipeline.js';

const WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n";

describe('ktool topics --create --from-file', () => {
  let server: ZkServer;
  let dir: string;
  let n = 0;
  before(async () => {
    server = await startZooKeeper();
    dir = mkdtempSync(join(tmpdir(), 'ktool-topics-file-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    const keepAlive = setInterval(() => undefined, 1000); // the helper's ZooKeeper child is unref'd
    await server?.stop();
    clearInterval(keepAlive);
  });
  const file = (content: unknown): string => {
    const p = join(dir, `topics-${++n}.json`);
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };

  test('creates every topic: exact znodes, Kafka lines in file order, --if-not-exists skips existing ones', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      const topics = [
        { topic: 'a', partitions: 3, replication_factor: 2, configs: { 'retention.ms': '1000', 'cleanup.policy': 'compact' } },
        { topic: 'b.x', replica_assignment: { '0': [1, 2], '1': [2, 3] } },
        { topic: 'c', partitions: 1, replication_factor: 3, configs: { 'min.insync.replicas': 2, preallocate: true } },
      ];
      const f = file({ version: 1, topics });
      const r = await runKtool(['topics', '--zookeeper', c.connect, '--create', '--from-file', f]);
      assert.deepEqual(r, { stdout: 'Created topic "a".\n' + WARNING + 'Created topic "b.x".\nCreated topic "c".\n', stderr: '', code: 0 });
      const get = async (p: string) => (await c.zk.getData(p)).data!.toString();
      assert.equal(await get('/config/topics/a'), '{"version":1,"config":{"cleanup.policy":"compact","retention.ms":"1000"}}');
      assert.equal(await get('/config/topics/b.x'), '{"version":1,"config":{}}');
      assert.equal(await get('/brokers/topics/b.x'), '{"version":1,"partitions":{"0":[1,2],"1":[2,3]}}');
      assert.equal(await get('/config/topics/c'), '{"version":1,"config":{"min.insync.replicas":"2","preallocate":"true"}}');
      assert.equal(Object.keys(JSON.parse(await get('/brokers/topics/a')).partitions).length, 3);
      assert.deepEqual(await c.zk.childrenOrEmpty('/config/changes'), []);

      const again = file({ version: 1, topics: [...topics, { topic: 'd', partitions: 2, replication_factor: 1 }] });
      const [exists, skip] = [
        await runKtool(['topics', '--zookeeper', c.connect, '--create', '--from-file', again]),
        await runKtool(['topics', '--zookeeper', c.connect, '--create', '--from-file', again, '--if-not-exists', '--json']),
      ];
      assert.deepEqual(exists, { stdout: 'Error while executing topic command : topics[0] (topic "a"): Topic "a" already exists.\n', stderr: '', code: 1 });
      assert.equal(skip.code, 0, skip.stdout);
      const res = JSON.parse(skip.stdout).result as { topics: Array<{ topic: string; created: boolean }> };
      assert.deepEqual(res.topics.map((t) => [t.topic, t.created]), [['a', false], ['b.x', false], ['c', false], ['d', true]]);
    } finally {
      await c.close();
    }
  });

  test('any bad entry: nothing written, the error names the entry and the field', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      const good = { topic: 'ok1', partitions: 1, replication_factor: 1 };
      const cases: Array<[unknown, { code: number; stdout?: RegExp; stderr?: RegExp }]> = [
        ['{not json', { code: 2, stderr: /is not valid JSON/ }],
        [{ version: 2, topics: [good] }, { code: 2, stderr: /: version must be equal to constant/ }],
        [{ version: 1, topics: [good, { topic: 'x', partitions: 0, replication_factor: 1 }] }, { code: 2, stderr: /topics\[1\] \(topic "x"\): topics\.1\.partitions must be >= 1/ }],
        [{ version: 1, topics: [good, { topic: 'x', partitions: 1 }] }, { code: 2, stderr: /^topics\[1\] \(topic "x"\): replication_factor is required/ }],
        [{ version: 1, topics: [good, { topic: 'x', partitions: 1, replication_factor: 1, replica_assignment: { '0': [1] } }] }, { code: 2, stderr: /^topics\[1\] \(topic "x"\): replica_assignment cannot be combined/ }],
        [{ version: 1, topics: [good, { topic: 'x', replica_assignment: { '0': [1], '2': [2] } }] }, { code: 2, stderr: /^topics\[1\] \(topic "x"\): replica_assignment partition ids must be 0\.\.1, missing 1/ }],
        [{ version: 1, topics: [good, { topic: 'x', partitions: 1, replication_factor: 1, configs: { 'retention.ms': 'abc' } }] }, { code: 2, stderr: /^topics\[1\] \(topic "x"\): configs: Invalid value abc for configuration retention\.ms: Not a number of type LONG/ }],
        [{ version: 1, topics: [good, good] }, { code: 2, stderr: /^topics\[1\] \(topic "ok1"\): topic "ok1" is also listed at topics\[0\]/ }],
        [{ version: 1, topics: [good, { topic: 'big', partitions: 1, replication_factor: 4 }] }, { code: 1, stdout: /^Error while executing topic command : topics\[1\] \(topic "big"\): replication factor: 4 larger than available brokers: 3\n$/ }],
        [{ version: 1, topics: [{ topic: 'a.b', partitions: 1, replication_factor: 1 }, { topic: 'a_b', partitions: 1, replication_factor: 1 }] }, { code: 1, stdout: /topics\[1\] \(topic "a_b"\): Topic "a_b" collides with existing topics: a\.b/ }],
        [{ version: 1, topics: [good, { topic: 'bad/name', partitions: 1, replication_factor: 1 }] }, { code: 1, stdout: /topics\[1\] \(topic "bad\/name"\): topic name bad\/name is illegal/ }],
      ];
      const before = await snapshotTree(c.zk);
      const results = await mapLimit(cases, 4, ([content]) => runKtool(['topics', '--zookeeper', c.connect, '--create', '--from-file', file(content)]));
      cases.forEach(([content, want], i) => {
        const r = results[i]!;
        const label = JSON.stringify(content);
        assert.equal(r.code, want.code, `${label}: ${r.stdout}${r.stderr}`);
        if (want.stderr) assert.match(r.stderr, want.stderr, label);
        if (want.stdout) assert.match(r.stdout, want.stdout, label);
      });
      assert.deepEqual(await snapshotTree(c.zk), before, 'a refused file changed ZooKeeper');
      const missing = await runKtool(['topics', '--zookeeper', c.connect, '--create', '--from-file', join(dir, 'nope.json')]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /^--from-file: cannot read .*nope\.json/);
    } finally {
      await c.close();
    }
  });
});
