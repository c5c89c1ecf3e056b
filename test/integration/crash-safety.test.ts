// Crash safety of every multi-step write: each command is SIGKILLed at >= 30 seeded random points
// (mostly "once ZooKeeper shows k of N steps done", some after a random delay), then ZooKeeper
// must hold only whole operations, and running the same command again must finish the job.
// Each kill point runs in its own chroot so points run side by side. A controller stand-in on the
// real ZooKeeper (apply targets, drop the znode) plays Kafka's controller for the batched writes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZkClient, type Op } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { decodeTopicAssignment, encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { decodeReassignPartitions, encodeReassignPartitions } from '../../src/zk/codecs/reassignPartitions.js';
import { decodeEntityConfig } from '../../src/zk/codecs/entityConfig.js';
import { decodeConfigChange } from '../../src/zk/codecs/configChange.js';
import { decodePartitionList } from '../../src/zk/codecs/partitionList.js';
import { encodePartitionState } from '../../src/zk/codecs/partitionState.js';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';
import { registerBrokers } from '../helpers/cluster.js';
import { runKtool } from '../helpers/ktool.js';
import { inParallel, seededRandom, STACK_TRACE } from '../helpers/parallel.js';
import { runAndKill } from '../helpers/kill-points.js';
import { mapLimit } from '../../src/zk/pipeline.js';

const POINTS = Number(process.env.KTOOL_CRASH_POINTS ?? 30);
const PARALLEL = 4;

interface Point {
  connect: string;
  zk: ZkClient;
  dir: string;
}

interface Scenario {
  /** Units of work the command does (topics, notifications, partitions, batches). */
  total: number;
  seed(p: Point): Promise<void>;
  args(p: Point): string[];
  /** How much of the work ZooKeeper shows as done. */
  progress(p: Point): Promise<number>;
  /** ZooKeeper holds only whole operations (throws otherwise). */
  checkWhole(p: Point): Promise<void>;
  /** The job is done completely, with no duplicates. */
  checkDone(p: Point): Promise<void>;
  /** Runs while the command (and its rerun) runs: the controller stand-in. */
  background?(p: Point): { stop(): Promise<void> };
  /** Fail when no kill point landed with part of the work done (default true). */
  requireMid?: boolean;
}

const assignmentOf = async (zk: ZkClient, topic: string): Promise<Map<number, number[]>> => decodeTopicAssignment((await zk.getData(P.topicPath(topic))).data, topic).partitions;

/** Topics as Kafka's tools leave them (assignment + empty config), in one transaction. */
async function seedTopics(zk: ZkClient, topics: string[], parts: Map<number, number[]>, withState = false): Promise<void> {
  await zk.mkdirp(P.BROKER_TOPICS);
  await zk.mkdirp(P.CONFIG_TOPICS);
  const ops: Op[] = [];
  for (const topic of topics) {
    ops.push({ op: 'create', path: P.topicPath(topic), data: encodeTopicAssignment(parts) });
    ops.push({ op: 'create', path: P.topicConfigPath(topic), data: '{"version":1,"config":{}}' });
    if (withState) {
      ops.push({ op: 'create', path: P.topicPartitionsPath(topic) });
      for (const [p, r] of parts) {
        ops.push({ op: 'create', path: P.partitionPath(topic, p) });
        // Led by the second replica, so a preferred election has something to do.
        ops.push({ op: 'create', path: P.partitionStatePath(topic, p), data: encodePartitionState({ leader: r[1]!, leaderEpoch: 0, isr: r, controllerEpoch: 1 }) });
      }
    }
  }
  await zk.multi(ops);
}
const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const ring = (n: number, rf: number, shift = 0): Map<number, number[]> =>
  new Map(Array.from({ length: n }, (_, p) => [p, Array.from({ length: rf }, (_, j) => ((p + j + shift) % 3) + 1)]));

/** Kafka's controller, reduced to what the tools observe: apply the targets, drop the znode. */
function reassignStandIn(zk: ZkClient): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const r = await zk.tryGetData(P.REASSIGN_PARTITIONS);
        if (r) {
          for (const e of decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS)) {
            const t = await zk.getData(P.topicPath(e.topic));
            const a = decodeTopicAssignment(t.data, e.topic).partitions;
            a.set(e.partition, e.replicas);
            await zk.setData(P.topicPath(e.topic), encodeTopicAssignment(a), t.stat.version);
          }
          await zk.remove(P.REASSIGN_PARTITIONS, r.stat.version);
        }
      } catch {
        /* raced with the tool; next round */
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return { stop: async () => ((running = false), await loop) };
}

/** Partitions the election stand-in has seen elected, per chroot. */
const elected = new Map<string, Set<string>>();
function electionStandIn(p: Point): { stop(): Promise<void> } {
  const seen = elected.get(p.connect) ?? elected.set(p.connect, new Set()).get(p.connect)!;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const r = await p.zk.tryGetData(P.PREFERRED_REPLICA_ELECTION);
        if (r) {
          const list = decodePartitionList(r.data, P.PREFERRED_REPLICA_ELECTION);
          assert.ok(list.length >= 1 && list.length <= 5, `election batch of ${list.length}`);
          for (const tp of list) seen.add(`${tp.topic}-${tp.partition}`);
          await p.zk.remove(P.PREFERRED_REPLICA_ELECTION, r.stat.version);
        }
      } catch {
        /* raced */
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    // Without --wait the tool exits right after writing its last batch: let the stand-in take it.
    stop: async () => {
      await waitFor('the last election batch taken', async () => !(await p.zk.exists(P.PREFERRED_REPLICA_ELECTION)), 30_000).catch(() => undefined);
      running = false;
      await loop;
    },
  };
}

describe('crash safety: SIGKILL at random points leaves whole operations; a rerun finishes', () => {
  let server: ZkServer;
  let dir: string;
  let chroots = 0;
  const counts: Record<string, { points: number; mid: number; before: number; finished: number }> = {};

  before(async () => {
    server = await startZooKeeper();
    dir = mkdtempSync(join(tmpdir(), 'ktool-crash-'));
  });
  after(async () => {
    console.log(`kill points: ${JSON.stringify(counts)}`);
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function newPoint(): Promise<Point> {
    const chroot = `/crash${++chroots}`;
    const root = await ZkClient.connect(server.connect);
    await root.mkdirp(chroot);
    await root.close();
    const zk = await ZkClient.connect(server.connect + chroot);
    // The stand-in controller plays a ktool daemon: --cancel acts only there (H4).
    await registerBrokers(zk, [1, 2, 3], { ktoolDaemon: true });
    const d = join(dir, `p${chroots}`);
    return { connect: server.connect + chroot, zk, dir: mkdtempSync(d) };
  }

  async function runScenario(name: string, s: Scenario, seed: number): Promise<void> {
    const rnd = seededRandom(seed);
    const plans = Array.from({ length: POINTS }, (_, i) =>
      // Every fifth point is a timed kill (it can land before connect, mid-run or after the end);
      // the others kill once k of the N units are visible in ZooKeeper.
      i % 5 === 0 ? { killAfterMs: Math.floor(rnd() * 2500) } : { killAtProgress: 1 + Math.floor(rnd() * Math.max(1, s.total - 1)) },
    );
    const stats = (counts[name] = { points: POINTS, mid: 0, before: 0, finished: 0 });
    await inParallel(plans, PARALLEL, async (plan, i) => {
      const p = await newPoint();
      try {
        await s.seed(p);
        const bg = s.background?.(p);
        try {
          const k = await runAndKill(s.args(p), { ...plan, progress: () => s.progress(p), timeoutMs: 120_000 });
          assert.doesNotMatch(k.result.stdout + k.result.stderr, STACK_TRACE);
          if (k.finished) stats.finished++;
          else if (k.progress <= 0) stats.before++;
          else if (k.progress < s.total) stats.mid++;
          await s.checkWhole(p);
          const again = await runKtool(s.args(p), { timeoutMs: 120_000 });
          assert.equal(again.code, 0, `${name} point ${i} (${JSON.stringify(plan)}, progress ${k.progress}): rerun failed\n${again.stdout}${again.stderr}`);
          assert.doesNotMatch(again.stdout + again.stderr, STACK_TRACE);
        } finally {
          await bg?.stop();
        }
        await s.checkWhole(p);
        await s.checkDone(p);
      } finally {
        await p.zk.close();
      }
    });
    // Pipelined single-transaction writes (from-file, delete) are usually all sent before the first
    // answer arrives, so a kill rarely lands between them; those only report their count.
    if (s.requireMid !== false) assert.ok(stats.mid >= 1, `${name}: no kill point landed mid-run (${JSON.stringify(stats)})`);
  }

  test('topics --create --from-file --if-not-exists (120 topics)', async () => {
    // Enough topics that the pipelined transactions take longer than one progress poll.
    const N = 120;
    const file = join(dir, 'topics.json');
    writeFileSync(file, JSON.stringify({ version: 1, topics: Array.from({ length: N }, (_, i) => ({ topic: `f${i}`, partitions: 3, replication_factor: 2, configs: { 'retention.ms': String(1000 + i) } })) }));
    await runScenario(
      'from-file',
      {
        total: N,
        seed: async () => {},
        requireMid: false,
        args: (p) => ['topics', '--create', '--from-file', file, '--if-not-exists', '--zookeeper', p.connect],
        progress: async (p) => (await p.zk.childrenOrEmpty(P.BROKER_TOPICS)).length,
        checkWhole: async (p) => {
          const topics = (await p.zk.childrenOrEmpty(P.BROKER_TOPICS)).sort();
          const configs = (await p.zk.childrenOrEmpty(P.CONFIG_TOPICS)).sort();
          assert.deepEqual(topics, configs, 'every topic has its config znode and no config is orphaned');
          await mapLimit(topics, 32, async (t) => {
            assert.equal((await assignmentOf(p.zk, t)).size, 3, `${t} has all its partitions`);
            const i = Number(t.slice(1));
            assert.equal(decodeEntityConfig((await p.zk.getData(P.topicConfigPath(t))).data, t).get('retention.ms'), String(1000 + i));
          });
        },
        checkDone: async (p) => assert.equal((await p.zk.childrenOrEmpty(P.BROKER_TOPICS)).length, N),
      },
      901,
    );
  });

  test('topics --alter --config over a regex (80 topics)', async () => {
    const N = 80;
    const notified = async (p: Point): Promise<string[]> => {
      const kids = await p.zk.childrenOrEmpty(P.CONFIG_CHANGES);
      return Promise.all(kids.map(async (c) => decodeConfigChange((await p.zk.getData(`${P.CONFIG_CHANGES}/${c}`)).data, c).entityName));
    };
    await runScenario(
      'alter-config',
      {
        total: N,
        seed: async (p) => {
          await seedTopics(p.zk, names('a', N), ring(2, 2));
          await p.zk.mkdirp(P.CONFIG_CHANGES);
        },
        args: (p) => ['topics', '--alter', '--topic', 'a.*', '--config', 'retention.ms=4242', '--config', 'cleanup.policy=compact', '--zookeeper', p.connect],
        progress: async (p) => (await p.zk.childrenOrEmpty(P.CONFIG_CHANGES)).length,
        checkWhole: async (p) => {
          const told = new Set(await notified(p));
          await mapLimit(names('a', N), 32, async (t) => {
            const c = decodeEntityConfig((await p.zk.getData(P.topicConfigPath(t))).data, t);
            const changed = c.get('retention.ms') === '4242';
            assert.equal(c.get('cleanup.policy') === 'compact', changed, `${t}: both keys of one alter land together`);
            assert.equal(told.has(t), changed, `${t}: a config change has its notification and vice versa`);
          });
        },
        checkDone: async (p) => {
          await mapLimit(names('a', N), 32, async (t) => assert.equal(decodeEntityConfig((await p.zk.getData(P.topicConfigPath(t))).data, t).get('retention.ms'), '4242'));
        },
      },
      902,
    );
  });

  test('topics --delete over a regex (80 topics)', async () => {
    const N = 80;
    await runScenario(
      'delete',
      {
        total: N,
        seed: async (p) => {
          await seedTopics(p.zk, [...names('d', N), 'keep'], ring(1, 1));
        },
        requireMid: false,
        args: (p) => ['topics', '--delete', '--topic', 'd.*', '--zookeeper', p.connect],
        progress: async (p) => (await p.zk.childrenOrEmpty(P.DELETE_TOPICS)).length,
        checkWhole: async (p) => {
          const marked = await p.zk.childrenOrEmpty(P.DELETE_TOPICS);
          assert.ok(!marked.includes('keep'));
          for (const t of marked) assert.ok(await p.zk.exists(P.topicPath(t)), `${t} is marked and exists`);
        },
        checkDone: async (p) => assert.equal((await p.zk.childrenOrEmpty(P.DELETE_TOPICS)).length, N),
      },
      903,
    );
  });

  test('reassign --execute --wait in journaled batches (24 partitions, batches of 4)', async () => {
    const N = 24;
    const original = ring(N, 2);
    const target = ring(N, 2, 1);
    const planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify({ version: 1, partitions: [...target].map(([p, r]) => ({ topic: 'r', partition: p, replicas: r })) }));
    await runScenario(
      'reassign-execute',
      {
        total: N,
        seed: async (p) => seedTopics(p.zk, ['r'], original),
        background: (p) => reassignStandIn(p.zk),
        args: (p) => ['reassign', '--execute', '--reassignment-json-file', planFile, '--wait', '--batch-size', '4', '--rollback-file', join(p.dir, 'rollback.json'), '--journal-file', join(p.dir, 'journal.json'), '--zookeeper', p.connect],
        progress: async (p) => {
          const a = await assignmentOf(p.zk, 'r');
          return [...a].filter(([q, r]) => r.join() === target.get(q)!.join()).length;
        },
        checkWhole: async (p) => {
          const r = await p.zk.tryGetData(P.REASSIGN_PARTITIONS);
          if (r) {
            const list = decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS);
            assert.ok(list.length >= 1 && list.length <= 4, `in-flight batch of ${list.length}`);
            for (const e of list) assert.deepEqual(e.replicas, target.get(e.partition), 'in-flight entries are plan entries');
          }
          for (const [q, rs] of await assignmentOf(p.zk, 'r')) assert.ok(rs.join() === original.get(q)!.join() || rs.join() === target.get(q)!.join(), `partition ${q} is original or target`);
          const journal = join(p.dir, 'journal.json');
          if (existsSync(journal)) JSON.parse(readFileSync(journal, 'utf8'));
          const rollback = join(p.dir, 'rollback.json');
          if (existsSync(rollback)) {
            const rb = JSON.parse(readFileSync(rollback, 'utf8')) as { partitions: Array<{ partition: number; replicas: number[] }> };
            assert.equal(rb.partitions.length, N, 'the rollback file is whole');
          }
        },
        checkDone: async (p) => {
          assert.deepEqual(await assignmentOf(p.zk, 'r'), target);
          assert.equal(await p.zk.exists(P.REASSIGN_PARTITIONS), null);
        },
      },
      904,
    );
  });

  test('reassign --cancel (12 partitions in flight)', async () => {
    const N = 12;
    const original = ring(N, 2);
    const target = ring(N, 2, 1);
    const asList = (m: Map<number, number[]>): Array<{ topic: string; partition: number; replicas: number[] }> => [...m].map(([q, r]) => ({ topic: 'c', partition: q, replicas: r }));
    await runScenario(
      'reassign-cancel',
      {
        // One versioned rewrite: killed before or after it, never between.
        total: 1,
        requireMid: false,
        seed: async (p) => {
          await seedTopics(p.zk, ['c'], original);
          await p.zk.mkdirp(P.ADMIN);
          await p.zk.create(P.REASSIGN_PARTITIONS, encodeReassignPartitions(asList(target)));
          writeFileSync(join(p.dir, 'rollback.json'), JSON.stringify({ version: 1, partitions: asList(original) }));
        },
        args: (p) => ['reassign', '--cancel', '--rollback-file', join(p.dir, 'rollback.json'), '--zookeeper', p.connect],
        progress: async (p) => {
          const r = await p.zk.tryGetData(P.REASSIGN_PARTITIONS);
          return r && decodeReassignPartitions(r.data, '')[0]!.replicas.join() === original.get(0)!.join() ? 1 : 0;
        },
        checkWhole: async (p) => {
          const r = await p.zk.tryGetData(P.REASSIGN_PARTITIONS);
          if (!r) return;
          const json = JSON.stringify(decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS));
          assert.ok(json === JSON.stringify(asList(target)) || json === JSON.stringify(asList(original)), `whole rewrite: ${json}`);
        },
        checkDone: async (p) => {
          // Until a controller acts, the znode names the originals as targets.
          assert.deepEqual(decodeReassignPartitions((await p.zk.getData(P.REASSIGN_PARTITIONS)).data, ''), asList(original));
        },
      },
      905,
    );
  });

  test('preferred-replica-election in batches (30 partitions, batches of 5)', async () => {
    const N = 30;
    await runScenario(
      'election',
      {
        total: N,
        seed: async (p) => seedTopics(p.zk, ['e'], ring(N, 2), true),
        background: (p) => electionStandIn(p),
        args: (p) => ['preferred-replica-election', '--batch-size', '5', '--zookeeper', p.connect],
        progress: async (p) => elected.get(p.connect)?.size ?? 0,
        checkWhole: async (p) => {
          const r = await p.zk.tryGetData(P.PREFERRED_REPLICA_ELECTION);
          if (r) {
            const list = decodePartitionList(r.data, P.PREFERRED_REPLICA_ELECTION);
            assert.ok(list.length >= 1 && list.length <= 5 && list.every((tp) => tp.topic === 'e'), `whole batch: ${JSON.stringify(list)}`);
          }
        },
        checkDone: async (p) => assert.equal(elected.get(p.connect)?.size, N, 'every partition was elected'),
      },
      906,
    );
  });
});
