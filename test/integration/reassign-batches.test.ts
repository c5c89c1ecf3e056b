// Batched --execute with its journal (interrupted run resumes), the journal lock, and --cancel
// rewriting /admin/reassign_partitions. A tiny controller stand-in on the real ZooKeeper plays
// the part of Kafka's controller (apply the targets, drop the znode) so each step is deterministic.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ZkClient } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { decodeTopicAssignment, encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { decodeReassignPartitions, encodeReassignPartitions } from '../../src/zk/codecs/reassignPartitions.js';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers } from '../helpers/cluster.js';
import { KTOOL_BIN, runKtool, type RunResult } from '../helpers/ktool.js';

const ORIGINAL = { 0: [1, 2], 1: [2, 3], 2: [3, 1], 3: [1, 2], 4: [2, 3] };
const PLAN = '{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[2,3]},{"topic":"auto1","partition":1,"replicas":[3,1]},{"topic":"auto1","partition":2,"replicas":[1,2]},{"topic":"auto1","partition":3,"replicas":[2,3]},{"topic":"auto1","partition":4,"replicas":[3,1]}]}';

async function seedTopic(zk: ZkClient, topic: string, parts: Record<number, number[]>): Promise<void> {
  await zk.mkdirp(P.BROKER_TOPICS);
  await zk.create(P.topicPath(topic), encodeTopicAssignment(new Map(Object.entries(parts).map(([p, r]) => [Number(p), r]))));
}

/** Completes whatever is in /admin/reassign_partitions (targets applied, znode deleted). */
async function completeInFlight(zk: ZkClient): Promise<number> {
  const r = await zk.tryGetData(P.REASSIGN_PARTITIONS);
  if (!r) return 0;
  const list = decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS);
  for (const e of list) {
    const t = await zk.getData(P.topicPath(e.topic));
    const a = decodeTopicAssignment(t.data, P.topicPath(e.topic)).partitions;
    a.set(e.partition, e.replicas);
    await zk.setData(P.topicPath(e.topic), encodeTopicAssignment(a), t.stat.version);
  }
  await zk.remove(P.REASSIGN_PARTITIONS, r.stat.version);
  return list.length;
}

/** A controller stand-in polling every 30 ms; records the largest batch it saw. */
function standIn(zk: ZkClient): { stop(): Promise<void>; maxBatch: () => number } {
  let running = true;
  let max = 0;
  const loop = (async () => {
    while (running) {
      max = Math.max(max, await completeInFlight(zk).catch(() => 0));
      await new Promise((r) => setTimeout(r, 30));
    }
  })();
  return { stop: async () => ((running = false), await loop), maxBatch: () => max };
}

function spawnKtool(args: string[]): { done: Promise<RunResult>; kill(): void; pid: number; stderr(): string } {
  const child = spawn(process.execPath, [KTOOL_BIN, ...args], { env: { ...process.env, NO_COLOR: '1', KTOOL_FORCE_TTY: undefined }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<RunResult>((resolve) => child.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 })));
  return { done, kill: () => child.kill('SIGKILL'), pid: child.pid!, stderr: () => stderr };
}

async function assignmentOf(zk: ZkClient, topic: string): Promise<Record<string, number[]>> {
  return Object.fromEntries(decodeTopicAssignment((await zk.getData(P.topicPath(topic))).data, topic).partitions);
}

/** freshChroot, retried: on a loaded machine the first connection to a just-started JVM can time out. */
describe('ktool reassign: batches, journal, cancel', () => {
  let server: ZkServer;
  let dir: string;
  let n = 0;
  const file = (content: string): string => {
    const f = join(dir, `plan${++n}.json`);
    writeFileSync(f, content);
    return f;
  };
  before(async () => {
    server = await startZooKeeper();
    dir = mkdtempSync(join(tmpdir(), 'ktool-batches-'));
  });
  after(async () => {
    const keepAlive = setInterval(() => {}, 1000);
    await server?.stop();
    clearInterval(keepAlive);
    rmSync(dir, { recursive: true, force: true });
  });

  test('an interrupted batched --execute --wait resumes from its journal; one batch in flight at a time', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      await seedTopic(c.zk, 'auto1', ORIGINAL);
      const plan = file(PLAN);
      const journal = plan + '.ktool-journal.json';
      const args = ['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'rb1.json'), '--wait', '--batch-size', '2'];
      const first = spawnKtool(args);
      // No controller yet: batch 1 stays in flight and the run waits.
      await waitFor('batch 1 in ZooKeeper', async () => (await c.zk.exists(P.REASSIGN_PARTITIONS)) && existsSync(journal) && JSON.parse(readFileSync(journal, 'utf8')).submitted === 1, 15_000);
      assert.equal(
        (await c.zk.getData(P.REASSIGN_PARTITIONS)).data!.toString(),
        '{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[2,3]},{"topic":"auto1","partition":1,"replicas":[3,1]}]}',
      );
      // The journal is locked while that run lives.
      const locked = await runKtool(args);
      assert.equal(locked.code, 1);
      assert.match(locked.stdout, new RegExp(`Another ktool process \\(pid ${first.pid}\\) is executing this plan`));
      first.kill();
      const r1 = await first.done;
      assert.match(r1.stdout, /^Current partition replica assignment\n/);
      assert.equal((r1.stdout.match(/Successfully started/g) ?? []).length, 1);

      // The controller finishes batch 1 while no ktool runs; then --execute again continues.
      assert.equal(await completeInFlight(c.zk), 2);
      const ctl = standIn(c.zk);
      // Stop the stand-in even when the run fails: its loop would keep this file alive forever.
      const r2 = await runKtool(args, { timeoutMs: 90_000 }).finally(() => ctl.stop());
      assert.equal(r2.code, 0, r2.stdout + r2.stderr);
      assert.doesNotMatch(r2.stdout, /Current partition replica assignment/, 'resumed: no new rollback block');
      assert.equal(
        r2.stdout,
        'Successfully started reassignment of partitions {"version":1,"partitions":[{"topic":"auto1","partition":2,"replicas":[1,2]},{"topic":"auto1","partition":3,"replicas":[2,3]}]}\n' +
          'Successfully started reassignment of partitions {"version":1,"partitions":[{"topic":"auto1","partition":4,"replicas":[3,1]}]}\n' +
          'Status of partition reassignment:\n' +
          [0, 1, 2, 3, 4].map((p) => `Reassignment of partition [auto1,${p}] completed successfully\n`).join(''),
      );
      assert.match(r2.stderr, /Reassignment: 5\/5 partitions done/);
      assert.ok(ctl.maxBatch() <= 2, `batch of ${ctl.maxBatch()}`);
      assert.deepEqual(await assignmentOf(c.zk, 'auto1'), { 0: [2, 3], 1: [3, 1], 2: [1, 2], 3: [2, 3], 4: [3, 1] });
      assert.equal(existsSync(journal), false, 'journal removed once everything finished');
      assert.equal(readFileSync(join(dir, 'rb1.json'), 'utf8'), JSON.stringify({ version: 1, partitions: Object.entries(ORIGINAL).map(([p, r]) => ({ topic: 'auto1', partition: Number(p), replicas: r })) }) + '\n');
    } finally {
      await c.close();
    }
  });

  test('--execute --wait --timeout gives up with exit 1; running it again resumes the wait', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      await seedTopic(c.zk, 'auto1', ORIGINAL);
      const plan = file('{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[2,3]}]}');
      const args = ['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'rb-t.json'), '--wait'];
      const r1 = await runKtool([...args, '--timeout', '1']);
      assert.equal(r1.code, 1, r1.stdout + r1.stderr);
      assert.match(r1.stdout, /Successfully started reassignment of partitions .*\nPartitions reassignment failed due to Timed out waiting for batch 1 of 1; run --execute again with the same file to resume\n$/);
      assert.ok(await c.zk.exists(P.REASSIGN_PARTITIONS));
      // Start the controller only once the second run is waiting on the batch it found in flight.
      const run = spawnKtool(args);
      await waitFor('the resumed run to wait', () => run.stderr().includes('Reassignment: 0/1 partitions done'), 15_000);
      const ctl = standIn(c.zk);
      const r2 = await run.done;
      await ctl.stop();
      assert.equal(r2.code, 0, r2.stdout + r2.stderr);
      assert.equal(r2.stdout, 'Status of partition reassignment:\nReassignment of partition [auto1,0] completed successfully\n');
      assert.equal(existsSync(plan + '.ktool-journal.json'), false);
    } finally {
      await c.close();
    }
  });

  test('--cancel restores the original replicas of unfinished partitions (versioned rewrite)', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3], { ktoolDaemon: true }); // --cancel needs ktool daemons (H4)
      await seedTopic(c.zk, 'auto1', ORIGINAL);
      const plan = file('{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[2,3]},{"topic":"auto1","partition":1,"replicas":[3,1]},{"topic":"auto1","partition":4,"replicas":[1,3]}]}');
      const rb = join(dir, 'rb2.json');
      const ex = await runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--rollback-file', rb]);
      assert.equal(ex.code, 0, ex.stdout);
      // The controller finished p0 and rewrote the znode without it.
      const a = decodeTopicAssignment((await c.zk.getData(P.topicPath('auto1'))).data, 'auto1').partitions;
      a.set(0, [2, 3]);
      await c.zk.setData(P.topicPath('auto1'), encodeTopicAssignment(a));
      await c.zk.setData(P.REASSIGN_PARTITIONS, encodeReassignPartitions([{ topic: 'auto1', partition: 1, replicas: [3, 1] }, { topic: 'auto1', partition: 4, replicas: [1, 3] }]));
      const r = await runKtool(['reassign', '--zookeeper', c.connect, '--cancel', '--reassignment-json-file', plan]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.stdout, 'Successfully cancelled reassignment of partitions Set([auto1,1], [auto1,4]): their original replicas are being restored\n');
      assert.equal(
        (await c.zk.getData(P.REASSIGN_PARTITIONS)).data!.toString(),
        '{"version":1,"partitions":[{"topic":"auto1","partition":1,"replicas":[2,3]},{"topic":"auto1","partition":4,"replicas":[2,3]}]}',
      );
      assert.equal((await c.zk.exists(P.REASSIGN_PARTITIONS))!.version, 2);
      // Cancelling again changes nothing (targets already original).
      const again = await runKtool(['reassign', '--zookeeper', c.connect, '--cancel', '--rollback-file', rb]);
      assert.equal(again.code, 0);
      assert.equal((await c.zk.exists(P.REASSIGN_PARTITIONS))!.version, 2);
      // The cancelled run cannot be resumed.
      const resume = await runKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'rb2b.json')]);
      assert.equal(resume.code, 1);
      await completeInFlight(c.zk);
      assert.deepEqual(await assignmentOf(c.zk, 'auto1'), { ...Object.fromEntries(Object.entries(ORIGINAL)), 0: [2, 3] });
      const nothing = await runKtool(['reassign', '--zookeeper', c.connect, '--cancel', '--rollback-file', rb]);
      assert.equal(nothing.code, 0);
      assert.equal(nothing.stdout, 'No partition reassignment is in progress; nothing to restore\n');
      const usage = await runKtool(['reassign', '--zookeeper', c.connect, '--cancel']);
      assert.equal(usage.code, 2);
      const noJournal = await runKtool(['reassign', '--zookeeper', c.connect, '--cancel', '--reassignment-json-file', file(PLAN)]);
      assert.equal(noJournal.code, 1);
      assert.match(noJournal.stdout, /No journal .*pass --rollback-file/);
    } finally {
      await c.close();
    }
  });

  test('--cancel during a batched --execute --wait stops it before the next batch', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3], { ktoolDaemon: true }); // --cancel needs ktool daemons (H4)
      await seedTopic(c.zk, 'auto1', ORIGINAL);
      const plan = file(PLAN);
      const run = spawnKtool(['reassign', '--zookeeper', c.connect, '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'rb3.json'), '--wait', '--batch-size', '2']);
      await waitFor('batch 1 in flight', () => c.zk.exists(P.REASSIGN_PARTITIONS), 15_000);
      const cancel = await runKtool(['reassign', '--zookeeper', c.connect, '--cancel', '--reassignment-json-file', plan]);
      assert.equal(cancel.code, 0, cancel.stdout);
      assert.match(cancel.stdout, /Set\(\[auto1,0\], \[auto1,1\]\)/);
      assert.match(cancel.stdout, /2 remaining batches will not be submitted/);
      const r = await run.done;
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /The reassignment was cancelled; no further batches were submitted\n$/);
      assert.equal(
        (await c.zk.getData(P.REASSIGN_PARTITIONS)).data!.toString(),
        '{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[1,2]},{"topic":"auto1","partition":1,"replicas":[2,3]}]}',
      );
      await completeInFlight(c.zk);
      assert.deepEqual(await assignmentOf(c.zk, 'auto1'), Object.fromEntries(Object.entries(ORIGINAL)));
    } finally {
      await c.close();
    }
  });
});
