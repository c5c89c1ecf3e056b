// ktool topics --create against a real ZooKeeper: exact znodes and exact Kafka 0.9 text
// (transcript A.1/A.2), and every refusal leaves ZooKeeper unchanged.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers, snapshotTree } from '../helpers/cluster.js';
import { runKtool, type RunResult, envelopeWithoutKafka } from '../helpers/ktool.js';
import type { ZkClient } from '../../src/zk/client.js';

const WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n";
const ERR = 'Error while executing topic command : ';

describe('ktool topics --create', () => {
  let server: ZkServer;
  const closers: Array<() => Promise<void>> = [];
  before(async () => {
    server = await startZooKeeper();
  });
  after(async () => {
    await Promise.all(closers.map((c) => c()));
    // The helper's ZooKeeper child is unref'd: keep the loop alive until its exit is seen.
    const keepAlive = setInterval(() => undefined, 1000);
    await server?.stop();
    clearInterval(keepAlive);
  });

  async function cluster(brokers: Array<number | { id: number; rack?: string }> = [1, 2, 3]) {
    const c = await freshChroot(server);
    closers.push(c.close);
    await registerBrokers(c.zk, brokers);
    const run = (...args: string[]): Promise<RunResult> => runKtool(['topics', '--zookeeper', c.connect, ...args]);
    return { ...c, run };
  }
  const data = async (zk: ZkClient, path: string): Promise<string | null> => (await zk.tryGetData(path))?.data?.toString('utf8') ?? null;
  const partitions = async (zk: ZkClient, t: string): Promise<Record<string, number[]>> =>
    (JSON.parse((await data(zk, `/brokers/topics/${t}`))!) as { partitions: Record<string, number[]> }).partitions;

  /** Runs `args`, expects the given outcome, and that nothing in ZooKeeper changed. */
  async function refused(c: Awaited<ReturnType<typeof cluster>>, args: string[], expect: Partial<RunResult>): Promise<void> {
    const before = await snapshotTree(c.zk);
    const r = await c.run(...args);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, code: r.code }, { stdout: '', stderr: '', code: 1, ...expect }, args.join(' '));
    assert.deepEqual(await snapshotTree(c.zk), before, `ZooKeeper changed by ${args.join(' ')}`);
  }

  /** Like refused() for many commands, run a few at a time, with one snapshot before and after. */
  async function refusedAll(c: Awaited<ReturnType<typeof cluster>>, cases: Array<[string[], Partial<RunResult>]>): Promise<void> {
    const before = await snapshotTree(c.zk);
    const { mapLimit } = await import('../../src/zk/pipeline.js');
    const results = await mapLimit(cases, 4, ([args]) => c.run(...args));
    cases.forEach(([args, expect], i) => {
      const r = results[i]!;
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, code: r.code }, { stdout: '', stderr: '', code: 1, ...expect }, args.join(' '));
    });
    assert.deepEqual(await snapshotTree(c.zk), before, 'ZooKeeper changed');
  }

  test('auto assignment: config znode then topic znode, Kafka text, no change notification', async () => {
    const c = await cluster();
    const r = await c.run('--create', '--topic', 'auto1', '--partitions', '3', '--replication-factor', '2');
    assert.deepEqual(r, { stdout: 'Created topic "auto1".\n', stderr: '', code: 0 });
    assert.equal(await data(c.zk, '/config/topics/auto1'), '{"version":1,"config":{}}');
    const raw = (await data(c.zk, '/brokers/topics/auto1'))!;
    assert.match(raw, /^\{"version":1,"partitions":\{"0":\[\d,\d\],"1":\[\d,\d\],"2":\[\d,\d\]\}\}$/);
    const parts = await partitions(c.zk, 'auto1');
    // Round-robin leaders over brokers 1..3 from a random start, two distinct replicas each.
    const leaders = [0, 1, 2].map((p) => parts[p]![0]!);
    assert.deepEqual([...leaders].sort(), [1, 2, 3]);
    assert.equal(leaders[1], (leaders[0]! % 3) + 1);
    for (const p of Object.values(parts)) assert.equal(new Set(p).size, 2);
    assert.deepEqual(await c.zk.childrenOrEmpty('/config/changes'), []);
  });

  test('manual assignment and configs: exact bytes (configs sorted by name)', async () => {
    const c = await cluster();
    let r = await c.run('--create', '--topic', 'manual1', '--replica-assignment', '3:1,1:2,2:3,3:2');
    assert.deepEqual(r, { stdout: 'Created topic "manual1".\n', stderr: '', code: 0 });
    assert.equal(await data(c.zk, '/brokers/topics/manual1'), '{"version":1,"partitions":{"0":[3,1],"1":[1,2],"2":[2,3],"3":[3,2]}}');
    r = await c.run('--create', '--topic', 'cfg1', '--replica-assignment', '1:2:3,2:3:1', '--config', 'retention.ms=86400000', '--config', 'cleanup.policy = compact');
    assert.equal(r.code, 0);
    assert.equal(await data(c.zk, '/config/topics/cfg1'), '{"version":1,"config":{"cleanup.policy":"compact","retention.ms":"86400000"}}');
    assert.equal(await data(c.zk, '/brokers/topics/cfg1'), '{"version":1,"partitions":{"0":[1,2,3],"1":[2,3,1]}}');
  });

  test("'.'/'_' WARNING, collisions, already exists, --if-not-exists", async () => {
    const c = await cluster();
    let r = await c.run('--create', '--topic', 'my.topic', '--partitions', '1', '--replication-factor', '1');
    assert.deepEqual(r, { stdout: WARNING + 'Created topic "my.topic".\n', stderr: '', code: 0 });
    await refused(c, ['--create', '--topic', 'my_topic', '--partitions', '1', '--replication-factor', '1'], {
      stdout: WARNING + ERR + 'Topic "my_topic" collides with existing topics: my.topic\n',
    });
    await refused(c, ['--create', '--topic', 'my.topic', '--partitions', '1', '--replication-factor', '1'], {
      stdout: WARNING + ERR + 'Topic "my.topic" already exists.\n',
    });
    r = await c.run('--create', '--topic', 'plain', '--partitions', '1', '--replication-factor', '1');
    assert.equal(r.code, 0);
    await refused(c, ['--create', '--topic', 'plain', '--partitions', '1', '--replication-factor', '1'], { stdout: ERR + 'Topic "plain" already exists.\n' });
    await refused(c, ['--create', '--topic', 'plain', '--partitions', '5', '--replication-factor', '1', '--if-not-exists'], { code: 0 });
  });

  test('two admins racing to create one topic: exactly one wins, nothing half made', async () => {
    const c = await cluster();
    const [a, b] = await Promise.all([
      c.run('--create', '--topic', 'race', '--replica-assignment', '1:2', '--config', 'retention.ms=1'),
      c.run('--create', '--topic', 'race', '--replica-assignment', '2:3', '--config', 'retention.ms=2'),
    ]);
    const results = [a, b].map((r) => `${r.code} ${r.stdout}`).sort();
    assert.deepEqual(results, ['0 Created topic "race".\n', '1 Error while executing topic command : Topic "race" already exists.\n']);
    const winner = a.code === 0 ? { parts: '1,2', ms: '1' } : { parts: '2,3', ms: '2' };
    assert.equal(await data(c.zk, '/brokers/topics/race'), `{"version":1,"partitions":{"0":[${winner.parts}]}}`);
    assert.equal(await data(c.zk, '/config/topics/race'), `{"version":1,"config":{"retention.ms":"${winner.ms}"}}`);
  });

  test('a leftover /config/topics/<t> is overwritten in the same transaction', async () => {
    const c = await cluster();
    await c.zk.mkdirp('/config/topics');
    await c.zk.create('/config/topics/old', '{"version":1,"config":{"retention.ms":"1"}}');
    const r = await c.run('--create', '--topic', 'old', '--replica-assignment', '1', '--config', 'segment.ms=100');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(await data(c.zk, '/config/topics/old'), '{"version":1,"config":{"segment.ms":"100"}}');
    assert.equal(await data(c.zk, '/brokers/topics/old'), '{"version":1,"partitions":{"0":[1]}}');
  });

  test("runtime refusals: Kafka's messages on stdout, exit 1, nothing written", async () => {
    const c = await cluster();
    const base = ['--create', '--topic', 'x', '--partitions', '1', '--replication-factor', '1'];
    const cases: Array<[string[], string]> = [
      [['--create', '--topic', 'big', '--partitions', '1', '--replication-factor', '4'], 'replication factor: 4 larger than available brokers: 3'],
      [['--create', '--topic', 'x', '--partitions', '0', '--replication-factor', '1'], 'number of partitions must be larger than 0'],
      [['--create', '--topic', 'x', '--partitions', '-1', '--replication-factor', '1'], 'number of partitions must be larger than 0'],
      [['--create', '--topic', 'x', '--partitions', '1', '--replication-factor', '0'], 'replication factor must be larger than 0'],
      [['--create', '--topic', 'bad/name', '--partitions', '1', '--replication-factor', '1'], "topic name bad/name is illegal, contains a character other than ASCII alphanumerics, '.', '_' and '-'"],
      [['--create', '--topic', 'a b', '--partitions', '1', '--replication-factor', '1'], "topic name a b is illegal, contains a character other than ASCII alphanumerics, '.', '_' and '-'"],
      [['--create', '--topic', 'x'.repeat(250), '--partitions', '1', '--replication-factor', '1'], "topic name is illegal, can't be longer than 249 characters"],
      [[...base, '--config', 'foo.bar=1'], 'requirement failed: Unknown configuration "foo.bar".'],
      [[...base, '--config', 'retention.ms=abc'], 'Invalid value abc for configuration retention.ms: Not a number of type LONG'],
      [[...base, '--config', 'cleanup.policy=foo'], 'Invalid value foo for configuration cleanup.policy: String must be one of: compact, delete'],
      [[...base, '--config', 'retention.ms=1000,segment.ms=2000'], 'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".'],
      [['--create', '--topic', 'x', '--replica-assignment', '1:1,2:3'], 'Partition replica lists may not contain duplicate entries: 1'],
      [['--create', '--topic', 'x', '--replica-assignment', '1:2,3'], 'Partition 1 has different replication factor: [3] (--replica-assignment: partition 0 has 2 replicas, partition 1 has 1)'],
      // Kafka 0.9 accepts brokers that do not exist; ktool refuses.
      [['--create', '--topic', 'ra9', '--replica-assignment', '1:9,2:3'], '--replica-assignment: broker 9 for partition 0 is not registered in ZooKeeper (live brokers: 1, 2, 3)'],
    ];
    await refusedAll(c, cases.map(([args, msg]) => [args, { stdout: ERR + msg + '\n' }]));
    // The WARNING comes before the name check, as in Kafka.
    await refused(c, ['--create', '--topic', '.', '--partitions', '1', '--replication-factor', '1'], { stdout: WARNING + ERR + 'topic name cannot be "." or ".."\n' });
    // Config errors come before the WARNING.
    await refused(c, ['--create', '--topic', 'a.b', '--partitions', '1', '--replication-factor', '1', '--config', 'foo=1'], { stdout: ERR + 'requirement failed: Unknown configuration "foo".\n' });
  });

  test('usage errors: message on stderr, exit 2, nothing written', async () => {
    const c = await cluster();
    const cases: Array<[string[], string]> = [
      [['--create', '--topic', 'x'], 'Missing required argument "[partitions]"'],
      [['--create', '--topic', 'x', '--partitions', '1'], 'Missing required argument "[replication-factor]"'],
      [['--create', '--partitions', '1', '--replication-factor', '1'], 'Missing required argument "[topic]"'],
      [['--create', '--topic', 'x', '--partitions', '1', '--replication-factor', '1', '--replica-assignment', '1'], 'Option "[replica-assignment]" can\'t be used with option"[partitions]"'],
      [['--create', '--topic', 'x', '--partitions', '1', '--replication-factor', '1', '--delete-config', 'a'], 'Option "[delete-config]" can\'t be used with option"[create]"'],
      [['--create', '--topic', 'x', '--partitions', 'abc', '--replication-factor', '1'], "Cannot convert argument 'abc' of option ['partitions'] to class java.lang.Integer"],
      [['--create', '--topic', 'x', '--replica-assignment', '1:x'], 'Invalid --replica-assignment "1:x": broker id "x" of partition 0 is not an integer'],
      [['--create', '--list'], 'Command must include exactly one action: --list, --describe, --create, --alter or --delete'],
    ];
    await refusedAll(c, cases.map(([args, msg]) => [args, { stderr: msg + '\n', code: 2 }]));
  });

  test('rack-aware by default when every broker has a rack; --disable-rack-aware otherwise', async () => {
    const racked = await cluster([{ id: 1, rack: 'a' }, { id: 2, rack: 'a' }, { id: 3, rack: 'b' }, { id: 4, rack: 'b' }]);
    let r = await racked.run('--create', '--topic', 'r', '--partitions', '8', '--replication-factor', '2');
    assert.equal(r.code, 0, r.stdout);
    const rackOf: Record<number, string> = { 1: 'a', 2: 'a', 3: 'b', 4: 'b' };
    for (const reps of Object.values(await partitions(racked.zk, 'r'))) assert.notEqual(rackOf[reps[0]!], rackOf[reps[1]!], `replicas ${reps} share a rack`);

    const mixed = await cluster([{ id: 1, rack: 'a' }, 2, 3]);
    await refused(mixed, ['--create', '--topic', 'm', '--partitions', '1', '--replication-factor', '2'], {
      stdout: ERR + 'Not all brokers have rack information. Add --disable-rack-aware in command line to make replica assignment without rack information.\n',
    });
    r = await mixed.run('--create', '--topic', 'm', '--partitions', '3', '--replication-factor', '2', '--disable-rack-aware');
    assert.deepEqual(r, { stdout: 'Created topic "m".\n', stderr: '', code: 0 });
  });

  test('--json envelope, and an unreachable ZooKeeper is a runtime error naming it', async () => {
    const c = await cluster();
    const r = await c.run('--create', '--topic', 'j_1', '--replica-assignment', '1:2', '--config', 'retention.ms=5', '--json');
    assert.equal(r.code, 0);
    assert.deepEqual(envelopeWithoutKafka(r.stdout), {
      ok: true,
      command: 'topics',
      action: 'create',
      result: { topics: [{ topic: 'j_1', created: true, partitions: { '0': [1, 2] }, configs: { 'retention.ms': '5' } }], warnings: [WARNING.trimEnd()] },
    });
    const bad = await c.run('--create', '--topic', 'j_1', '--replica-assignment', '1:2', '--json');
    assert.equal(bad.code, 1);
    assert.deepEqual(envelopeWithoutKafka(bad.stdout), { ok: false, command: 'topics', action: 'create', error: { message: 'Topic "j_1" already exists.', exitCode: 1 } });

    const dead = await runKtool(['topics', '--zookeeper', '127.0.0.1:1', '--create', '--topic', 'x', '--partitions', '1', '--replication-factor', '1'], {
      env: { KTOOL_ZK_CONNECT_TIMEOUT_MS: '300' },
    });
    assert.equal(dead.code, 1);
    assert.match(dead.stdout, /^Error while executing topic command : .*127\.0\.0\.1:1/);
  });
});
