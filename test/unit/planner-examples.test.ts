// Hand-checked examples of the minimal planner and planStats: exact counts, errors, and the
// decommission / scale-out / RF-change shapes operators run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planMinimal, planStats, PlannerError, type PlanResult, type TopicAssignments } from '../../src/assignment/planner/index.js';

const topic = (parts: number[][]): Map<number, number[]> => new Map(parts.map((r, p) => [p, r]));
const brokers = (...ids: number[]) => ids.map((id) => ({ id }));
const loadsOf = (r: PlanResult, ids: number[]): Array<[number, number, number]> =>
  r.after.filter((l) => ids.includes(l.broker)).map((l) => [l.broker, l.replicas, l.leaders]);

describe('planStats', () => {
  it('counts moves, the bound and per-broker loads of a hand-computed plan', () => {
    const current: TopicAssignments = new Map([['t', topic([[1, 2], [2, 3], [3, 1]])]]);
    const proposed: TopicAssignments = new Map([['t', topic([[1, 4], [3, 2], [4, 1]])]]);
    // p0 gains 4 (1 move), p1 only reorders its replicas (0), p2 gains 4 (1 move).
    // Bound: R = 6, B = 3; A = 2 + 1 + 1 = 4 (broker 3 is not a target); K = min(2,2) + min(2,2) + 0 = 4.
    const s = planStats(current, proposed, brokers(1, 2, 4));
    assert.equal(s.moves, 2);
    assert.equal(s.lowerBound, 2);
    assert.deepEqual(s.before, [
      { broker: 1, replicas: 2, leaders: 1 },
      { broker: 2, replicas: 2, leaders: 1 },
      { broker: 3, replicas: 2, leaders: 1 },
      { broker: 4, replicas: 0, leaders: 0 },
    ]);
    assert.deepEqual(s.after, [
      { broker: 1, replicas: 2, leaders: 1 },
      { broker: 2, replicas: 1, leaders: 0 },
      { broker: 3, replicas: 1, leaders: 1 },
      { broker: 4, replicas: 2, leaders: 1 },
    ]);
  });

  it('takes the RF change into the bound', () => {
    const current: TopicAssignments = new Map([['t', topic([[1], [2], [1], [2]])]]);
    // RF 1 -> 2 on brokers 1, 2: every partition needs its other broker: 4 moves at least.
    assert.equal(planStats(current, current, brokers(1, 2), 2).lowerBound, 4);
  });
});

describe('planMinimal examples', () => {
  it('decommission: moves exactly the departing broker\'s replicas, evenly', () => {
    const current: TopicAssignments = new Map([['t', topic([[1, 2], [2, 3], [3, 1]])]]);
    const r = planMinimal({ current, brokers: brokers(1, 2, 4) });
    assert.equal(r.moves, 2);
    assert.equal(r.lowerBound, 2);
    for (const reps of r.proposed.get('t')!.values()) assert.ok(!reps.includes(3));
    assert.deepEqual(loadsOf(r, [1, 2, 4]), [[1, 2, 1], [2, 2, 1], [4, 2, 1]]);
  });

  it('scale-out: fills the new broker to the floor, a topic\'s share from each topic', () => {
    // Two topics of 12 single-replica partitions, 4 of each per broker; broker 4 joins.
    const layout = (shift: number): number[][] => Array.from({ length: 12 }, (_, p) => [1 + ((p + shift) % 3)]);
    const current: TopicAssignments = new Map([['a', topic(layout(0))], ['b', topic(layout(1))]]);
    const r = planMinimal({ current, brokers: brokers(1, 2, 3, 4) });
    assert.equal(r.moves, 6);
    assert.equal(r.lowerBound, 6);
    assert.deepEqual(loadsOf(r, [1, 2, 3, 4]).map(([, n]) => n), [6, 6, 6, 6]);
    for (const t of ['a', 'b']) {
      const onNew = [...r.proposed.get(t)!.values()].filter((reps) => reps[0] === 4).length;
      assert.equal(onNew, 3, `topic ${t} on broker 4`);
    }
  });

  it('RF increase adds replicas on the least-loaded brokers; decrease drops from the most-loaded for free', () => {
    const up = planMinimal({ current: new Map([['t', topic([[1], [1], [2], [3]])]]), brokers: brokers(1, 2, 3, 4), replicationFactor: 2 });
    assert.equal(up.moves, 4);
    assert.equal(up.lowerBound, 4);
    assert.deepEqual(loadsOf(up, [1, 2, 3, 4]).map(([, n]) => n), [2, 2, 2, 2]);
    assert.deepEqual(loadsOf(up, [1, 2, 3, 4]).map(([, , l]) => l), [1, 1, 1, 1]); // broker 1 hands one lead over

    const current: TopicAssignments = new Map([['t', topic([[1, 2, 3], [1, 2, 4], [1, 3, 4]])]]);
    const down = planMinimal({ current, brokers: brokers(1, 2, 3, 4), replicationFactor: 2 });
    assert.equal(down.moves, 0);
    assert.equal(down.lowerBound, 0);
    for (const [, n] of loadsOf(down, [1, 2, 3, 4])) assert.ok(n >= 1 && n <= 2);
    for (const [p, reps] of down.proposed.get('t')!) assert.ok(reps.every((b) => current.get('t')!.get(p)!.includes(b)));
  });

  it('racks: a partition inside one rack gets a replica in the other rack', () => {
    const current: TopicAssignments = new Map([['t', topic([[1, 2], [3, 4], [2, 3], [4, 1]])]]);
    const racked = [{ id: 1, rack: 'a' }, { id: 2, rack: 'a' }, { id: 3, rack: 'b' }, { id: 4, rack: 'b' }];
    const r = planMinimal({ current, brokers: racked });
    const rackOf = (b: number): string => (b <= 2 ? 'a' : 'b');
    for (const reps of r.proposed.get('t')!.values()) assert.equal(new Set(reps.map(rackOf)).size, 2, `${reps}`);
    assert.equal(r.moves, 2); // one replica each for partitions 0 and 1; 2 and 3 already span both
    const flat = planMinimal({ current, brokers: racked, rackAware: false });
    assert.equal(flat.moves, 0);
    assert.deepEqual(flat.proposed, current);
  });

  it('an RF-1 partition on a departing broker moves, every other partition stays', () => {
    const current: TopicAssignments = new Map([['x', topic([[5], [6], [7], [5]])]]);
    const r = planMinimal({ current, brokers: brokers(6, 7, 8) });
    assert.equal(r.moves, 2);
    assert.deepEqual([...r.proposed.get('x')!.values()].map((reps) => reps.length), [1, 1, 1, 1]);
    assert.deepEqual(r.proposed.get('x')!.get(1), [6]);
    assert.deepEqual(r.proposed.get('x')!.get(2), [7]);
  });

  it('refuses impossible or ambiguous input with a printable message', () => {
    const current: TopicAssignments = new Map([['t', topic([[1, 2, 3]])]]);
    const refuses = (fn: () => unknown, message: string): void => assert.throws(fn, (e: unknown) => e instanceof PlannerError && e.message === message);
    refuses(() => planMinimal({ current, brokers: brokers(1, 2) }), 'replication factor: 3 larger than available brokers: 2');
    refuses(() => planMinimal({ current, brokers: brokers(1, 2), replicationFactor: 3 }), 'replication factor: 3 larger than available brokers: 2');
    refuses(() => planMinimal({ current, brokers: brokers(1, 2, 3), replicationFactor: 0 }), 'replication factor must be larger than 0');
    refuses(() => planMinimal({ current, brokers: brokers(1, 2, 2) }), 'Broker list contains duplicate entries: 2');
    refuses(() => planMinimal({ current, brokers: [] }), 'broker list is empty');
    refuses(
      () => planMinimal({ current, brokers: [{ id: 1, rack: 'a' }, { id: 2 }, { id: 3 }], rackAware: true }),
      'Not all brokers have rack information for replica rack aware assignment',
    );
    // Some racks but not all, rack-awareness not asked for: plans without racks.
    assert.equal(planMinimal({ current, brokers: [{ id: 1, rack: 'a' }, { id: 2 }, { id: 3 }] }).moves, 0);
  });
});
