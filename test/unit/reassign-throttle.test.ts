// Throttled replica lists and brokers: Kafka 1.1's test vectors (§5.5), compared as sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeThrottles } from '../../src/reassign/throttle-plan.js';
import type { ClusterAssignment, PartitionTarget } from '../../src/reassign/types.js';

const cluster = (t: Record<string, Record<number, number[]>>): ClusterAssignment =>
  new Map(Object.entries(t).map(([topic, parts]) => [topic, new Map(Object.entries(parts).map(([p, r]) => [Number(p), r]))]));
const plan = (topic: string, parts: Record<number, number[]>): PartitionTarget[] =>
  Object.entries(parts).map(([p, replicas]) => ({ topic, partition: Number(p), replicas }));
const set = (xs: string[] | undefined): string[] => [...(xs ?? [])].sort();

test('vector 1: one partition moves, the other stays', () => {
  const t = computeThrottles(cluster({ topic1: { 0: [100, 101], 1: [100, 102] } }), plan('topic1', { 0: [101, 102], 1: [100, 102] }));
  assert.deepEqual(set(t.topics.get('topic1')?.follower), ['0:102']);
  assert.deepEqual(set(t.topics.get('topic1')?.leader), ['0:100', '0:101']);
  assert.deepEqual(t.brokers, [100, 101, 102]);
});

test('vector 2: shrink, grow and move in one plan', () => {
  const t = computeThrottles(
    cluster({ topic1: { 0: [100, 101], 1: [100, 102], 2: [100, 101] } }),
    plan('topic1', { 0: [101, 102], 1: [102], 2: [100, 101, 102] }),
  );
  assert.deepEqual(set(t.topics.get('topic1')?.follower), ['0:102', '2:102']);
  assert.deepEqual(set(t.topics.get('topic1')?.leader), ['0:100', '0:101', '2:100', '2:101']);
});

test('vector 3: two topics', () => {
  const t = computeThrottles(cluster({ topic1: { 0: [100, 101] }, topic2: { 0: [101, 102] } }), [
    ...plan('topic1', { 0: [101, 102] }),
    ...plan('topic2', { 0: [100, 102] }),
  ]);
  assert.deepEqual(set(t.topics.get('topic1')?.leader), ['0:100', '0:101']);
  assert.deepEqual(set(t.topics.get('topic1')?.follower), ['0:102']);
  assert.deepEqual(set(t.topics.get('topic2')?.leader), ['0:101', '0:102']);
  assert.deepEqual(set(t.topics.get('topic2')?.follower), ['0:100']);
});

test('rates go to every current replica of involved topics and every proposed replica; no-move topics get no lists', () => {
  const t = computeThrottles(cluster({ a: { 0: [1, 2], 1: [3, 4] }, b: { 0: [5] } }), [...plan('a', { 0: [2, 1] }), ...plan('b', { 0: [5, 6] })]);
  assert.equal(t.topics.has('a'), false, 'reordering only adds no replica');
  assert.deepEqual(t.topics.get('b'), { leader: ['0:5'], follower: ['0:6'] });
  assert.deepEqual(t.brokers, [1, 2, 3, 4, 5, 6]);
});

test('entries are ordered by partition, then replica order', () => {
  const t = computeThrottles(cluster({ a: { 0: [1, 2], 10: [3, 1], 2: [2, 3] } }), plan('a', { 10: [4, 5], 2: [5, 2], 0: [3, 4] }));
  assert.deepEqual(t.topics.get('a'), { leader: ['0:1', '0:2', '2:2', '2:3', '10:3', '10:1'], follower: ['0:3', '0:4', '2:5', '10:4', '10:5'] });
});
