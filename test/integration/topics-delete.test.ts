// ktool topics --delete against a real ZooKeeper: the marker znode (zero-length data), Kafka 0.9
// text (transcript A.6), --if-exists, internal topics refused before anything is written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers, snapshotTree } from '../helpers/cluster.js';
import { runKtool, envelopeWithoutKafka } from '../helpers/ktool.js';

const MARKED = (t: string): string => `Topic ${t} is marked for deletion.\nNote: This will have no impact if delete.topic.enable is not set to true.\n`;

describe('ktool topics --delete', () => {
  let server: ZkServer;
  before(async () => {
    server = await startZooKeeper();
  });
  after(async () => {
    const keepAlive = setInterval(() => undefined, 1000); // the helper's ZooKeeper child is unref'd
    await server?.stop();
    clearInterval(keepAlive);
  });

  test('marks matching topics, then reports them as already marked; JSON; --if-exists', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1]);
      await c.zk.mkdirp('/brokers/topics');
      for (const t of ['single2', 'sx', 'keep', '__consumer_offsets']) await c.zk.create(`/brokers/topics/${t}`, JSON.stringify({ version: 1, partitions: { '0': [1] } }));
      const run = (...args: string[]) => runKtool(['topics', '--zookeeper', c.connect, ...args]);

      assert.deepEqual(await run('--delete', '--topic', 'single2'), { stdout: MARKED('single2'), stderr: '', code: 0 });
      const marker = await c.zk.getData('/admin/delete_topics/single2');
      assert.ok(marker.data === null || marker.data.length === 0);
      assert.equal(marker.stat.dataLength, 0);

      assert.deepEqual(await run('--delete', '--topic', 's.*'), { stdout: 'Topic single2 is already marked for deletion.\n' + MARKED('sx'), stderr: '', code: 0 });
      assert.deepEqual((await c.zk.childrenOrEmpty('/admin/delete_topics')).sort(), ['single2', 'sx']);

      const before = await snapshotTree(c.zk);
      const [nosuch, ifExists, internal, json] = await Promise.all([
        run('--delete', '--topic', 'nosuch'),
        run('--delete', '--topic', 'nosuch', '--if-exists'),
        run('--delete', '--topic', '.*'),
        run('--delete', '--topic', 'sx', '--json'),
      ]);
      assert.deepEqual(nosuch, { stdout: `Error while executing topic command : Topic nosuch does not exist on ZK path ${c.connect}\n`, stderr: '', code: 1 });
      assert.deepEqual(ifExists, { stdout: '', stderr: '', code: 0 });
      assert.deepEqual(internal, {
        stdout: 'Error while executing topic command : Topic __consumer_offsets is a kafka internal topic and is not allowed to be marked for deletion.\n',
        stderr: '',
        code: 1,
      });
      assert.deepEqual(envelopeWithoutKafka(json.stdout), { ok: true, command: 'topics', action: 'delete', result: { topics: [{ topic: 'sx', status: 'already-marked' }] } });
      assert.deepEqual(await snapshotTree(c.zk), before, 'refused deletes changed ZooKeeper');

      const usage = await run('--delete', '--topic', 'keep', '--partitions', '2');
      assert.deepEqual(usage, { stdout: '', stderr: 'Option "[partitions]" can\'t be used with option"[delete]"\n', code: 2 });
      assert.deepEqual(await snapshotTree(c.zk), before);
    } finally {
      await c.close();
    }
  });
});
