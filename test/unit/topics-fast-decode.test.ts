// The schema-free decoders on --describe's hot path accept what Kafka writes and refuse what
// the shared schemas refuse.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZnodeFormatError } from '../../src/zk/errors.js';
import { decodeAssignmentFast, decodeConfigFast, decodeStateFast } from '../../src/topics/fast-decode.js';

const b = (s: string): Buffer => Buffer.from(s);
const refuses = (fn: () => unknown): void => assert.throws(fn, (e) => e instanceof ZnodeFormatError && e.message.startsWith('Unexpected data in znode /p: '));

describe('fast znode decoders', () => {
  it('assignment: every version, partitions sorted numerically', () => {
    const m = decodeAssignmentFast(b('{"version":1,"partitions":{"10":[1],"2":[3,1],"0":[1,2]}}'), '/p');
    assert.deepEqual([...m], [[0, [1, 2]], [2, [3, 1]], [10, [1]]]);
    const v3 = decodeAssignmentFast(b('{"version":3,"topic_id":"x","partitions":{"0":[1]},"adding_replicas":{},"removing_replicas":{}}'), '/p');
    assert.deepEqual([...v3], [[0, [1]]]);
    refuses(() => decodeAssignmentFast(b('{"version":1}'), '/p'));
    refuses(() => decodeAssignmentFast(b('{"partitions":{"01":[1]}}'), '/p'));
    refuses(() => decodeAssignmentFast(b('{"partitions":{"0":["1"]}}'), '/p'));
    refuses(() => decodeAssignmentFast(b('not json'), '/p'));
    refuses(() => decodeAssignmentFast(null, '/p'));
  });
  it('config: string values; null data means no overrides', () => {
    assert.deepEqual([...decodeConfigFast(b('{"version":1,"config":{"a":"1"}}'), '/p')], [['a', '1']]);
    assert.equal(decodeConfigFast(null, '/p').size, 0);
    refuses(() => decodeConfigFast(b('{"version":1,"config":{"a":1}}'), '/p'));
    refuses(() => decodeConfigFast(b('[]'), '/p'));
  });
  it('state: Kafka key order or any other, "version" not required', () => {
    assert.deepEqual(decodeStateFast(b('{"controller_epoch":1,"leader":1,"version":1,"leader_epoch":0,"isr":[1,2]}'), '/p'), {
      leader: 1, leaderEpoch: 0, isr: [1, 2], controllerEpoch: 1, leaderRecoveryState: 0,
    });
    // 3.2+ (KIP-704): a leader recovering from an unclean election.
    assert.equal(decodeStateFast(b('{"controller_epoch":1,"leader":1,"version":1,"leader_epoch":0,"isr":[1],"leader_recovery_state":1}'), '/p').leaderRecoveryState, 1);
    refuses(() => decodeStateFast(b('{"controller_epoch":1,"leader":1,"leader_epoch":0,"isr":[1],"leader_recovery_state":"1"}'), '/p'));
    assert.equal(decodeStateFast(b('{"isr":[],"leader":-1,"leader_epoch":3,"controller_epoch":2,"versions":1}'), '/p').leader, -1);
    refuses(() => decodeStateFast(b('{"leader":1,"leader_epoch":0,"controller_epoch":1}'), '/p'));
    refuses(() => decodeStateFast(b('{"leader":"1","leader_epoch":0,"isr":[],"controller_epoch":1}'), '/p'));
  });
});
