// Property tests of the minimal reassignment planner on seeded random clusters: racks, uneven
// loads, decommission, scale-out, RF up and down. Constraints must always hold; moves never go
// below the proven bound, equal the exact optimum (min-cost flow, racks included) in every case,
// and reach the bound where lower-bound.ts / minimal.ts say they do.
import { seededRandom } from '../helpers/parallel.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignReplicasToBrokers } from '../../src/assignment/index.js';
import { planMinimal, planStats, type PlannerBroker, type PlanResult, type TopicAssignments } from '../../src/assignment/planner/index.js';

/** Seeded (mulberry32) so every failure is reproducible from its seed. */
const prng = seededRandom;
const intIn = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
function pickDistinct(rnd: () => number, from: number[], n: number, weight: (id: number) => number): number[] {
  const pool = [...from];
  const out: number[] = [];
  while (out.length < n) {
    const total = pool.reduce((s, id) => s + weight(id), 0);
    let x = rnd() * total;
    let i = 0;
    while (i < pool.length - 1 && (x -= weight(pool[i]!)) > 0) i++;
    out.push(pool.splice(i, 1)[0]!);
  }
  return out;
}

type RackMode = 'none' | 'equal' | 'uneven';
interface Scenario {
  current: TopicAssignments;
  brokers: PlannerBroker[];
  replicationFactor?: number;
  rackMode: RackMode;
  /** Current layout came from Kafka's even round-robin (before any broker change). */
  balancedStart: boolean;
}

function randomScenario(seed: number): Scenario {
  const rnd = prng(seed);
  const rackMode: RackMode = (['none', 'equal', 'uneven'] as const)[intIn(rnd, 0, 2)]!;
  const ids = pickDistinct(rnd, Array.from({ length: 40 }, (_, i) => i), intIn(rnd, 3, 12), () => 1).sort((a, b) => a - b);
  // Old brokers: all but the last k; the target list drops some old ones and adds the new ones.
  const nNew = intIn(rnd, 0, Math.min(3, ids.length - 2));
  const old = ids.slice(0, ids.length - nNew);
  const added = ids.slice(ids.length - nNew);
  const gone = rnd() < 0.4 ? pickDistinct(rnd, old, intIn(rnd, 1, Math.max(1, Math.min(2, old.length - 2))), () => 1) : [];
  const targetIds = [...old.filter((id) => !gone.includes(id)), ...added];
  const nRacks = intIn(rnd, 2, 4);
  const rackOf = (id: number, i: number): string | undefined =>
    rackMode === 'none' ? undefined : rackMode === 'equal' ? `r${i % nRacks}` : `r${Math.min(nRacks - 1, Math.floor(rnd() * rnd() * nRacks))}`;
  let targets: PlannerBroker[] = targetIds.map((id, i) => ({ id, rack: rackOf(id, i) }));
  if (rackMode === 'equal') {
    // Equal-sized racks: trim the list to a multiple of the rack count, or one broker per rack.
    if (targets.length >= 2 * nRacks) targets = targets.slice(0, targets.length - (targets.length % nRacks));
    else targets.forEach((b, i) => (b.rack = `r${i}`));
  }
  if (rackMode === 'uneven' && new Set(targets.map((b) => b.rack)).size < 2) targets[0]!.rack = 'rz';

  const balancedStart = rnd() < 0.5;
  const skew = (id: number): number => 1 + (id % 5) * (id % 3);
  const current: TopicAssignments = new Map();
  const maxRf = Math.min(4, old.length, targets.length);
  for (let t = intIn(rnd, 1, 5); t > 0; t--) {
    const parts = intIn(rnd, 1, 40);
    const rf = intIn(rnd, 1, maxRf);
    const topic = `t${t}-${intIn(rnd, 0, 99)}`;
    if (balancedStart) {
      current.set(topic, assignReplicasToBrokers(old.map((id) => ({ id })), parts, rf, { fixedStartIndex: intIn(rnd, 0, old.length - 1) }));
    } else {
      const m = new Map<number, number[]>();
      for (let p = 0; p < parts; p++) m.set(p, pickDistinct(rnd, old, rf, skew));
      current.set(topic, m);
    }
  }
  const rfChoice = rnd();
  const replicationFactor = rfChoice < 0.6 ? undefined : intIn(rnd, 1, Math.min(4, targets.length));
  return { current, brokers: targets, replicationFactor, rackMode, balancedStart };
}

// ---- independent checks -------------------------------------------------------------------

/** Small flow network (edge lists); min-cost max-flow by successive shortest paths (SPFA). */
class Net {
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly next: number[] = [];
  private readonly head: number[];
  constructor(private readonly n: number) {
    this.head = new Array<number>(n).fill(-1);
  }
  edge(u: number, v: number, c: number, w = 0): void {
    for (const [a, b, cc, ww] of [[u, v, c, w], [v, u, 0, -w]] as const) {
      this.to.push(b), this.cap.push(cc), this.cost.push(ww), this.next.push(this.head[a]!);
      this.head[a] = this.to.length - 1;
    }
  }
  /** [flow, cost] from s to t. */
  minCostMaxFlow(s: number, t: number): [number, number] {
    const { n, to, cap, cost, next, head } = this;
    const dist = new Float64Array(n);
    const via = new Int32Array(n);
    const queued = new Uint8Array(n);
    const q = new Int32Array(n + 1); // circular SPFA queue: each node queued at most once at a time
    let flow = 0;
    let total = 0;
    for (;;) {
      dist.fill(Infinity);
      dist[s] = 0;
      q[0] = s;
      let qh = 0;
      let qt = 1;
      while (qh !== qt) {
        const u = q[qh]!;
        qh = (qh + 1) % (n + 1);
        queued[u] = 0;
        for (let e = head[u]!; e >= 0; e = next[e]!) {
          const v = to[e]!;
          if (cap[e]! > 0 && dist[u]! + cost[e]! < dist[v]!) {
            dist[v] = dist[u]! + cost[e]!;
            via[v] = e;
            if (!queued[v]) {
              queued[v] = 1;
              q[qt] = v;
              qt = (qt + 1) % (n + 1);
            }
          }
        }
      }
      if (dist[t] === Infinity) return [flow, total];
      let f = Infinity;
      for (let v = t; v !== s; v = to[via[v]! ^ 1]!) f = Math.min(f, cap[via[v]!]!);
      for (let v = t; v !== s; v = to[via[v]! ^ 1]!) (cap[via[v]!]! -= f), (cap[via[v]! ^ 1]! += f);
      flow += f;
      total += f * dist[t]!;
    }
  }
}

/** Is there a choice of one leader per partition (among its replicas) with every broker leading lo..hi? */
function leadersFeasible(sets: number[][], brokers: number[], lo: number, hi: number): boolean {
  const B = brokers.length;
  const P = sets.length;
  const flow = (bcap: number): number => {
    const net = new Net(2 + B + P);
    brokers.forEach((_, i) => net.edge(0, 2 + i, bcap));
    sets.forEach((reps, p) => {
      for (const id of reps) net.edge(2 + brokers.indexOf(id), 2 + B + p, 1);
      net.edge(2 + B + p, 1, 1);
    });
    return net.minCostMaxFlow(0, 1)[0];
  };
  // Upper and lower bounds are jointly feasible iff each is (semi-matching exchange argument).
  return flow(hi) === P && flow(lo) === B * lo;
}

function checkPlan(sc: Scenario, r: PlanResult, label: string): void {
  const targetIds = sc.brokers.map((b) => b.id);
  const rackOf = new Map(sc.brokers.map((b) => [b.id, b.rack]));
  const rackAware = sc.rackMode !== 'none';
  const nRacks = new Set(sc.brokers.map((b) => b.rack)).size;
  const load = new Map(targetIds.map((id) => [id, 0]));
  const leads = new Map(targetIds.map((id) => [id, 0]));
  const sets: number[][] = [];
  let R = 0;
  for (const [topic, parts] of sc.current) {
    const got = r.proposed.get(topic);
    if (got?.size !== parts.size) assert.fail(`${label}: topic ${topic} missing or partial`);
    for (const [pid, old] of parts) {
      const reps = got.get(pid);
      const rf = sc.replicationFactor ?? old.length;
      if (reps?.length !== rf) assert.fail(`${label}: ${topic}-${pid} missing or wrong RF: ${reps}`);
      if (new Set(reps).size !== reps.length) assert.fail(`${label}: duplicate broker in ${topic}-${pid}: ${reps}`);
      for (const id of reps) if (!load.has(id)) assert.fail(`${label}: ${topic}-${pid} uses non-target broker ${id}`);
      if (rackAware) {
        const spanned: number = new Set(reps.map((id) => rackOf.get(id))).size;
        if (spanned !== Math.min(rf, nRacks)) assert.fail(`${label}: ${topic}-${pid} ${reps} spans ${spanned} racks`);
      }
      reps.forEach((id) => load.set(id, load.get(id)! + 1));
      leads.set(reps[0]!, leads.get(reps[0]!)! + 1);
      sets.push(reps);
      R += rf;
    }
  }
  const B = targetIds.length;
  if (sc.rackMode !== 'uneven') {
    const [lo, hi] = [Math.floor(R / B), Math.ceil(R / B)];
    for (const [id, n] of load) if (n < lo || n > hi) assert.fail(`${label}: broker ${id} holds ${n}, want ${lo}..${hi}`);
  }
  const P = sets.length;
  const mean = P / B;
  const ranges: Array<[number, number]> = [
    [Math.floor(mean), Math.ceil(mean)],
    [Math.max(0, Math.ceil(mean - 1)), Math.floor(mean + 1)],
  ];
  for (const [lo, hi] of ranges) {
    if (!leadersFeasible(sets, targetIds, lo, hi)) continue;
    for (const [id, n] of leads) if (n < lo || n > hi) assert.fail(`${label}: broker ${id} leads ${n}, want ${lo}..${hi} (feasible)`);
    break;
  }
  assert.ok(r.moves >= r.lowerBound, `${label}: moves ${r.moves} < bound ${r.lowerBound}`);
  const stats = planStats(sc.current, r.proposed, sc.brokers, sc.replicationFactor);
  assert.deepEqual({ ...stats }, { moves: r.moves, lowerBound: r.lowerBound, before: r.before, after: r.after }, `${label}: stats`);
}

/**
 * The true minimum number of moves, by min-cost max-flow: source → partition (RF), partition →
 * rack (the rack rule), rack → broker (capacity 1, cost 1 unless the broker holds it now),
 * broker → sink (⌊T/n⌋) and broker → X (1), X → sink (T mod n) for each balance group of n brokers
 * holding T replicas. The capacities add up to R, so a flow of R is exactly a balanced plan and
 * its cost the moves.
 * - Without racks the partition node connects to the brokers directly; one group, T = R.
 * - Rack rule: RF ≤ #racks → at most one replica per rack (capacity 1). RF > #racks → at least one
 *   per rack: a capacity-1 edge of cost −BIG (so every such edge fills when possible; BIG is
 *   added back and the fill is asserted) plus RF − #racks more at cost 0.
 * - Groups: all brokers without racks or with equal-sized racks (T = R: ⌊R/B⌋..⌈R/B⌉ each). With
 *   uneven racks the rule itself limits what a rack can hold and the planner picks rack totals
 *   (targets.ts): each rack's total in the plan gives its brokers a range ⌊T/n⌋..⌈T/n⌉, racks
 *   with the same range form one group, and the optimum is over every placement meeting those
 *   ranges (the plan is one of them, so optimum ≤ moves holds by construction; equality is the
 *   claim).
 * Small instances only (successive shortest paths).
 */
function exactMinMoves(sc: Scenario, plan?: PlanResult): number {
  const ids = sc.brokers.map((b) => b.id);
  const parts = [...sc.current.values()].flatMap((m) => [...m.values()]);
  const B = ids.length;
  const P = parts.length;
  const rfOf = (reps: number[]): number => sc.replicationFactor ?? reps.length;
  const R = parts.reduce((n, reps) => n + rfOf(reps), 0);
  const rackAware = sc.rackMode !== 'none';
  const racks = rackAware ? [...new Set(sc.brokers.map((b) => b.rack!))].sort() : [''];
  const G = racks.length;
  const rackOf = ids.map((_, b) => (rackAware ? racks.indexOf(sc.brokers[b]!.rack!) : 0));
  // Balance groups: [members, total replicas]. Uneven racks: each rack's total in the plan gives
  // its brokers a range ⌊T/n⌋..⌈T/n⌉; racks with the same range form one group.
  let groups: Array<[number[], number]> = [[ids.map((_, b) => b), R]];
  if (sc.rackMode === 'uneven') {
    const byRange = new Map<string, [number[], number]>();
    racks.forEach((_, g) => {
      const members = ids.map((_, b) => b).filter((b) => rackOf[b] === g);
      const total = members.reduce((n, b) => n + plan!.after.find((l) => l.broker === ids[b])!.replicas, 0);
      const key = `${Math.floor(total / members.length)}-${Math.ceil(total / members.length)}`;
      const into = byRange.get(key) ?? byRange.set(key, [[], 0]).get(key)!;
      into[0].push(...members);
      into[1] += total;
    });
    groups = [...byRange.values()];
  }
  const BIG = 10_000;
  // 0 source, 1 sink, partitions, partition×rack, brokers, one X per group
  const pr = (p: number, g: number): number => 2 + P + p * G + g;
  const br = (b: number): number => 2 + P + P * G + b;
  const net = new Net(2 + P + P * G + B + groups.length);
  let forced = 0;
  parts.forEach((reps, p) => {
    const rf = rfOf(reps);
    net.edge(0, 2 + p, rf);
    for (let g = 0; g < G; g++) {
      if (!rackAware || rf <= G) net.edge(2 + p, pr(p, g), rackAware ? 1 : rf);
      else {
        net.edge(2 + p, pr(p, g), 1, -BIG);
        net.edge(2 + p, pr(p, g), rf - G);
        forced++;
      }
    }
    ids.forEach((id, b) => net.edge(pr(p, rackOf[b]!), br(b), 1, reps.includes(id) ? 0 : 1));
  });
  groups.forEach(([members, total], i) => {
    const x = 2 + P + P * G + B + i;
    const [floor, extra] = [Math.floor(total / members.length), total % members.length];
    for (const b of members) {
      net.edge(br(b), 1, floor);
      if (extra > 0) net.edge(br(b), x, 1);
    }
    if (extra > 0) net.edge(x, 1, extra);
  });
  const [flow, cost] = net.minCostMaxFlow(0, 1);
  assert.equal(flow, R, 'a balanced plan exists');
  const moves = cost + forced * BIG;
  assert.ok(moves >= 0 && moves <= R, `every rack got its forced replica (cost ${cost}, forced ${forced})`);
  return moves;
}

/** RF unchanged and every partition's RF below half the target brokers. */
function rfKeptWithRoom(sc: Scenario): boolean {
  if (sc.replicationFactor !== undefined) return false;
  for (const parts of sc.current.values()) for (const reps of parts.values()) if (2 * reps.length >= sc.brokers.length) return false;
  return true;
}

describe('planner properties (seeded random clusters)', () => {
  it('meets every constraint and never beats the bound', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const sc = randomScenario(seed);
      const r = planMinimal({ current: sc.current, brokers: sc.brokers, replicationFactor: sc.replicationFactor });
      checkPlan(sc, r, `seed ${seed}`);
    }
  });

  it('moves equal the exact min-cost-flow optimum in every case, racks included; the bound where claimed', () => {
    const exercised = { none: 0, equal: 0, uneven: 0, rfChanged: 0 };
    let atBound = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const sc = randomScenario(seed);
      const r = planMinimal({ current: sc.current, brokers: sc.brokers, replicationFactor: sc.replicationFactor });
      const opt = exactMinMoves(sc, r);
      assert.ok(r.lowerBound <= opt, `seed ${seed} (${sc.rackMode}): bound ${r.lowerBound} > optimum ${opt}`);
      assert.equal(r.moves, opt, `seed ${seed} (${sc.rackMode} racks, RF ${sc.replicationFactor ?? 'kept'}): moves vs exact optimum (bound ${r.lowerBound})`);
      exercised[sc.rackMode]++;
      if (sc.replicationFactor !== undefined) exercised.rfChanged++;
      if (sc.rackMode === 'none' && rfKeptWithRoom(sc)) {
        assert.equal(r.moves, r.lowerBound, `seed ${seed}: moves vs bound`);
        atBound++;
      }
    }
    assert.ok(exercised.none > 50 && exercised.equal > 50 && exercised.uneven > 50 && exercised.rfChanged > 50 && atBound > 30, `too few scenarios exercised: ${JSON.stringify(exercised)}, ${atBound} at bound`);
  });

  it('racks a:{0,1} b:{2,3} c:{4,5}, 18 partitions RF 3, decommission broker 5: 9 moves (the bound)', () => {
    const rackOf = ['a', 'a', 'b', 'b', 'c', 'c'];
    const all = rackOf.map((rack, id) => ({ id, rack }));
    const current: TopicAssignments = new Map([['t', assignReplicasToBrokers(all, 18, 3, { fixedStartIndex: 0 })]]);
    const sc: Scenario = { current, brokers: all.filter((b) => b.id !== 5), rackMode: 'uneven', balancedStart: true };
    const r = planMinimal({ current, brokers: sc.brokers });
    checkPlan(sc, r, 'decommission 5');
    assert.equal(r.lowerBound, 9);
    assert.equal(r.moves, 9);
    assert.equal(exactMinMoves(sc, r), 9);
  });

  it('is deterministic and ignores Map insertion order', () => {
    for (let seed = 500; seed < 540; seed++) {
      const sc = randomScenario(seed);
      const a = planMinimal({ current: sc.current, brokers: sc.brokers, replicationFactor: sc.replicationFactor });
      const reversed: TopicAssignments = new Map(
        [...sc.current].reverse().map(([t, parts]) => [t, new Map([...parts].reverse())]),
      );
      const b = planMinimal({ current: reversed, brokers: [...sc.brokers].reverse(), replicationFactor: sc.replicationFactor });
      assert.deepEqual(b, a, `seed ${seed}`);
    }
  });

  it('RF decrease of a balanced cluster without racks drops replicas and moves nothing', () => {
    for (let seed = 600; seed < 640; seed++) {
      const rnd = prng(seed);
      const ids = Array.from({ length: intIn(rnd, 3, 10) }, (_, i) => i * 2 + 1);
      const rf = intIn(rnd, 2, Math.min(4, ids.length));
      const current: TopicAssignments = new Map();
      for (let t = 0; t < 3; t++) current.set(`t${t}`, assignReplicasToBrokers(ids.map((id) => ({ id })), intIn(rnd, 5, 60), rf, { fixedStartIndex: intIn(rnd, 0, ids.length - 1) }));
      const sc: Scenario = { current, brokers: ids.map((id) => ({ id })), replicationFactor: intIn(rnd, 1, rf - 1), rackMode: 'none', balancedStart: true };
      const r = planMinimal({ current, brokers: sc.brokers, replicationFactor: sc.replicationFactor });
      checkPlan(sc, r, `seed ${seed}`);
      assert.equal(r.lowerBound, 0);
      assert.equal(r.moves, 0, `seed ${seed}`);
    }
  });

  it('leaves an already balanced cluster exactly as it is', () => {
    for (let seed = 700; seed < 740; seed++) {
      const rnd = prng(seed);
      const n = intIn(rnd, 2, 9);
      const racks = rnd() < 0.5 && n % 2 === 0; // equal racks: Kafka's layout is then exactly even
      const brokers = Array.from({ length: n }, (_, i) => ({ id: 10 + i, rack: racks ? `r${i % 2}` : undefined }));
      const rf = intIn(rnd, 1, Math.min(3, n));
      // One topic with n·k partitions from Kafka's round robin: replicas and leaders exactly even.
      const current: TopicAssignments = new Map([['even', assignReplicasToBrokers(brokers, n * intIn(rnd, 1, 5), rf, { fixedStartIndex: intIn(rnd, 0, n - 1) })]]);
      const r = planMinimal({ current, brokers });
      assert.equal(r.moves, 0, `seed ${seed}`);
      assert.deepEqual(r.proposed, current, `seed ${seed}`);
    }
  });
});
