// ZooKeeper faults on a real 3-node ensemble: the quorum leader is SIGKILLed while long ktool
// commands run. Each command either completes (reads ride out the reconnect within the session)
// or fails with a clear one-line message; ZooKeeper then holds only whole operations and a rerun
// completes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZkClient, type Op } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { decodeTopicAssignment, encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { decodeReassignPartitions } from '../../src/zk/codecs/reassignPartitions.js';
import { encodePartitionState } from '../../src/zk/codecs/partitionState.js';
import { startEnsemble, waitFor, type ZkEnsemble } from '../helpers/zookeeper.js';
import { registerBrokers } from '../helpers/cluster.js';
import { KTOOL_BIN, runKtool } from '../helpers/ktool.js';
import { spawn } from 'node:child_process';
import { STACK_TRACE } from '../helpers/parallel.js';

/** Kill the current quorum leader once `ready()` holds; returns after the ensemble has a new leader. */
async function killLeaderWhen(ens: ZkEnsemble, ready: () => Promise<boolean>): Promise<number> {
  await waitFor('the command to get going', ready, 120_000, 20);
  const id = await waitFor('a quorum leader', () => ens.leaderId(), 30_000);
  await ens.servers[id - 1]!.kill();
  return id;
}

function spawnKtool(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [KTOOL_BIN, ...args], { env: { ...process.env, NO_COLOR: '1', KTOOL_ZK_CONNECT_TIMEOUT_MS: '30000' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('ZooKeeper faults: the quorum leader dies during long commands', () => {
  let ens: ZkEnsemble;
  let dir: string;
  let zk: ZkClient;
  before(async () => {
    ens = await startEnsemble(3);
    dir = mkdtempSync(join(tmpdir(), 'ktool-faults-'));
    zk = await ZkClient.connect(ens.connect, { sessionTimeoutMs: 30_000 });
    await registerBrokers(zk, [1, 2, 3]);
  });
  after(async () => {
    await zk?.close();
    await ens?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('--create --from-file with 1,000 topics', async () => {
    const N = 1000;
    const file = join(dir, 'topics.json');
    writeFileSync(file, JSON.stringify({ version: 1, topics: Array.from({ length: N }, (_, i) => ({ topic: `z${i}`, partitions: 2, replication_factor: 2 })) }));
    const args = ['topics', '--create', '--from-file', file, '--if-not-exists', '--zookeeper', ens.connect];
    const run = spawnKtool(args);
    const killed = await killLeaderWhen(ens, async () => (await zk.childrenOrEmpty(P.BROKER_TOPICS)).length >= 50);
    const r = await run;
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.out}`);
    assert.doesNotMatch(r.out, STACK_TRACE);
    if (r.code === 1) assert.match(r.out, /Lost the ZooKeeper connection|Unable to connect/);
    const topics = (await zk.childrenOrEmpty(P.BROKER_TOPICS)).sort();
    assert.deepEqual(topics, (await zk.childrenOrEmpty(P.CONFIG_TOPICS)).sort(), 'whole topics only');
    const again = await runKtool(args, { env: { KTOOL_ZK_CONNECT_TIMEOUT_MS: '30000' }, timeoutMs: 180_000 });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal((await zk.childrenOrEmpty(P.BROKER_TOPICS)).length, N);
    console.log(`from-file: leader ${killed} killed; first run exit ${r.code}${r.code ? `: ${r.out.trim().split('\n').pop()}` : ''}`);
    await ens.servers[killed - 1]!.restart();
  });

  test('--describe of 10,000 partitions', async () => {
    const parts = 10_000;
    const assignment = new Map(Array.from({ length: parts }, (_, p) => [p, [(p % 3) + 1, ((p + 1) % 3) + 1]]));
    await zk.multi([{ op: 'create', path: P.topicPath('big'), data: encodeTopicAssignment(assignment) }, { op: 'create', path: P.topicConfigPath('big'), data: '{"version":1,"config":{}}' }]);
    await zk.create(P.topicPartitionsPath('big'));
    for (let from = 0; from < parts; from += 500) {
      const ops: Op[] = [];
      for (let p = from; p < Math.min(parts, from + 500); p++) {
        ops.push({ op: 'create', path: P.partitionPath('big', p) });
        ops.push({ op: 'create', path: P.partitionStatePath('big', p), data: encodePartitionState({ leader: assignment.get(p)![0]!, leaderEpoch: 0, isr: assignment.get(p)!, controllerEpoch: 1 }) });
      }
      await zk.multi(ops);
    }
    const outcomes: number[] = [];
    for (let round = 0; round < 2; round++) {
      const started = Date.now();
      const run = spawnKtool(['topics', '--describe', '--topic', 'big', '--zookeeper', ens.connect]);
      // Kill while the describe is reading (after start-up, before it can have finished).
      const killed = await killLeaderWhen(ens, async () => Date.now() - started > 600 + round * 400);
      const r = await run;
      assert.doesNotMatch(r.out, STACK_TRACE);
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.out.slice(0, 500)}`);
      if (r.code === 0) assert.equal(r.out.split('\n').filter((l) => l.startsWith('\tTopic: big\tPartition:')).length, parts);
      else assert.match(r.out, /ZooKeeper/);
      outcomes.push(r.code);
      await ens.servers[killed - 1]!.restart();
    }
    const again = await runKtool(['topics', '--describe', '--topic', 'big', '--zookeeper', ens.connect], { timeoutMs: 180_000 });
    assert.equal(again.code, 0);
    assert.equal(again.stdout.split('\n').filter((l) => l.startsWith('\tTopic: big\tPartition:')).length, parts);
    console.log(`describe 10,000 partitions under leader kills: exits ${outcomes.join(', ')}`);
  });

  test('reassign --execute --wait of 10,000 partitions (journaled batches)', async () => {
    const parts = 10_000;
    const original = new Map(Array.from({ length: parts }, (_, p) => [p, [(p % 3) + 1, ((p + 1) % 3) + 1]]));
    const target = new Map(Array.from({ length: parts }, (_, p) => [p, [((p + 1) % 3) + 1, ((p + 2) % 3) + 1]]));
    await zk.multi([{ op: 'create', path: P.topicPath('moving'), data: encodeTopicAssignment(original) }, { op: 'create', path: P.topicConfigPath('moving'), data: '{"version":1,"config":{}}' }]);
    const plan = join(dir, 'big-plan.json');
    writeFileSync(plan, JSON.stringify({ version: 1, partitions: [...target].map(([p, r]) => ({ topic: 'moving', partition: p, replicas: r })) }));
    // Kafka's controller reduced to what the tool observes (apply targets, drop the znode); it rides
    // out the leader change like any client, retrying on the next poll.
    let running = true;
    const controller = (async () => {
      while (running) {
        try {
          const r = await zk.tryGetData(P.REASSIGN_PARTITIONS);
          if (r) {
            const t = await zk.getData(P.topicPath('moving'));
            const a = decodeTopicAssignment(t.data, 'moving').partitions;
            for (const e of decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS)) a.set(e.partition, e.replicas);
            await zk.multi([
              { op: 'set', path: P.topicPath('moving'), data: encodeTopicAssignment(a), version: t.stat.version },
              { op: 'remove', path: P.REASSIGN_PARTITIONS, version: r.stat.version },
            ]);
          }
        } catch {
          /* connection trouble or a race: next round */
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const moved = async (): Promise<number> => [...decodeTopicAssignment((await zk.getData(P.topicPath('moving'))).data, 'moving').partitions].filter(([p, r]) => r.join() === target.get(p)!.join()).length;
    const args = ['reassign', '--execute', '--reassignment-json-file', plan, '--wait', '--batch-size', '2500', '--rollback-file', join(dir, 'big-rollback.json'), '--zookeeper', ens.connect];
    try {
      const run = spawnKtool(args);
      const killed = await killLeaderWhen(ens, async () => (await moved()) >= 2500);
      const r = await run;
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.out.slice(-500)}`);
      assert.doesNotMatch(r.out, STACK_TRACE);
      if (r.code === 1) assert.match(r.out, /Lost the ZooKeeper connection|ZooKeeper/);
      const again = await runKtool(args, { env: { KTOOL_ZK_CONNECT_TIMEOUT_MS: '30000' }, timeoutMs: 240_000 });
      assert.equal(again.code, 0, again.stdout.slice(-800) + again.stderr.slice(-800));
      assert.equal(await moved(), parts);
      console.log(`reassign 10,000 partitions: leader ${killed} killed; first run exit ${r.code}${r.code ? `: ${r.out.trim().split('\n').pop()}` : ''}`);
      await ens.servers[killed - 1]!.restart();
    } finally {
      running = false;
      await controller;
    }
  });
});
