// Kafka's refusal cases (§3.1, §3.5) with 0.9 text and Kafka's check order, plus ktool's stricter checks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssignmentError,
  assignAddedPartitions,
  assignReplicasToBrokers,
  type BrokerInfo,
} from '../../src/assignment/index.js';

const plain = (...ids: number[]): BrokerInfo[] => ids.map((id) => ({ id }));
const FIVE = plain(0, 1, 2, 3, 4);

function refuses(fn: () => unknown, code: string, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AssignmentError, `expected AssignmentError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

describe('assignment errors', () => {
  it('V1 brokers with rf 0 and rf 6', () => {
    refuses(() => assignReplicasToBrokers(FIVE, 10, 0, { fixedStartIndex: 0 }), 'INVALID_REPLICATION_FACTOR', 'replication factor must be larger than 0');
    refuses(() => assignReplicasToBrokers(FIVE, 10, 6, { fixedStartIndex: 0 }), 'INVALID_REPLICATION_FACTOR', 'replication factor: 6 larger than available brokers: 5');
  });
  it('partitions ≤ 0', () => {
    for (const p of [0, -1]) refuses(() => assignReplicasToBrokers(FIVE, p, 3), 'INVALID_PARTITIONS', 'number of partitions must be larger than 0');
  });
  it('rf larger than brokers, including no brokers', () => {
    refuses(() => assignReplicasToBrokers(plain(1, 2, 3), 1, 4), 'INVALID_REPLICATION_FACTOR', 'replication factor: 4 larger than available brokers: 3');
    refuses(() => assignReplicasToBrokers([], 1, 1), 'INVALID_REPLICATION_FACTOR', 'replication factor: 1 larger than available brokers: 0');
  });
  it('checks run in Kafka order', () => {
    const partial: BrokerInfo[] = [{ id: 1, rack: 'a' }, { id: 2 }];
    refuses(() => assignReplicasToBrokers(partial, 0, 0), 'INVALID_PARTITIONS', 'number of partitions must be larger than 0');
    refuses(() => assignReplicasToBrokers(partial, 1, 0), 'INVALID_REPLICATION_FACTOR', 'replication factor must be larger than 0');
    refuses(() => assignReplicasToBrokers(partial, 1, 3), 'INVALID_REPLICATION_FACTOR', 'replication factor: 3 larger than available brokers: 2');
    refuses(() => assignReplicasToBrokers(partial, 1, 2), 'INCOMPLETE_RACK_INFO', 'Not all brokers have rack information for replica rack aware assignment');
  });
  it('rackAware false ignores partial racks and uses the given order', () => {
    const partial: BrokerInfo[] = [{ id: 2, rack: 'a' }, { id: 1 }, { id: 3, rack: 'b' }];
    assert.deepEqual(
      assignReplicasToBrokers(partial, 3, 2, { fixedStartIndex: 0, rackAware: false }),
      new Map([[0, [2, 1]], [1, [1, 3]], [2, [3, 2]]]),
    );
  });
  it('stricter than Kafka: non-integers, negative options, duplicate ids', () => {
    refuses(() => assignReplicasToBrokers(FIVE, 1.5, 1), 'INVALID_PARTITIONS', 'number of partitions must be larger than 0');
    refuses(() => assignReplicasToBrokers(FIVE, 2, 1.5), 'INVALID_REPLICATION_FACTOR', 'replication factor must be larger than 0');
    refuses(() => assignReplicasToBrokers(FIVE, 2, 1, { fixedStartIndex: -1 }), 'INVALID_ARGUMENT', 'fixedStartIndex must be an integer >= 0, got -1');
    refuses(() => assignReplicasToBrokers(FIVE, 2, 1, { nextReplicaShift: 0.5 }), 'INVALID_ARGUMENT', 'nextReplicaShift must be an integer >= 0, got 0.5');
    refuses(() => assignReplicasToBrokers(FIVE, 2, 1, { startPartitionId: -2 }), 'INVALID_ARGUMENT', 'startPartitionId must be an integer >= 0, got -2');
    refuses(() => assignReplicasToBrokers(plain(1, 2, 1), 2, 1), 'INVALID_ARGUMENT', 'duplicate broker id in broker list: 1');
  });
  it('add partitions: partition 0 missing', () => {
    const existing = new Map([[1, [2, 3]], [2, [3, 1]]]);
    refuses(() => assignAddedPartitions(plain(1, 2, 3), existing, 5, { topic: 't' }), 'MISSING_PARTITION_ZERO',
      "Unexpected existing replica assignment for topic 't', partition id 0 is missing. Assignment: 1:[2,3] 2:[3,1]");
  });
  it('add partitions: not an increase', () => {
    const existing = new Map([[0, [1, 2]], [1, [2, 3]]]);
    for (const total of [2, 1, 0]) {
      refuses(() => assignAddedPartitions(plain(1, 2, 3), existing, total), 'PARTITIONS_NOT_INCREASED', 'The number of partitions for a topic can only be increased');
    }
  });
  it('add partitions: rf from partition 0 larger than live brokers', () => {
    refuses(() => assignAddedPartitions(plain(1, 2), new Map([[0, [1, 2, 3]]]), 2), 'INVALID_REPLICATION_FACTOR', 'replication factor: 3 larger than available brokers: 2');
  });
  it('add partitions: rack info enforced by default, skipped with rackAware false', () => {
    const live: BrokerInfo[] = [{ id: 1, rack: 'a' }, { id: 2 }, { id: 3 }];
    const existing = new Map([[0, [1, 2]]]);
    refuses(() => assignAddedPartitions(live, existing, 2), 'INCOMPLETE_RACK_INFO', 'Not all brokers have rack information for replica rack aware assignment');
    assert.deepEqual(assignAddedPartitions(live, existing, 2, { rackAware: false }), new Map([[1, [2, 3]]]));
  });
});
