// V5 (§3.6): Kafka's rack-aware property tests, checked for every start index and shift where Kafka
// draws them at random, plus round-robin properties of the rack-unaware algorithm.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assignAddedPartitions,
  assignReplicasToBrokers,
  type Assignment,
  type BrokerInfo,
} from '../../src/assignment/index.js';

interface Row {
  racks: Record<number, string>;
  partitions: number;
  rf: number;
  fixed?: number; // undefined = Kafka draws at random → every (start, shift) pair is checked
  startPartitionId?: number;
  rackAware?: boolean; // replicas span rf distinct racks
  leaders?: boolean; // each broker leads partitions/brokers
  replicas?: boolean; // each broker holds partitions*rf/brokers
  spansRacks?: number; // every partition spans exactly this many racks
}

const R6 = { 0: 'r1', 1: 'r2', 2: 'r2', 3: 'r3', 4: 'r3', 5: 'r1' };
const ALL = { rackAware: true, leaders: true, replicas: true };
const ROWS: Row[] = [
  { racks: R6, partitions: 6, rf: 3, fixed: 2, ...ALL },
  { racks: R6, partitions: 6, rf: 3, ...ALL },
  { racks: R6, partitions: 13, rf: 3, fixed: 0, rackAware: true },
  { racks: { 0: 'r1', 1: 'r1', 2: 'r2', 3: 'r3', 4: 'r3', 5: 'r1' }, partitions: 12, rf: 3, rackAware: true, leaders: true },
  { racks: R6, partitions: 12, rf: 2, ...ALL },
  { racks: { 6: 'r1', 7: 'r2', 8: 'r2', 9: 'r3', 10: 'r3', 11: 'r1' }, partitions: 12, rf: 2, startPartitionId: 12, ...ALL },
  { racks: R6, partitions: 6, rf: 2, ...ALL },
  { racks: { 0: 'r1', 1: 'r2', 4: 'r3' }, partitions: 3, rf: 2, ...ALL },
  {
    racks: { 0: 'r1', 1: 'r2', 2: 'r2', 3: 'r3', 4: 'r3', 5: 'r1', 6: 'r1', 7: 'r2', 8: 'r2', 9: 'r3', 10: 'r1', 11: 'r3' },
    partitions: 96, rf: 3, ...ALL,
  },
  { racks: { 0: 'r1', 1: 'r2', 2: 'r2', 3: 'r3', 4: 'r3', 5: 'r2' }, partitions: 6, rf: 5, spansRacks: 3 },
  { racks: { 0: 'r1', 1: 'r2', 2: 'r2', 3: 'r3', 4: 'r3', 5: 'r2' }, partitions: 6, rf: 2, spansRacks: 2 },
  { racks: { 0: 'r1', 1: 'r1', 2: 'r1', 3: 'r1', 4: 'r1', 5: 'r1' }, partitions: 6, rf: 3, spansRacks: 1, leaders: true },
  { racks: { 0: 'a', 1: 'b', 2: 'c', 3: 'a', 4: 'a' }, partitions: 6, rf: 4, fixed: 2 },
];

const racked = (spec: Record<number, string>): BrokerInfo[] =>
  Object.entries(spec).map(([id, rack]) => ({ id: Number(id), rack }));

function counts(values: number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function check(row: Row, a: Assignment, label: string): void {
  const ids = Object.keys(row.racks).map(Number);
  const first = row.startPartitionId ?? 0;
  assert.deepEqual([...a.keys()], Array.from({ length: row.partitions }, (_, i) => first + i), `${label}: partition ids`);
  for (const [p, replicas] of a) {
    assert.equal(replicas.length, row.rf, `${label} p${p}: rf`);
    assert.equal(new Set(replicas).size, row.rf, `${label} p${p}: duplicate broker in ${replicas}`);
    const racks = new Set(replicas.map((b) => row.racks[b]));
    if (row.rackAware) assert.equal(racks.size, row.rf, `${label} p${p}: racks of ${replicas}`);
    if (row.spansRacks !== undefined) assert.equal(racks.size, row.spansRacks, `${label} p${p}: racks of ${replicas}`);
  }
  const even = (c: Map<number, number>, per: number, what: string): void => {
    for (const id of ids) assert.equal(c.get(id) ?? 0, per, `${label}: broker ${id} ${what}`);
  };
  if (row.leaders) even(counts([...a.values()].map((r) => r[0]!)), row.partitions / ids.length, 'leader count');
  if (row.replicas) even(counts([...a.values()].flat()), (row.partitions * row.rf) / ids.length, 'replica count');
}

describe('assignment properties (V5)', () => {
  for (const row of ROWS) {
    const name = `${JSON.stringify(row.racks)} parts ${row.partitions} rf ${row.rf} ${row.fixed === undefined ? 'every start/shift' : `fixed ${row.fixed}`}${row.startPartitionId ? ` startPartitionId ${row.startPartitionId}` : ''}`;
    it(name, () => {
      const brokers = racked(row.racks);
      const n = brokers.length;
      const starts = row.fixed === undefined ? [...Array(n).keys()] : [row.fixed];
      let checked = 0;
      for (const start of starts) {
        const shifts = row.fixed === undefined ? [...Array(n).keys()] : [row.fixed];
        for (const shift of shifts) {
          const a = assignReplicasToBrokers(brokers, row.partitions, row.rf, {
            fixedStartIndex: start, nextReplicaShift: shift, startPartitionId: row.startPartitionId,
          });
          check(row, a, `start ${start} shift ${shift}`);
          checked++;
        }
      }
      assert.equal(checked, starts.length ** 2);
    });
  }
  it('random draws (no options) still satisfy the row properties', () => {
    for (const row of ROWS.filter((r) => r.fixed === undefined)) {
      for (let i = 0; i < 20; i++) {
        check(row, assignReplicasToBrokers(racked(row.racks), row.partitions, row.rf, { startPartitionId: row.startPartitionId }), `random #${i}`);
      }
    }
  });
});

describe('rack-unaware properties', () => {
  const ids = [0, 1, 2, 3, 4];
  const brokers = ids.map((id) => ({ id }));
  it('every start/shift: no duplicates, even leaders and replicas over whole rounds', () => {
    for (let start = 0; start < ids.length; start++) {
      for (let shift = 0; shift < ids.length; shift++) {
        const a = assignReplicasToBrokers(brokers, 20, 4, { fixedStartIndex: start, nextReplicaShift: shift });
        for (const r of a.values()) assert.equal(new Set(r).size, 4, `start ${start} shift ${shift}: ${r}`);
        for (const id of ids) {
          assert.equal([...a.values()].filter((r) => r[0] === id).length, 4, `leader count of ${id}`);
          assert.equal([...a.values()].flat().filter((b) => b === id).length, 16, `replica count of ${id}`);
        }
      }
    }
  });
  it('followers rotate once per round: n*(n-1) partitions at rf 2 use every leader/follower pair once', () => {
    for (let start = 0; start < ids.length; start++) {
      const a = assignReplicasToBrokers(brokers, 20, 2, { fixedStartIndex: start });
      const pairs = new Set([...a.values()].map((r) => r.join('>')));
      assert.equal(pairs.size, 20, `start ${start}`);
    }
  });
  it('fixedStartIndex alone also fixes the shift', () => {
    for (let s = 0; s < ids.length; s++) {
      assert.deepEqual(
        assignReplicasToBrokers(brokers, 10, 3, { fixedStartIndex: s }),
        assignReplicasToBrokers(brokers, 10, 3, { fixedStartIndex: s, nextReplicaShift: s }),
      );
    }
  });
  it('added partitions continue the round-robin of a topic created with the same start index', () => {
    for (let s = 0; s < ids.length; s++) {
      const full = assignReplicasToBrokers(brokers, 12, 3, { fixedStartIndex: s });
      const existing = new Map([...full].filter(([p]) => p < 4));
      const added = assignAddedPartitions([...brokers].reverse(), existing, 12);
      assert.deepEqual(added, new Map([...full].filter(([p]) => p >= 4)), `start ${s}`);
    }
  });
});
