// Exact vectors from the spec, §3.6 (V1–V4, from Kafka's own tests) and §3.7.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  assignAddedPartitions,
  assignReplicasToBrokers,
  rackAlternatedBrokerList,
  startIndexForAddedPartitions,
  type Assignment,
  type BrokerInfo,
} from '../../src/assignment/index.js';

/** Parses the spec's `0:[0,1,2] 1:[1,2,3]` notation. */
function parse(text: string): Assignment {
  const out: Assignment = new Map();
  for (const m of text.matchAll(/(\d+):\[([\d,]*)\]/g)) out.set(Number(m[1]), m[2]!.split(',').map(Number));
  return out;
}
const plain = (...ids: number[]): BrokerInfo[] => ids.map((id) => ({ id }));
const racked = (spec: Record<number, string>): BrokerInfo[] =>
  Object.entries(spec).map(([id, rack]) => ({ id: Number(id), rack }));
const SIX = { 0: 'rack1', 1: 'rack3', 2: 'rack3', 3: 'rack2', 4: 'rack2', 5: 'rack1' };
const R6 = { 0: 'r1', 1: 'r2', 2: 'r2', 3: 'r3', 4: 'r3', 5: 'r1' };

describe('assignment vectors §3.6', () => {
  it('V1: 5 brokers, 10 partitions, rf 3, fixed 0', () => {
    assert.deepEqual(
      assignReplicasToBrokers(plain(0, 1, 2, 3, 4), 10, 3, { fixedStartIndex: 0 }),
      parse('0:[0,1,2] 1:[1,2,3] 2:[2,3,4] 3:[3,4,0] 4:[4,0,1] 5:[0,2,3] 6:[1,3,4] 7:[2,4,0] 8:[3,0,1] 9:[4,1,2]'),
    );
  });
  it('V2: rack-alternated lists', () => {
    assert.deepEqual(rackAlternatedBrokerList(racked(SIX)), [0, 3, 1, 5, 4, 2]);
    const { 5: _dropped, ...five } = SIX;
    assert.deepEqual(rackAlternatedBrokerList(racked(five)), [0, 3, 1, 4, 2]);
  });
  it('V2: rack-aware, 7 partitions, rf 3, fixed 0, start 0', () => {
    assert.deepEqual(
      assignReplicasToBrokers(racked(SIX), 7, 3, { fixedStartIndex: 0, startPartitionId: 0 }),
      parse('0:[0,3,1] 1:[3,1,5] 2:[1,5,4] 3:[5,4,2] 4:[4,2,0] 5:[2,0,3] 6:[0,4,2]'),
    );
  });
  it('V3: add partitions to 0:[2,3,0,1], grow to 7', () => {
    assert.deepEqual(
      assignAddedPartitions(plain(0, 1, 2, 3), parse('0:[2,3,0,1]'), 7),
      parse('1:[3,2,0,1] 2:[0,3,1,2] 3:[1,0,2,3] 4:[2,3,0,1] 5:[3,0,1,2] 6:[0,1,2,3]'),
    );
  });
  it('V4: add partitions to 0:[1,2], grow to 3', () => {
    assert.deepEqual(assignAddedPartitions(plain(0, 1, 2, 3), parse('0:[1,2]'), 3), parse('1:[2,0] 2:[3,1]'));
  });
});

describe('assignment vectors §3.7', () => {
  it('brokers 101..104, 8 partitions, rf 3, fixed 1', () => {
    assert.deepEqual(
      assignReplicasToBrokers(plain(101, 102, 103, 104), 8, 3, { fixedStartIndex: 1 }),
      parse('0:[102,104,101] 1:[103,101,102] 2:[104,102,103] 3:[101,103,104] 4:[102,101,103] 5:[103,102,104] 6:[104,103,101] 7:[101,104,102]'),
    );
  });
  it('brokers 0..2, 6 partitions, rf 2, fixed 0', () => {
    assert.deepEqual(
      assignReplicasToBrokers(plain(0, 1, 2), 6, 2, { fixedStartIndex: 0 }),
      parse('0:[0,1] 1:[1,2] 2:[2,0] 3:[0,2] 4:[1,0] 5:[2,1]'),
    );
  });
  it('brokers 0..4, 10 partitions, rf 3, startIndex 2 and shift 4', () => {
    assert.deepEqual(
      assignReplicasToBrokers(plain(0, 1, 2, 3, 4), 10, 3, { fixedStartIndex: 2, nextReplicaShift: 4 }),
      parse('0:[2,3,4] 1:[3,4,0] 2:[4,0,1] 3:[0,1,2] 4:[1,2,3] 5:[2,4,0] 6:[3,0,1] 7:[4,1,2] 8:[0,2,3] 9:[1,3,4]'),
    );
  });
  it('add partitions: live [1,3,5,7], p0 [3,x], 4 existing, grow to 8', () => {
    assert.equal(startIndexForAddedPartitions([1, 3, 5, 7], [3, 5]), 1);
    const existing = parse('0:[3,5] 1:[5,7] 2:[7,1] 3:[1,3]');
    assert.deepEqual(assignAddedPartitions(plain(7, 5, 3, 1), existing, 8), parse('4:[3,1] 5:[5,3] 6:[7,5] 7:[1,7]'));
  });
  it('start index for added partitions: first live id ≥ p0 leader, else 0', () => {
    assert.equal(startIndexForAddedPartitions([1, 3, 5, 7], [4]), 2);
    assert.equal(startIndexForAddedPartitions([1, 3, 5, 7], [0]), 0);
    assert.equal(startIndexForAddedPartitions([1, 3, 5, 7], [8]), 0);
  });
  it('rack-aware {0:a,1:a,2:b,3:b}, 4 partitions, rf 2, fixed 0', () => {
    const brokers = racked({ 0: 'a', 1: 'a', 2: 'b', 3: 'b' });
    assert.deepEqual(rackAlternatedBrokerList(brokers), [0, 2, 1, 3]);
    assert.deepEqual(assignReplicasToBrokers(brokers, 4, 2, { fixedStartIndex: 0 }), parse('0:[0,2] 1:[2,1] 2:[1,3] 3:[3,0]'));
  });
  it('rack-aware six brokers r1/r2/r3, 6 partitions, rf 3, fixed 2', () => {
    assert.deepEqual(rackAlternatedBrokerList(racked(R6)), [0, 1, 3, 5, 2, 4]);
    assert.deepEqual(
      assignReplicasToBrokers(racked(R6), 6, 3, { fixedStartIndex: 2 }),
      parse('0:[3,2,0] 1:[5,4,1] 2:[2,0,3] 3:[4,1,5] 4:[0,3,2] 5:[1,5,4]'),
    );
  });
  it('rack-aware six brokers r1/r2/r3, 13 partitions, rf 3, fixed 0', () => {
    assert.deepEqual(
      assignReplicasToBrokers(racked(R6), 13, 3, { fixedStartIndex: 0 }),
      parse('0:[0,1,3] 1:[1,3,5] 2:[3,5,2] 3:[5,2,4] 4:[2,4,0] 5:[4,0,1] 6:[0,2,4] 7:[1,4,0] 8:[3,0,1] 9:[5,1,3] 10:[2,3,5] 11:[4,5,2] 12:[0,3,2]'),
    );
  });
  it('rack-aware {0:a,1:b,2:c,3:a,4:a}, 6 partitions, rf 4, fixed 2', () => {
    const brokers = racked({ 0: 'a', 1: 'b', 2: 'c', 3: 'a', 4: 'a' });
    assert.deepEqual(rackAlternatedBrokerList(brokers), [0, 1, 2, 3, 4]);
    assert.deepEqual(
      assignReplicasToBrokers(brokers, 6, 4, { fixedStartIndex: 2 }),
      parse('0:[2,0,1,3] 1:[3,1,2,4] 2:[4,2,1,3] 3:[0,1,2,3] 4:[1,4,2,3] 5:[2,4,1,3]'),
    );
  });
  it('rack-aware {0:r1,1:r2,2:r2,3:r3,4:r3,5:r2}, 6 partitions, rf 5, fixed 0', () => {
    const brokers = racked({ 0: 'r1', 1: 'r2', 2: 'r2', 3: 'r3', 4: 'r3', 5: 'r2' });
    assert.deepEqual(rackAlternatedBrokerList(brokers), [0, 1, 3, 2, 4, 5]);
    assert.deepEqual(
      assignReplicasToBrokers(brokers, 6, 5, { fixedStartIndex: 0 }),
      parse('0:[0,1,3,2,4] 1:[1,3,0,2,4] 2:[3,2,0,1,4] 3:[2,4,0,1,3] 4:[4,5,0,1,3] 5:[5,0,3,2,4]'),
    );
  });
});
