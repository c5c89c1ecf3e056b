// Differential suite: one admin story played on a real Kafka 0.9.0.1 cluster and on ktool daemons
// (brokers 1, 2, 3 on each side, one ZooKeeper server, a chroot per side, the same session timeout).
// After every step both sides must converge (deadline, never a fixed sleep) to the same replicas,
// leader and ISR set for every partition, the same topics and configs, and the same pending admin
// znodes.
//
// Choices that make Kafka 0.9 deterministic (documented per step below):
// - auto.leader.rebalance.enable=false on both sides: Kafka's first rebalance check runs 5 s after
//   election and would move leaders in the middle of whatever step is running then.
// - replica.lag.time.max.ms=60000 on both sides, longer than a step's deadline: only the controller's
//   decisions (§5.2, §7.1) can settle a step, never a leader's lag check undoing a wrong ISR later.
// - Broker 1 starts first on both sides and is never killed, so it stays the controller.
// - Killed brokers return one at a time: when two return together, whether Kafka's controller sees
//   them in one broker-change event decides which one an unclean election picks.
// - The add-partitions step runs on a topic whose partitions all have the same replica count:
//   after the reassignment step `diff` has unequal counts, which Kafka 0.9 accepts but ktool topics
//   refuses (issue "Never harm a real cluster"), so that case is not a controller difference.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';
import { startKafkaBroker, kafkaHome, type KafkaBroker } from '../helpers/kafka.js';
import { startDaemon, stopAll, type Daemon } from '../helpers/daemons.js';
import { freshChroot } from '../helpers/cluster.js';
import { ZkClient } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { readAssignments, readPartitionStates } from '../../src/zk/readers.js';
import { encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';

const IDS = [1, 2, 3] as const;
const SESSION_TIMEOUT_MS = 6000;
const LAG_MS = 60_000;
const KAFKA_PROPS = { 'zookeeper.session.timeout.ms': SESSION_TIMEOUT_MS, 'auto.leader.rebalance.enable': false, 'replica.lag.time.max.ms': LAG_MS };
const DAEMON_CONFIG = {
  'zookeeper.session.timeout.ms': String(SESSION_TIMEOUT_MS),
  'auto.leader.rebalance.enable': 'false',
  'replica.lag.time.max.ms': String(LAG_MS),
  'controlled.shutdown.enable': 'false', // brokers here only ever die by kill -9
};
// Below the 60 s lag allowance (see the header), far above what a healthy step needs (~1-7 s).
const STEP_DEADLINE_MS = 55_000;

interface Broker {
  kill(): Promise<void>;
  stop(): Promise<void>;
}

interface Side {
  name: string;
  connect: string;
  zk: ZkClient;
  brokers: Map<number, Broker>;
  start(id: number): Promise<void>;
}

function kafkaSide(connect: string, zk: ZkClient): Side {
  const side: Side = {
    name: 'Kafka 0.9.0.1',
    connect,
    zk,
    brokers: new Map(),
    async start(id) {
      const b: KafkaBroker = await startKafkaBroker({ zkConnect: connect, brokerId: id, extraProps: KAFKA_PROPS });
      side.brokers.set(id, { kill: () => b.kill(), stop: () => b.kill() });
    },
  };
  return side;
}

function daemonSide(connect: string, zk: ZkClient): Side {
  const daemons = new Map<number, Daemon>();
  const side: Side = {
    name: 'ktool daemons',
    connect,
    zk,
    brokers: new Map(),
    async start(id) {
      // The old registration must be gone first (a live one makes a duplicate id exit 1).
      await waitFor(`old registration of daemon ${id} gone`, async () => !(await zk.exists(P.brokerPath(id))), 30_000, 100);
      // Generous: Kafka's JVMs start next to us on a loaded 2-core machine.
      const d = await startDaemon({ zkConnect: connect, brokerId: id, config: DAEMON_CONFIG, dataDir: daemons.get(id)?.dataDir, timeoutMs: 90_000 });
      daemons.set(id, d);
      side.brokers.set(id, { kill: () => d.kill('SIGKILL'), stop: () => stopAll([d]) });
    },
  };
  return side;
}

interface PartitionView {
  replicas: number[];
  leader: number | null;
  isr: number[] | null;
}

interface Snapshot {
  topics: Record<string, Record<string, PartitionView>>;
  configs: string[];
  reassign: string | null;
  preferred: boolean;
  deleting: string[];
}

const sorted = (l: readonly number[]): number[] => [...l].sort((a, b) => a - b);

async function snapshot(zk: ZkClient): Promise<Snapshot> {
  const topics = sorted0(await zk.childrenOrEmpty(P.BROKER_TOPICS));
  const assignments = await readAssignments(zk, topics);
  const out: Snapshot['topics'] = {};
  for (const [topic, a] of assignments) {
    const parts = [...a.partitions.keys()].sort((x, y) => x - y);
    const states = await readPartitionStates(zk, parts.map((partition) => ({ topic, partition })));
    out[topic] = {};
    parts.forEach((p, i) => {
      const s = states[i];
      out[topic]![String(p)] = { replicas: a.partitions.get(p)!, leader: s ? s.leader : null, isr: s ? sorted(s.isr) : null };
    });
  }
  const r = await zk.tryGetData(P.REASSIGN_PARTITIONS);
  return {
    topics: out,
    configs: sorted0(await zk.childrenOrEmpty(P.CONFIG_TOPICS)),
    reassign: r ? normalizeReassign(r.data) : null,
    preferred: (await zk.exists(P.PREFERRED_REPLICA_ELECTION)) !== null,
    deleting: sorted0(await zk.childrenOrEmpty(P.DELETE_TOPICS)),
  };
}

function sorted0(l: string[]): string[] {
  return [...l].sort();
}

/** Pending reassignments as sorted "topic-partition:replicas" (the two controllers may order them differently). */
function normalizeReassign(data: Buffer | null): string {
  const j = JSON.parse(data?.toString('utf8') ?? '{}') as { partitions?: Array<{ topic: string; partition: number; replicas: number[] }> };
  return (j.partitions ?? []).map((p) => `${p.topic}-${p.partition}:${p.replicas.join(',')}`).sort().join(' ');
}

/**
 * Settled for the live brokers `live`: no admin work pending, every partition has a state; a led
 * partition has a live leader and ISR = its live replicas (followers here catch up at once, there
 * is no data); a leaderless one lists no live broker in its ISR (empty, or the last member kept).
 */
function settledProblem(s: Snapshot, live: ReadonlySet<number>): string | null {
  if (s.reassign !== null) return `reassignment pending: ${s.reassign}`;
  if (s.preferred) return 'preferred replica election pending';
  if (s.deleting.length) return `deletion pending: ${s.deleting.join(',')}`;
  for (const [topic, parts] of Object.entries(s.topics)) {
    for (const [p, v] of Object.entries(parts)) {
      const where = `${topic}-${p} ${JSON.stringify(v)}`;
      if (v.leader === null || v.isr === null) return `${where}: no state`;
      const liveReplicas = sorted(v.replicas.filter((r) => live.has(r)));
      if (v.leader >= 0) {
        if (!live.has(v.leader)) return `${where}: leader not live`;
        if (v.isr.join() !== liveReplicas.join()) return `${where}: ISR is not the live replicas ${liveReplicas.join(',')}`;
      } else if (v.isr.some((r) => live.has(r))) return `${where}: leaderless with a live ISR member`;
    }
  }
  return null;
}

describe('controller differential: Kafka 0.9.0.1 and ktool daemons play the same admin story', { timeout: 420_000 }, () => {
  let server: ZkServer;
  let kafka: Side;
  let ktool: Side;
  const closers: Array<() => Promise<void>> = [];
  const live = new Set<number>(IDS);
  let step = 0;

  before(async () => {
    kafkaHome();
    server = await startZooKeeper();
    const a = await freshChroot(server);
    const b = await freshChroot(server);
    closers.push(a.close, b.close);
    kafka = kafkaSide(a.connect, a.zk);
    ktool = daemonSide(b.connect, b.zk);
    // Broker 1 first on each side: it becomes (and stays) the controller.
    await Promise.all([kafka.start(1), ktool.start(1)]);
    await Promise.all([...IDS.slice(1).map((id) => kafka.start(id)), ...IDS.slice(1).map((id) => ktool.start(id))]);
  });

  after(async () => {
    const hold = setInterval(() => undefined, 1000);
    try {
      await Promise.all([kafka, ktool].flatMap((s) => (s ? [...s.brokers.values()].map((b) => b.stop().catch(() => undefined)) : [])));
      for (const c of closers) await c().catch(() => undefined);
      await server?.stop();
    } finally {
      clearInterval(hold);
    }
  });

  /** Apply the same ZooKeeper writes on both sides. */
  async function both(fn: (zk: ZkClient) => Promise<unknown>): Promise<void> {
    await Promise.all([fn(kafka.zk), fn(ktool.zk)]);
  }

  /** Wait until both sides have settled (and `extra` holds), then require identical snapshots. */
  async function converge(what: string, extra: (s: Snapshot) => string | null = () => null): Promise<Snapshot> {
    step++;
    let last: Record<string, string | null> = {};
    try {
      return await waitFor(`step ${step} (${what}) to converge`, async () => {
        const [k, d] = await Promise.all([snapshot(kafka.zk), snapshot(ktool.zk)]);
        last = { [kafka.name]: settledProblem(k, live) ?? extra(k), [ktool.name]: settledProblem(d, live) ?? extra(d) };
        if (last[kafka.name] || last[ktool.name]) return null;
        assert.deepEqual(d, k, `step ${step} (${what}): ktool daemons differ from Kafka 0.9.0.1`);
        return k;
      }, STEP_DEADLINE_MS, 200);
    } catch (err) {
      const [k, d] = await Promise.all([snapshot(kafka.zk), snapshot(ktool.zk)]);
      throw new Error(`${(err as Error).message}\nnot settled: ${JSON.stringify(last)}\nKafka: ${JSON.stringify(k)}\nktool: ${JSON.stringify(d)}`);
    }
  }

  async function kill(id: number): Promise<void> {
    live.delete(id);
    await Promise.all([kafka.brokers.get(id)!.kill(), ktool.brokers.get(id)!.kill()]);
  }

  async function revive(id: number): Promise<void> {
    await Promise.all([kafka.start(id), ktool.start(id)]);
    live.add(id);
  }

  const DIFF: Record<string, number[]> = { '0': [1, 2, 3], '1': [2, 3, 1], '2': [3, 1, 2], '3': [1, 2], '4': [2, 3], '5': [3, 1] };
  // unclean.leader.election.enable=false: the last ISR member stays in the ISR when it dies.
  const STRICT: Record<string, number[]> = { '0': [2, 3], '1': [3, 2] };

  const leaderOf = (s: Snapshot, t: string, p: number): number | null | undefined => s.topics[t]?.[String(p)]?.leader;

  it('plays create, failures, returns, preferred election, reassignment, add partitions, reassignment onto a dead broker and delete identically', async () => {
    // 1. Create with a manual assignment (what kafka-topics.sh --replica-assignment writes).
    await both((zk) =>
      zk.multi([
        { op: 'create', path: P.topicConfigPath('diff'), data: '{"version":1,"config":{}}' },
        { op: 'create', path: P.topicPath('diff'), data: encodeTopicAssignment(new Map(Object.entries(DIFF).map(([p, r]) => [Number(p), r]))) },
        { op: 'create', path: P.topicConfigPath('strict'), data: '{"version":1,"config":{"unclean.leader.election.enable":"false"}}' },
        { op: 'create', path: P.topicPath('strict'), data: encodeTopicAssignment(new Map(Object.entries(STRICT).map(([p, r]) => [Number(p), r]))) },
      ]),
    );
    let s = await converge('create', (x) => (Object.keys(x.topics).length === 2 ? null : 'topics missing'));
    assert.deepEqual(s.topics.diff!['2'], { replicas: [3, 1, 2], leader: 3, isr: [1, 2, 3] });

    // 2. kill -9 of broker 3: a follower of diff-0/1/3?/4 and leader of diff-2, diff-5, strict-1.
    await kill(3);
    s = await converge('kill -9 broker 3');
    assert.deepEqual(s.topics.diff!['4'], { replicas: [2, 3], leader: 2, isr: [2] });

    // 3. kill -9 of broker 2 too: diff-4 and strict have no live ISR replica (or none at all).
    await kill(2);
    s = await converge('kill -9 broker 2');
    assert.deepEqual(s.topics.diff!['4'], { replicas: [2, 3], leader: -1, isr: [] }, 'unclean election enabled: ISR emptied');
    assert.deepEqual(s.topics.strict!['0'], { replicas: [2, 3], leader: -1, isr: [2] }, 'unclean election disabled: last ISR member kept');

    // 4. Brokers return, one at a time (see the header).
    await revive(2);
    s = await converge('broker 2 returns');
    assert.deepEqual(s.topics.diff!['4'], { replicas: [2, 3], leader: 2, isr: [2] });
    await revive(3);
    s = await converge('broker 3 returns');
    assert.equal(leaderOf(s, 'diff', 2), 1, 'diff-2 still led by 1 before the preferred election');

    // 5. Preferred replica election for every partition.
    const all = [...Object.keys(DIFF).map((p) => ({ topic: 'diff', partition: Number(p) })), ...Object.keys(STRICT).map((p) => ({ topic: 'strict', partition: Number(p) }))];
    await both((zk) => zk.create(P.PREFERRED_REPLICA_ELECTION, JSON.stringify({ version: 1, partitions: all })));
    s = await converge('preferred replica election', (x) =>
      all.every(({ topic, partition }) => leaderOf(x, topic, partition) === x.topics[topic]![String(partition)]!.replicas[0]) ? null : 'not all preferred leaders',
    );

    // 6. A reassignment that shrinks (diff-0), grows (diff-3) and moves (diff-4, whose leader 2 must move).
    const moves = [
      { topic: 'diff', partition: 0, replicas: [2, 1] },
      { topic: 'diff', partition: 3, replicas: [1, 2, 3] },
      { topic: 'diff', partition: 4, replicas: [1, 3] },
    ];
    await both((zk) => zk.create(P.REASSIGN_PARTITIONS, JSON.stringify({ version: 1, partitions: moves })));
    s = await converge('reassignment', (x) => (moves.every((m) => x.topics.diff?.[String(m.partition)]?.replicas.join() === m.replicas.join()) ? null : 'assignment not final'));
    assert.equal(leaderOf(s, 'diff', 4), 1);

    // 7. Add a partition to `strict` (equal replica counts; see the header for why not `diff`).
    const strict3 = new Map<number, number[]>([...Object.entries(STRICT).map(([p, r]) => [Number(p), r] as [number, number[]]), [2, [1, 3]]]);
    await both((zk) => zk.setData(P.topicPath('strict'), encodeTopicAssignment(strict3)));
    s = await converge('add partitions', (x) => (x.topics.strict?.['2'] ? null : 'strict-2 missing'));
    assert.deepEqual(s.topics.strict!['2'], { replicas: [1, 3], leader: 1, isr: [1, 3] });

    // 8. A reassignment onto a dead broker (refused and removed by the controller, Kafka 0.9 §9.2)
    //    next to a valid one in the same request; then that broker returns.
    await kill(3);
    await converge('kill -9 broker 3 again');
    const onto = [
      { topic: 'diff', partition: 0, replicas: [3, 1] },
      { topic: 'diff', partition: 1, replicas: [1, 2] },
    ];
    await both((zk) => zk.create(P.REASSIGN_PARTITIONS, JSON.stringify({ version: 1, partitions: onto })));
    s = await converge('reassignment onto dead broker 3', (x) => (x.topics.diff?.['1']?.replicas.join() === '1,2' ? null : 'diff-1 not moved'));
    assert.deepEqual(s.topics.diff!['0']!.replicas, [2, 1], 'the move onto a dead broker was not started');
    await revive(3);
    await converge('broker 3 returns again');

    // 9. Delete a topic.
    await both((zk) => zk.create(P.deleteTopicPath('diff'), ''));
    s = await converge('delete', (x) => (x.topics.diff || x.configs.includes('diff') ? 'diff not deleted yet' : null));
    assert.deepEqual(Object.keys(s.topics), ['strict']);
  });
});
