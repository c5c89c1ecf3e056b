// --replica-assignment parsing: the vectors of §4.6 and ktool's stricter syntax checks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/cli/errors.js';
import { TopicCommandError } from '../../src/topics/errors.js';
import { checkBrokersLive, parseReplicaAssignment } from '../../src/topics/replica-assignment-arg.js';

describe('--replica-assignment parsing', () => {
  it('entry i is partition i, replicas in order', () => {
    assert.deepEqual(parseReplicaAssignment('5:4,3:2,1:0'), [[5, 4], [3, 2], [1, 0]]);
    assert.deepEqual(parseReplicaAssignment(' 3 : 1 ,1:2'), [[3, 1], [1, 2]]);
    assert.deepEqual(parseReplicaAssignment('1,2'), [[1], [2]]);
    assert.deepEqual(parseReplicaAssignment('1:2,'), [[1, 2]]);
  });
  it("duplicates: Kafka's message, runtime error", () => {
    assert.throws(() => parseReplicaAssignment('5:5'), (e) => e instanceof TopicCommandError && e.exitCode === 1 && e.message === 'Partition replica lists may not contain duplicate entries: 5');
    assert.throws(() => parseReplicaAssignment('1:1,2:3'), { message: 'Partition replica lists may not contain duplicate entries: 1' });
  });
  it('different replication factor: named and printed readably (no JVM identity string)', () => {
    assert.throws(() => parseReplicaAssignment('5:4:3,2:1'), (e) => e instanceof TopicCommandError && /^Partition 1 has different replication factor: \[2, 1\] \(--replica-assignment: partition 0 has 3 replicas, partition 1 has 2\)$/.test(e.message));
  });
  it('syntax errors are usage errors that name the flag', () => {
    for (const raw of ['1:x', '', '1:2,,3:4', '1::2', '1.5', '99999999999']) {
      assert.throws(() => parseReplicaAssignment(raw), (e) => e instanceof UsageError && e.message.startsWith('Invalid --replica-assignment'), raw);
    }
  });
  it('refuses brokers that are not registered', () => {
    checkBrokersLive(new Map([[0, [1, 2]]]), [1, 2, 3]);
    assert.throws(() => checkBrokersLive(new Map([[0, [1, 2]], [1, [1, 9]]]), [1, 2, 3]), {
      message: '--replica-assignment: broker 9 for partition 1 is not registered in ZooKeeper (live brokers: 1, 2, 3)',
    });
  });
});
