// The controller's transition tables and leader selectors are pure: test them exhaustively.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PARTITION_TRANSITIONS, isValidPartitionTransition } from '../../src/controller/partition-state-machine.js';
import { REPLICA_TRANSITIONS, isValidReplicaTransition } from '../../src/controller/replica-state-machine.js';
import { PartitionState as P, ReplicaState as R } from '../../src/controller/states.js';
import { ControllerContext } from '../../src/controller/context.js';
import { offlineSelector, reassignedSelector, preferredSelector, controlledShutdownSelector, noopSelector, type SelectorView } from '../../src/controller/selectors/index.js';

describe('partition state machine table', () => {
  const allowed = new Set([
    `${P.NonExistent}>${P.New}`,
    `${P.New}>${P.Online}`,
    `${P.Online}>${P.Online}`,
    `${P.Offline}>${P.Online}`,
    `${P.New}>${P.Offline}`,
    `${P.Online}>${P.Offline}`,
    `${P.Offline}>${P.Offline}`,
    `${P.Offline}>${P.NonExistent}`,
  ]);
  const states = Object.values(P);
  for (const from of states) {
    for (const to of states) {
      it(`${from} -> ${to} is ${allowed.has(`${from}>${to}`) ? 'allowed' : 'rejected'}`, () => {
        assert.equal(isValidPartitionTransition(from, to), allowed.has(`${from}>${to}`));
      });
    }
  }
  it('has exactly the 4 states', () => assert.deepEqual(Object.keys(PARTITION_TRANSITIONS).sort(), [...states].sort()));
});

describe('replica state machine table', () => {
  const allowed: Record<string, string[]> = {
    [R.New]: [R.NonExistent],
    [R.Online]: [R.New, R.Online, R.Offline, R.DeletionIneligible],
    [R.Offline]: [R.New, R.Online, R.Offline, R.DeletionIneligible],
    [R.DeletionStarted]: [R.Offline],
    [R.DeletionSuccessful]: [R.DeletionStarted],
    [R.DeletionIneligible]: [R.DeletionStarted, R.Offline],
    [R.NonExistent]: [R.DeletionSuccessful],
  };
  const states = Object.values(R);
  it('has exactly the 7 states', () => assert.deepEqual(Object.keys(REPLICA_TRANSITIONS).sort(), [...states].sort()));
  for (const to of states) {
    it(`entering ${to}`, () => {
      for (const from of states) assert.equal(isValidReplicaTransition(from, to), allowed[to]!.includes(from), `${from} -> ${to}`);
    });
  }
  it('the context refuses invalid transitions and leaves the state alone', () => {
    const ctx = new ControllerContext(1);
    const info = ctx.newPartitionInfo([1, 2]);
    assert.equal(ctx.replicaState(info, 1), R.NonExistent);
    assert.equal(ctx.setReplicaState(info, 1, R.Online), false);
    assert.equal(ctx.replicaState(info, 1), R.NonExistent);
    assert.equal(ctx.setReplicaState(info, 1, R.New), true);
    assert.equal(ctx.setReplicaState(info, 1, R.DeletionStarted), false);
    assert.equal(ctx.replicaState(info, 1), R.New);
    assert.equal(ctx.setPartitionState(info, P.Online), false);
    assert.equal(info.state, P.NonExistent);
  });
});

function view(live: number[], opts: { shuttingDown?: number[]; unclean?: boolean } = {}): SelectorView {
  const sd = new Set(opts.shuttingDown ?? []);
  return {
    isLive: (id) => live.includes(id) && !sd.has(id),
    isRegistered: (id) => live.includes(id),
    isShuttingDown: (id) => sd.has(id),
    uncleanLeaderElectionEnabled: () => opts.unclean ?? true,
  };
}
const cur = (leader: number, isr: number[], leaderEpoch = 3) => ({ leader, isr, leaderEpoch, controllerEpoch: 1, zkVersion: 4, seenInEvent: 0 });
const input = (replicas: number[], c: ReturnType<typeof cur>) => ({ topic: 't', partition: 0, replicas, cur: c });

describe('leader selectors', () => {
  it('offline: first live ISR member in assignment order, ISR = live ISR members', () => {
    assert.deepEqual(offlineSelector(input([3, 1, 2], cur(3, [2, 3, 1])), view([1, 2])), { kind: 'elected', leader: 1, isr: [2, 1], recipients: [1, 2] });
  });
  it('offline: unclean election only when enabled', () => {
    assert.deepEqual(offlineSelector(input([3, 1, 2], cur(3, [3])), view([2, 1])), { kind: 'elected', leader: 1, isr: [1], recipients: [1, 2], unclean: true });
    assert.equal(offlineSelector(input([3, 1, 2], cur(3, [3])), view([2, 1], { unclean: false })).kind, 'failed');
    assert.equal(offlineSelector(input([3], cur(3, [3])), view([1])).kind, 'failed');
  });
  it('reassigned: first target replica that is live and in sync; ISR kept', () => {
    assert.deepEqual(reassignedSelector([4, 1, 2])(input([3, 1, 2, 4], cur(3, [3, 1, 2, 4])), view([1, 2, 3])), {
      kind: 'elected', leader: 1, isr: [3, 1, 2, 4], recipients: [4, 1, 2],
    });
    assert.equal(reassignedSelector([4])(input([3, 4], cur(3, [3])), view([3, 4])).kind, 'failed');
  });
  it('preferred: assignment[0] if live and in sync; no-op if it leads', () => {
    assert.deepEqual(preferredSelector(input([3, 1, 2], cur(1, [1, 2, 3])), view([1, 2, 3])), { kind: 'elected', leader: 3, isr: [1, 2, 3], recipients: [3, 1, 2] });
    assert.deepEqual(preferredSelector(input([3, 1, 2], cur(3, [1, 2, 3])), view([1, 2, 3])), { kind: 'notNeeded' });
    assert.equal(preferredSelector(input([3, 1, 2], cur(1, [1, 2])), view([1, 2, 3])).kind, 'failed');
    assert.equal(preferredSelector(input([3, 1, 2], cur(1, [1, 2, 3])), view([1, 2])).kind, 'failed');
  });
  it('controlled shutdown: next in-sync replica in assignment order; shutting-down brokers leave the ISR', () => {
    assert.deepEqual(controlledShutdownSelector(input([2, 3, 1], cur(2, [2, 3, 1])), view([1, 2, 3], { shuttingDown: [2] })), {
      kind: 'elected', leader: 3, isr: [3, 1], recipients: [2, 3, 1],
    });
    assert.equal(controlledShutdownSelector(input([2, 3], cur(2, [2])), view([2, 3], { shuttingDown: [2] })).kind, 'failed');
  });
  it('no-op keeps leader and ISR', () => {
    assert.deepEqual(noopSelector(input([1, 2], cur(2, [2, 1])), view([1, 2])), { kind: 'elected', leader: 2, isr: [2, 1], recipients: [1, 2] });
  });
});
