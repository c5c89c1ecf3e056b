// `ktool reassign` against a real ZooKeeper with registered brokers: Kafka 0.9's exact text and
// znodes, every bad input refused with ZooKeeper unchanged, in-flight refusal, atomic create race,
// throttle configs and verify.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ZkClient } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers, snapshotTree } from '../helpers/cluster.js';
import { runKtool } from '../helpers/ktool.js';

const AUTO1 = { 0: [1, 2], 1: [2, 3], 2: [3, 1], 3: [1, 2], 4: [2, 3] };
const AUTO1_JSON =
  '{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[1,2]},{"topic":"auto1","partition":1,"replicas":[2,3]},{"topic":"auto1","partition":2,"replicas":[3,1]},{"topic":"auto1","partition":3,"replicas":[1,2]},{"topic":"auto1","partition":4,"replicas":[2,3]}]}';
const RE1 = '{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[2,3]},{"topic":"auto1","partition":1,"replicas":[3,1]}]}';

async function seedTopic(zk: ZkClient, topic: string, parts: Record<number, number[]>): Promise<void> {
  await zk.mkdirp(P.BROKER_TOPICS);
  await zk.create(P.topicPath(topic), encodeTopicAssignment(new Map(Object.entries(parts).map(([p, r]) => [Number(p), r]))));
}

/** freshChroot, retried: on a loaded machine the first connection to a just-started JVM can time out. */
describe('ktool reassign (ZooKeeper)', () => {
  let server: ZkServer;
  let dir: string;
  let n = 0;
  const file = (content: string): string => {
    const f = join(dir, `f${++n}.json`);
    writeFileSync(f, content);
    return f;
  };
  const cluster = async (): Promise<{ connect: string; zk: ZkClient; close(): Promise<void> }> => {
    const c = await freshChroot(server);
    await registerBrokers(c.zk, [1, 2, 3]);
    await seedTopic(c.zk, 'auto1', AUTO1);
    return c;
  };

  before(async () => {
    server = await startZooKeeper();
    dir = mkdtempSync(join(tmpdir(), 'ktool-reassign-'));
  });
  after(async () => {
    // The helper awaits the unref'd JVM's exit; keep the event loop alive meanwhile.
    const keepAlive = setInterval(() => {}, 1000);
    await server?.stop();
    clearInterval(keepAlive);
    rmSync(dir, { recursive: true, force: true });
  });

  test('--generate prints the 0.9 blocks, writes nothing, and minimal is deterministic', async () => {
    const c = await cluster();
    try {
      const before = await snapshotTree(c.zk);
      const topics = file('{"topics":[{"topic":"auto1"}],"version":1}');
      const args = ['reassign', '--zookeeper', c.connect, '--generate', '--topics-to-move-json-file', topics, '--broker-list', '1,2'];
      const [r1, r2, k, j, tty] = await Promise.all([
        runKtool(args),
        runKtool(args),
        runKtool([...args, '--strategy', 'kafka']),
        runKtool([...args, '--json']),
        runKtool(args, { env: { KTOOL_FORCE_TTY: '1' } }),
      ]);
      assert.equal(r1.code, 0, r1.stdout + r1.stderr);
      assert.equal(r1.stderr, '');
      const m = /^Current partition replica assignment\n\n(.*)\nProposed partition reassignment configuration\n\n(.*)\n$/.exec(r1.stdout);
      assert.ok(m, r1.stdout);
      assert.equal(m[1], AUTO1_JSON);
      const proposed = JSON.parse(m[2]!) as { version: number; partitions: Array<{ topic: string; partition: number; replicas: number[] }> };
      assert.equal(proposed.version, 1);
      assert.deepEqual(proposed.partitions.map((p) => p.partition), [0, 1, 2, 3, 4]);
      for (const p of proposed.partitions) {
        assert.equal(p.replicas.length, 2);
        assert.ok(p.replicas.every((b) => b === 1 || b === 2), JSON.stringify(p));
      }
      assert.equal(r2.stdout, r1.stdout, 'minimal strategy: same input, same plan');
      assert.deepEqual(await snapshotTree(c.zk), before);

      assert.equal(k.code, 0, k.stdout);
      const km = /Proposed partition reassignment configuration\n\n(.*)\n$/.exec(k.stdout)!;
      for (const p of JSON.parse(km[1]!).partitions as Array<{ replicas: number[] }>) assert.deepEqual([...p.replicas].sort(), [1, 2]);

      const env = JSON.parse(j.stdout) as { ok: boolean; result: { current: unknown[]; proposed: unknown[]; stats: { moves: number; lowerBound: number; before: unknown[]; after: unknown[] } } };
      assert.equal(env.ok, true);
      assert.equal(env.result.current.length, 5);
      assert.equal(JSON.stringify({ version: 1, partitions: env.result.proposed }), m[2]);
      assert.ok(env.result.stats.moves >= env.result.stats.lowerBound);
      assert.ok(env.result.stats.after.length >= 2);

      assert.ok(tty.stdout.startsWith(r1.stdout), 'Kafka blocks first on a terminal too');
      assert.match(tty.stdout, /Replica moves: \d+ \(proven lower bound: \d+\)/);
      assert.match(tty.stdout, /Replicas per broker \(before \| after\)/);
      assert.match(tty.stdout, /Leaders per broker/);
    } finally {
      await c.close();
    }
  });

  test('--generate refuses bad input with clear errors and exit codes', async () => {
    const c = await cluster();
    try {
      const before = await snapshotTree(c.zk);
      const ok = file('{"topics":[{"topic":"auto1"}],"version":1}');
      const gen = (topicsFile: string, brokers: string, extra: string[] = []) =>
        runKtool(['reassign', '--zookeeper', c.connect, '--generate', '--topics-to-move-json-file', topicsFile, '--broker-list', brokers, ...extra]);
      const notJson = file('not json');
      // [args, exit code, stream, exact text or pattern]; independent, so run side by side.
      const cases: Array<[Promise<{ stdout: string; stderr: string; code: number }>, number, 'stdout' | 'stderr', string | RegExp]> = [
        [gen(ok, '1,1,3'), 2, 'stderr', 'Broker list contains duplicate entries: 1\n'],
        [gen(ok, 'a,b'), 2, 'stderr', /--broker-list: "a" is not a broker id/],
        [gen(ok, '1,7'), 1, 'stdout', 'Partitions reassignment failed due to Broker list contains brokers that are not registered: 7\n'],
        [gen(ok, '1'), 1, 'stdout', 'Partitions reassignment failed due to replication factor: 2 larger than available brokers: 1\n'],
        [gen(ok, '1,2', ['--replication-factor', '3']), 1, 'stdout', /replication factor: 3 larger than available brokers: 2/],
        [gen(file('{"topics":[{"topic":"nosuch"}],"version":1}'), '1,2'), 1, 'stdout', 'Partitions reassignment failed due to Topics to move do not exist: nosuch\n'],
        [
          gen(file('{"topics":[{"topic":"auto1"},{"topic":"auto1"}]}'), '1,2'),
          1,
          'stdout',
          'Partitions reassignment failed due to List of topics to reassign contains duplicate entries: auto1\n',
        ],
        [gen(notJson, '1,2'), 1, 'stdout', new RegExp(`Topics to move data file ${notJson} is not valid JSON`)],
        [gen(file('{"topics":[{"name":"auto1"}]}'), '1,2'), 1, 'stdout', /is invalid: topics\.0 must have required property 'topic'/],
        [
          runKtool(['reassign', '--zookeeper', c.connect, '--generate', '--broker-list', '1']),
          2,
          'stderr',
          'If --generate option is used, command must include both --topics-to-move-json-file and --broker-list options\n',
        ],
        [runKtool(['reassign', '--zookeeper', c.connect, '--generate', '--execute']), 2, 'stderr', 'Command must include exactly one action: --generate, --execute or --verify\n'],
        [gen(ok, '1,2', ['--throttle', '10']), 2, 'stderr', 'Option "[throttle]" can\'t be used with option"[generate]"\n'],
      ];
      const results = await Promise.all(cases.map((x) => x[0]));
      results.forEach((r, i) => {
        const [, code, stream, expected] = cases[i]!;
        assert.equal(r.code, code, `case ${i}: ${r.stdout}${r.stderr}`);
        if (typeof expected === 'string') assert.equal(r[stream], expected, `case ${i}`);
        else assert.match(r[stream], expected, `case ${i}`);
      });
      assert.deepEqual(await snapshotTree(c.zk), before);
    } finally {
      await c.close();
    }
  });

  test('--execute prints the rollback block, saves it, and creates exactly Kafka\'s znode', async () => {
    const c = await cluster();
    try {
      const plan = file(RE1);
      const rollback = join(dir, 'rb-exec.json');
      const r = await runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--rollback-file', rollback]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(
        r.stdout,
        `Current partition replica assignment\n\n${AUTO1_JSON}\n\nSave this to use as the --reassignment-json-file option during rollback\n` +
          `Successfully started reassignment of partitions ${RE1}\n`,
      );
      assert.equal((await c.zk.getData(P.REASSIGN_PARTITIONS)).data!.toString(), RE1);
      assert.equal(readFileSync(rollback, 'utf8'), AUTO1_JSON + '\n');
      const journal = JSON.parse(readFileSync(plan + '.ktool-journal.json', 'utf8')) as { submitted: number; batches: unknown[] };
      assert.equal(journal.submitted, 1);
      assert.equal(journal.batches.length, 1);

      // In flight: a second --execute (other file) prints the block then refuses, exit 1, nothing changes.
      const before = await snapshotTree(c.zk);
      const other = file('{"version":1,"partitions":[{"topic":"auto1","partition":4,"replicas":[3,1]}]}');
      const r2 = await runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', other, '--rollback-file', join(dir, 'rb-other.json')]);
      assert.equal(r2.code, 1);
      assert.equal(
        r2.stdout,
        `Current partition replica assignment\n\n${AUTO1_JSON}\n\nSave this to use as the --reassignment-json-file option during rollback\n` +
          'Partitions reassignment failed due to Partition reassignment currently in progress for Map([auto1,0] -> ReassignedPartitionsContext(List(2, 3),null), [auto1,1] -> ReassignedPartitionsContext(List(3, 1),null)). Aborting operation\n',
      );
      assert.equal(existsSync(join(dir, 'rb-other.json')), false, 'no rollback file for a refused run');
      assert.deepEqual(await snapshotTree(c.zk), before);

      // --verify: in progress, then (after the "controller" finished p0 only) completed / failed.
      let v = await runKtool(['reassign', '--zookeeper', c.connect, '--verify', '--reassignment-json-file', plan]);
      assert.equal(v.code, 0);
      assert.equal(v.stdout, 'Status of partition reassignment:\nReassignment of partition [auto1,0] is still in progress\nReassignment of partition [auto1,1] is still in progress\n');
      await c.zk.setData(P.topicPath('auto1'), encodeTopicAssignment(new Map([[0, [2, 3]], [1, [2, 3]], [2, [3, 1]], [3, [1, 2]], [4, [2, 3]]])));
      await c.zk.remove(P.REASSIGN_PARTITIONS);
      v = await runKtool(['reassign', '--zookeeper', c.connect, '--verify', '--reassignment-json-file', plan]);
      assert.equal(v.code, 1);
      assert.equal(
        v.stdout,
        'Status of partition reassignment:\n' +
          "ERROR: Assigned replicas (2,3) don't match the list of replicas for reassignment (3,1) for partition [auto1,1]\n" +
          'Reassignment of partition [auto1,0] completed successfully\n' +
          'Reassignment of partition [auto1,1] failed\n',
      );
    } finally {
      await c.close();
    }
  });

  test('--execute refuses every bad input before writing anything', async () => {
    const c = await cluster();
    try {
      const before = await snapshotTree(c.zk);
      const cases: Array<[string, RegExp | string, number]> = [
        ['not json', /^Partitions reassignment failed due to Partition reassignment data file .* is not valid JSON: /, 1],
        ['{"version":1,"partitions":[{"topic":"auto1","partition":"0","replicas":[1]}]}', /is invalid: partitions\.0\.partition must be integer\n$/, 1],
        ['{"version":1,"partitions":[{"topic":"auto1","partition":0,"replica":[1]}]}', /is invalid: partitions\.0 must have required property 'replicas'\n$/, 1],
        ['{"version":1,"partitions":[]}', /^Partitions reassignment failed due to Partition reassignment data file .* is empty\n$/, 1],
        ['{"version":1}', /data file .* is empty\n$/, 1],
        ['{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[]}]}', 'Partitions reassignment failed due to Partition replica list cannot be empty\n', 1],
        [
          '{"version":1,"partitions":[{"topic":"auto1","partition":2,"replicas":[1,1]}]}',
          'Partitions reassignment failed due to Partition replica lists may not contain duplicate entries: [auto1,2] contains multiple entries for 1\n',
          1,
        ],
        [
          '{"version":1,"partitions":[{"topic":"auto1","partition":2,"replicas":[1,2]},{"topic":"auto1","partition":2,"replicas":[2,3]}]}',
          'Partitions reassignment failed due to Partition reassignment contains duplicate topic partitions: [auto1,2]\n',
          1,
        ],
        [
          '{"version":1,"partitions":[{"topic":"nosuch","partition":0,"replicas":[1,3]},{"topic":"auto1","partition":99,"replicas":[1,3]}]}',
          'Partitions reassignment failed due to The proposed assignment contains non-existent partitions: [nosuch,0],[auto1,99]\n',
          1,
        ],
        [
          '{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[1,7,4]}]}',
          'Partitions reassignment failed due to The proposed assignment contains non-existent brokerIDs: 4,7\n',
          1,
        ],
      ];
      const files = cases.map(([content]) => file(content));
      const runs = await Promise.all(files.map((f) => runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', f, '--rollback-file', join(dir, 'never.json')])));
      for (const [i, [content, expected, code]] of cases.entries()) {
        const f = files[i]!;
        const r = runs[i]!;
        assert.equal(r.code, code, `${content}: ${r.stdout}${r.stderr}`);
        if (typeof expected === 'string') assert.equal(r.stdout, expected, content);
        else assert.match(r.stdout, expected, content);
        assert.equal(existsSync(f + '.ktool-journal.json'), false);
      }
      const [missing, flags, combo, batches] = await Promise.all([
        runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', join(dir, 'nosuch.json')]),
        runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', file(RE1), '--throttle', '0']),
        runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', file(RE1), '--broker-list', '1']),
        runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', file(RE1), '--batch-size', '1']),
      ]);
      assert.equal(missing.code, 1);
      assert.equal(missing.stdout, `Partitions reassignment failed due to ${join(dir, 'nosuch.json')} (No such file or directory)\n`);
      assert.equal(flags.code, 2);
      assert.equal(combo.code, 2);
      assert.equal(combo.stderr, 'Option "[broker-list]" can\'t be used with option"[execute]"\n');
      assert.equal(batches.code, 2, 'two batches need --wait');
      assert.match(batches.stderr, /runs in 2 batches .*add --wait/);
      assert.equal(existsSync(join(dir, 'never.json')), false);
      assert.deepEqual(await snapshotTree(c.zk), before);
    } finally {
      await c.close();
    }
  });

  test('10 parallel --execute: exactly one creates the znode, the others are refused with exit 1', async () => {
    const c = await cluster();
    try {
      const runs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          // Every target adds a broker the partition does not have, so the winner always throttles the topic.
          // (ten different plans: a run of the winner's own plan would just change its throttle)
          const target = (i < 5 ? [[3, 2], [1, 3], [2, 1], [3, 2], [1, 3]] : [[3, 1], [1, 2], [1, 2], [2, 3], [3, 1]])[i % 5]!;
          const plan = file(`{"version":1,"partitions":[{"topic":"auto1","partition":${i % 5},"replicas":[${target.join(',')}]}]}`);
          return runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, `race-${i}.json`), '--throttle', '1000']).then((r) => ({ ...r, plan, i }));
        }),
      );
      const winners = runs.filter((r) => r.code === 0);
      assert.equal(winners.length, 1, runs.map((r) => `${r.code}: ${r.stdout}`).join('\n'));
      for (const r of runs.filter((x) => x.code !== 0)) {
        assert.equal(r.code, 1);
        assert.match(r.stdout, /Partitions reassignment failed due to Partition reassignment currently in progress for Map\(\[auto1,\d\] -> ReassignedPartitionsContext\(List\(\d, \d\),null\)\)\. Aborting operation\n$/);
        assert.equal(existsSync(join(dir, `race-${r.i}.json`)), false);
        assert.equal(existsSync(r.plan + '.ktool-journal.json'), false);
      }
      const w = winners[0]!;
      assert.equal((await c.zk.getData(P.REASSIGN_PARTITIONS)).data!.toString(), readFileSync(w.plan, 'utf8'));
      // Only the winner's throttle landed: one notification per entity it wrote.
      const changes = await c.zk.childrenOrEmpty(P.CONFIG_CHANGES);
      const topicCfg = JSON.parse((await c.zk.getData(P.topicConfigPath('auto1'))).data!.toString()) as { config: Record<string, string> };
      const p = w.i % 5;
      assert.ok(topicCfg.config['follower.replication.throttled.replicas']!.startsWith(`${p}:`));
      assert.equal(changes.length, 1 + 3, 'topic auto1 + brokers 1,2,3');
    } finally {
      await c.close();
    }
  });

  test('--throttle writes Kafka\'s configs with notifications, keeps other overrides; --verify removes them', async () => {
    const c = await cluster();
    try {
      await c.zk.mkdirp(P.CONFIG_TOPICS);
      await c.zk.create(P.topicConfigPath('auto1'), '{"version":1,"config":{"retention.ms":"1000"}}');
      await c.zk.mkdirp(P.CONFIG_BROKERS);
      await c.zk.create(P.brokerConfigPath(2), '{"version":1,"config":{"some.other":"x"}}');
      const plan = file('{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[2,3]},{"topic":"auto1","partition":3,"replicas":[1,2]}]}');
      const r = await runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'rb-thr.json'), '--throttle', '5000']);
      assert.equal(r.code, 0, r.stdout);
      const lines = r.stdout.split('\n');
      assert.equal(lines[5], 'Warning: You must run Verify periodically, until the reassignment completes, to ensure the throttle is removed. You can also alter the throttle by rerunning the Execute command passing a new value.');
      assert.equal(lines[6], 'The throttle limit was set to 5000 B/s');
      assert.match(lines[7]!, /^Successfully started reassignment of partitions /);
      const cfg = async (p: string): Promise<string> => (await c.zk.getData(p)).data!.toString();
      assert.equal(
        await cfg(P.topicConfigPath('auto1')),
        '{"version":1,"config":{"retention.ms":"1000","leader.replication.throttled.replicas":"0:1,0:2","follower.replication.throttled.replicas":"0:3"}}',
      );
      assert.equal(await cfg(P.brokerConfigPath(1)), '{"version":1,"config":{"leader.replication.throttled.rate":"5000","follower.replication.throttled.rate":"5000"}}');
      assert.equal(
        await cfg(P.brokerConfigPath(2)),
        '{"version":1,"config":{"some.other":"x","leader.replication.throttled.rate":"5000","follower.replication.throttled.rate":"5000"}}',
      );
      const changes = (await c.zk.childrenOrEmpty(P.CONFIG_CHANGES)).sort();
      const notes = await Promise.all(changes.map(async (ch) => (await c.zk.getData(`${P.CONFIG_CHANGES}/${ch}`)).data!.toString()));
      // Broker notices are version 2 whatever the cluster: Kafka 0.10.1+ skips v1 notices for brokers.
      assert.deepEqual(notes, [
        '{"version":1,"entity_type":"topics","entity_name":"auto1"}',
        '{"version":2,"entity_path":"brokers/1"}',
        '{"version":2,"entity_path":"brokers/2"}',
        '{"version":2,"entity_path":"brokers/3"}',
      ]);
      // Re-running --execute with a new --throttle while this plan runs only changes the rate.
      const re = await runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--throttle', '9000']);
      assert.equal(re.code, 0, re.stdout);
      assert.equal(re.stdout, 'There is an existing assignment running.\nThe throttle limit was set to 9000 B/s\n');
      assert.equal(await cfg(P.brokerConfigPath(3)), '{"version":1,"config":{"leader.replication.throttled.rate":"9000","follower.replication.throttled.rate":"9000"}}');
      assert.match(await cfg(P.topicConfigPath('auto1')), /"leader.replication.throttled.replicas":"0:1,0:2","follower.replication.throttled.replicas":"0:3"/);
      assert.equal((await c.zk.childrenOrEmpty(P.CONFIG_CHANGES)).length, 8);
      // Still in progress: verify keeps the throttle.
      let v = await runKtool(['reassign', '--zookeeper', c.connect, '--verify', '--reassignment-json-file', plan]);
      assert.doesNotMatch(v.stdout, /Throttle was removed/);
      // The "controller" finishes.
      await c.zk.setData(P.topicPath('auto1'), encodeTopicAssignment(new Map([[0, [2, 3]], [1, [2, 3]], [2, [3, 1]], [3, [1, 2]], [4, [2, 3]]])));
      await c.zk.remove(P.REASSIGN_PARTITIONS);
      v = await runKtool(['reassign', '--zookeeper', c.connect, '--verify', '--reassignment-json-file', plan]);
      assert.equal(v.code, 0, v.stdout);
      assert.equal(
        v.stdout,
        'Status of partition reassignment:\nReassignment of partition [auto1,0] completed successfully\nReassignment of partition [auto1,3] completed successfully\nThrottle was removed.\n',
      );
      assert.equal(await cfg(P.topicConfigPath('auto1')), '{"version":1,"config":{"retention.ms":"1000"}}');
      assert.equal(await cfg(P.brokerConfigPath(1)), '{"version":1,"config":{}}');
      assert.equal(await cfg(P.brokerConfigPath(2)), '{"version":1,"config":{"some.other":"x"}}');
      assert.equal((await c.zk.childrenOrEmpty(P.CONFIG_CHANGES)).length, 12);
      assert.equal(existsSync(plan + '.ktool-journal.json'), false, 'finished run: journal dropped');
      v = await runKtool(['reassign', '--zookeeper', c.connect, '--verify', '--reassignment-json-file', plan]);
      assert.doesNotMatch(v.stdout, /Throttle was removed/, 'nothing left to remove');
    } finally {
      await c.close();
    }
  });
});
