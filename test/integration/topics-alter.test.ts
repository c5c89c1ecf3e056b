// ktool topics --alter against a real ZooKeeper: partitions (versioned write, start-index rule),
// configs with their change notification in one transaction, Kafka 0.9 text (transcript A.3),
// and ktool's strict handling of --replica-assignment.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers, snapshotTree } from '../helpers/cluster.js';
import { runKtool, type RunResult, envelopeWithoutKafka } from '../helpers/ktool.js';
import type { ZkClient } from '../../src/zk/client.js';
import { mapLimit } from '../../src/zk/pipeline.js';

const ERR = 'Error while executing topic command : ';
const CONFIG_WARNING =
  'WARNING: Altering topic configuration from this script has been deprecated and may be removed in future releases.\n' +
  '         Going forward, please use kafka-configs.sh for this functionality\n';
const PART_WARNING =
  'WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected\n';

describe('ktool topics --alter', () => {
  let server: ZkServer;
  const closers: Array<() => Promise<void>> = [];
  before(async () => {
    server = await startZooKeeper();
  });
  after(async () => {
    await Promise.all(closers.map((c) => c()));
    const keepAlive = setInterval(() => undefined, 1000); // the helper's ZooKeeper child is unref'd
    await server?.stop();
    clearInterval(keepAlive);
  });

  /** Brokers 1..3 and topics written directly in Kafka's format. */
  async function cluster(topics: Record<string, { partitions: Record<string, number[]>; config?: Record<string, string> }> = {}) {
    const c = await freshChroot(server);
    closers.push(c.close);
    await registerBrokers(c.zk, [1, 2, 3]);
    await c.zk.mkdirp('/brokers/topics');
    await c.zk.mkdirp('/config/topics');
    await c.zk.mkdirp('/config/changes');
    for (const [t, { partitions, config }] of Object.entries(topics)) {
      await c.zk.create(`/config/topics/${t}`, JSON.stringify({ version: 1, config: config ?? {} }));
      await c.zk.create(`/brokers/topics/${t}`, JSON.stringify({ version: 1, partitions }));
    }
    const run = (...args: string[]): Promise<RunResult> => runKtool(['topics', '--zookeeper', c.connect, ...args]);
    return { ...c, run };
  }
  type Cluster = Awaited<ReturnType<typeof cluster>>;
  const get = async (zk: ZkClient, path: string) => {
    const r = await zk.getData(path);
    return { data: r.data?.toString('utf8') ?? null, version: r.stat.version };
  };
  async function refusedAll(c: Cluster, cases: Array<[string[], Partial<RunResult>]>): Promise<void> {
    const before = await snapshotTree(c.zk);
    const results = await mapLimit(cases, 4, ([args]) => c.run(...args));
    cases.forEach(([args, expect], i) => {
      const r = results[i]!;
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, code: r.code }, { stdout: '', stderr: '', code: 1, ...expect }, args.join(' '));
    });
    assert.deepEqual(await snapshotTree(c.zk), before, 'ZooKeeper changed');
  }

  test('--partitions adds partitions with the start-index rule and a versioned setData', async () => {
    // V3 of the spec, brokers 1..3: p0 = [2,3] → start index 1.
    const c = await cluster({ auto1: { partitions: { '0': [2, 3], '1': [3, 1], '2': [1, 2] } } });
    const r = await c.run('--alter', '--topic', 'auto1', '--partitions', '5');
    assert.deepEqual(r, { stdout: PART_WARNING + 'Adding partitions succeeded!\n', stderr: '', code: 0 });
    const t = await get(c.zk, '/brokers/topics/auto1');
    // One versioned write, as Kafka: v0 -> v1.
    assert.equal(t.version, 1);
    // Start index = shift = 1; at p3 (a multiple of 3) the shift becomes 2, so the follower offset
    // is 1 + 2 % 2 = 1: p3 leader (3+1)%3 → broker 2 → [2,3]; p4 leader index 2 → broker 3 → [3,1].
    assert.equal(t.data, '{"version":1,"partitions":{"0":[2,3],"1":[3,1],"2":[1,2],"3":[2,3],"4":[3,1]}}');
    assert.deepEqual(await c.zk.childrenOrEmpty('/config/changes'), []);
  });

  test('--config / --delete-config: config znode and change notification, Kafka text', async () => {
    const c = await cluster({ auto1: { partitions: { '0': [1, 2] } } });
    let r = await c.run('--alter', '--topic', 'auto1', '--config', 'retention.ms=1000', '--config', 'max.message.bytes=2000');
    assert.deepEqual(r, { stdout: CONFIG_WARNING + 'Updated config for topic "auto1".\n', stderr: '', code: 0 });
    const v1 = await get(c.zk, '/config/topics/auto1');
    assert.equal(v1.data, '{"version":1,"config":{"max.message.bytes":"2000","retention.ms":"1000"}}');
    assert.deepEqual(await c.zk.childrenOrEmpty('/config/changes'), ['config_change_0000000000']);
    assert.equal((await get(c.zk, '/config/changes/config_change_0000000000')).data, '{"version":1,"entity_type":"topics","entity_name":"auto1"}');

    r = await c.run('--alter', '--topic', 'auto1', '--delete-config', 'retention.ms');
    assert.deepEqual(r, { stdout: CONFIG_WARNING + 'Updated config for topic "auto1".\n', stderr: '', code: 0 });
    assert.deepEqual(await get(c.zk, '/config/topics/auto1'), { data: '{"version":1,"config":{"max.message.bytes":"2000"}}', version: v1.version + 1 });
    assert.deepEqual((await c.zk.childrenOrEmpty('/config/changes')).sort(), ['config_change_0000000000', 'config_change_0000000001']);
  });

  test('concurrent alters of one topic both land (versioned writes, re-read on conflict)', async () => {
    const c = await cluster({ hot: { partitions: { '0': [1, 2] } } });
    const keys = ['retention.ms', 'segment.ms', 'flush.ms', 'delete.retention.ms'];
    const results = await Promise.all(keys.map((k, i) => c.run('--alter', '--topic', 'hot', '--config', `${k}=${i + 1}`)));
    for (const r of results) assert.deepEqual(r, { stdout: CONFIG_WARNING + 'Updated config for topic "hot".\n', stderr: '', code: 0 });
    const cfg = JSON.parse((await get(c.zk, '/config/topics/hot')).data!).config as Record<string, string>;
    assert.deepEqual(cfg, { 'retention.ms': '1', 'segment.ms': '2', 'flush.ms': '3', 'delete.retention.ms': '4' });
    assert.equal((await c.zk.childrenOrEmpty('/config/changes')).length, 4);
  });

  test('concurrent partition increases: one wins, the other re-reads and is refused', async () => {
    const c = await cluster({ grow: { partitions: { '0': [1, 2], '1': [2, 3] } } });
    const [a, b] = await Promise.all([
      c.run('--alter', '--topic', 'grow', '--partitions', '3', '--replica-assignment', '1:2,2:3,3:1'),
      c.run('--alter', '--topic', 'grow', '--partitions', '3', '--replica-assignment', '1:2,2:3,1:3'),
    ]);
    const outcomes = [a, b].map((r) => `${r.code} ${r.stdout}`).sort();
    assert.deepEqual(outcomes, [
      '0 ' + PART_WARNING + 'Adding partitions succeeded!\n',
      '1 ' + PART_WARNING + ERR + 'The number of partitions for a topic can only be increased\n',
    ]);
    const third = a.code === 0 ? '[3,1]' : '[1,3]';
    assert.equal((await get(c.zk, '/brokers/topics/grow')).data, `{"version":1,"partitions":{"0":[1,2],"1":[2,3],"2":${third}}}`);
  });

  test('a regex alters every match; configs and partitions together; nothing to change is a no-op', async () => {
    const c = await cluster({ auto1: { partitions: { '0': [1, 2] } }, auto2: { partitions: { '0': [2, 3] }, config: { 'segment.ms': '5' } }, other: { partitions: { '0': [1, 2] } } });
    const before = await snapshotTree(c.zk);
    let r = await c.run('--alter', '--topic', 'auto1');
    assert.deepEqual(r, { stdout: '', stderr: '', code: 0 });
    assert.deepEqual(await snapshotTree(c.zk), before);
    r = await c.run('--alter', '--topic', 'auto.*', '--config', 'retention.ms=5000', '--partitions', '2');
    const one = (t: string): string => CONFIG_WARNING + `Updated config for topic "${t}".\n` + PART_WARNING + 'Adding partitions succeeded!\n';
    assert.deepEqual(r, { stdout: one('auto1') + one('auto2'), stderr: '', code: 0 });
    assert.equal((await get(c.zk, '/config/topics/auto2')).data, '{"version":1,"config":{"retention.ms":"5000","segment.ms":"5"}}');
    assert.match((await get(c.zk, '/brokers/topics/auto2')).data!, /^\{"version":1,"partitions":\{"0":\[2,3\],"1":\[\d,\d\]\}\}$/);
    assert.equal((await get(c.zk, '/brokers/topics/other')).version, 0);
    const changes = await c.zk.childrenOrEmpty('/config/changes');
    const names = await Promise.all(changes.sort().map(async (ch) => JSON.parse((await get(c.zk, `/config/changes/${ch}`)).data!).entity_name));
    assert.deepEqual(names, ['auto1', 'auto2']);
  });

  test('--replica-assignment must list every partition; existing ones unchanged; brokers live; same RF', async () => {
    const c = await cluster({ manual1: { partitions: { '0': [3, 1], '1': [1, 2] } } });
    let r = await c.run('--alter', '--topic', 'manual1', '--partitions', '4', '--replica-assignment', '3:1,1:2,2:3,1:3');
    assert.deepEqual(r, { stdout: PART_WARNING + 'Adding partitions succeeded!\n', stderr: '', code: 0 });
    assert.equal((await get(c.zk, '/brokers/topics/manual1')).data, '{"version":1,"partitions":{"0":[3,1],"1":[1,2],"2":[2,3],"3":[1,3]}}');
    const mk = '3:1,1:2,2:3,1:3';
    await refusedAll(c, [
      [['--alter', '--topic', 'manual1', '--partitions', '6', '--replica-assignment', '1:2,2:3'], {
        code: 2,
        stderr: '--replica-assignment lists 2 partitions but --partitions is 6; with --alter it must list all 6 partitions, existing ones first\n',
      }],
      [['--alter', '--topic', 'manual1', '--replica-assignment', '1:2'], {
        code: 2,
        stderr: 'Option "[replica-assignment]" requires option "[partitions]" with --alter (list every partition, existing ones first)\n',
      }],
      [['--alter', '--topic', 'manual1', '--partitions', '5', '--replica-assignment', `1:2,${mk.slice(4)},2:1`], {
        stdout: PART_WARNING + ERR + '--replica-assignment: entry 0 (1:2) does not match the current replicas of partition 0 (3:1); --alter only adds partitions, use a reassignment to move replicas\n',
      }],
      [['--alter', '--topic', 'manual1', '--partitions', '5', '--replica-assignment', `${mk},2:9`], {
        stdout: PART_WARNING + ERR + '--replica-assignment: broker 9 for partition 4 is not registered in ZooKeeper (live brokers: 1, 2, 3)\n',
      }],
      [['--alter', '--topic', 'manual1', '--partitions', '5', '--replica-assignment', '3:1:2,1:2:3,2:3:1,1:3:2,1:2:3'], {
        stdout: PART_WARNING + ERR + '--replica-assignment: entry 0 (3:1:2) does not match the current replicas of partition 0 (3:1); --alter only adds partitions, use a reassignment to move replicas\n',
      }],
      [['--alter', '--topic', 'manual1', '--partitions', '3', '--replica-assignment', '3:1,1:2,2:3'], {
        stdout: PART_WARNING + ERR + 'The number of partitions for a topic can only be increased\n',
      }],
    ]);
  });

  test("refusals: Kafka's text, exit codes, ZooKeeper unchanged", async () => {
    const c = await cluster({ auto1: { partitions: { '0': [1, 2], '1': [2, 3] } }, __consumer_offsets: { partitions: { '0': [1] } } });
    await refusedAll(c, [
      [['--alter', '--topic', 'auto1', '--partitions', '2'], { stdout: PART_WARNING + ERR + 'The number of partitions for a topic can only be increased\n' }],
      [['--alter', '--topic', 'auto1', '--partitions', '1'], { stdout: PART_WARNING + ERR + 'The number of partitions for a topic can only be increased\n' }],
      [['--alter', '--topic', 'nosuch', '--partitions', '9'], { stdout: ERR + `Topic nosuch does not exist on ZK path ${c.connect}\n` }],
      [['--alter', '--topic', 'nosuch', '--partitions', '9', '--if-exists'], { code: 0 }],
      [['--alter', '--topic', 'auto1', '--delete-config', 'foo.bar'], { stdout: CONFIG_WARNING + ERR + 'requirement failed: Unknown configuration "foo.bar".\n' }],
      [['--alter', '--topic', 'auto1', '--config', 'min.insync.replicas=0'], { stdout: CONFIG_WARNING + ERR + 'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1\n' }],
      [['--alter', '--topic', 'auto1', '--partitions', '9', '--replication-factor', '2'], { code: 2, stderr: 'Option "[replication-factor]" can\'t be used with option"[alter]"\n' }],
      [['--alter', '--topic', '__consumer_offsets', '--partitions', '9'], { stdout: ERR + 'The number of partitions for the offsets topic cannot be changed.\n' }],
      [['--alter', '--topic', 'auto1', '--partitions', '9', '--replica-assignment', '1:2,2:3,3:1,1:x,2:1,3:2,1:3,2:1,3:1'], {
        code: 2,
        stderr: 'Invalid --replica-assignment "1:2,2:3,3:1,1:x,2:1,3:2,1:3,2:1,3:1": broker id "x" of partition 3 is not an integer\n',
      }],
      [['--alter', '--topic', 'a(b', '--partitions', '9'], { stdout: ERR + 'a(b is an invalid regex.\n' }],
    ]);
  });

  test('--json result lists the new overrides and the added partitions', async () => {
    const c = await cluster({ j: { partitions: { '0': [1, 2] } } });
    const r = await c.run('--alter', '--topic', 'j', '--partitions', '2', '--replica-assignment', '1:2,3:1', '--config', 'retention.ms=7', '--json');
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(envelopeWithoutKafka(r.stdout), {
      ok: true,
      command: 'topics',
      action: 'alter',
      result: {
        topics: [{ topic: 'j', configs: { 'retention.ms': '7' }, addedPartitions: { '1': [3, 1] } }],
        warnings: [...CONFIG_WARNING.trimEnd().split('\n'), PART_WARNING.trimEnd()],
      },
    });
  });
});
