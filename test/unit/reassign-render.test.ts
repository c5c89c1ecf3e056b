// Rendering: Kafka 0.9's blocks and Scala toString forms, verify text, batches, progress bar, chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateBlocks, inFlightMapText, reassignmentJson, rollbackBlock, scalaSet, flattenAssignment } from '../../src/reassign/format.js';
import { renderVerify } from '../../src/reassign/verify.js';
import { splitIntoBatches } from '../../src/reassign/batches.js';
import { renderBar, formatDuration } from '../../src/reassign/progress-bar.js';
import { renderLoadChart } from '../../src/reassign/chart.js';

const RE1 = [
  { topic: 'auto1', partition: 0, replicas: [2, 3] },
  { topic: 'auto1', partition: 1, replicas: [3, 1] },
];

test('reassignment JSON and the 0.9 blocks (transcript B.1/B.2 layout)', () => {
  assert.equal(reassignmentJson(RE1), '{"version":1,"partitions":[{"topic":"auto1","partition":0,"replicas":[2,3]},{"topic":"auto1","partition":1,"replicas":[3,1]}]}');
  assert.equal(reassignmentJson([]), '{"version":1,"partitions":[]}');
  const j = reassignmentJson(RE1);
  assert.equal(rollbackBlock(RE1), `Current partition replica assignment\n\n${j}\n\nSave this to use as the --reassignment-json-file option during rollback\n`);
  assert.equal(generateBlocks(RE1, RE1), `Current partition replica assignment\n\n${j}\nProposed partition reassignment configuration\n\n${j}\n`);
  assert.deepEqual(
    flattenAssignment(new Map([['b', new Map([[10, [1]], [2, [2]]])], ['a', new Map([[0, [3]]])]])).map((r) => `${r.topic}-${r.partition}`),
    ['a-0', 'b-2', 'b-10'],
  );
});

test('Scala toString forms of the 0.9 messages', () => {
  assert.equal(scalaSet(RE1), 'Set([auto1,0], [auto1,1])');
  assert.equal(scalaSet([]), 'Set()');
  assert.equal(inFlightMapText([{ topic: 'stuck', partition: 0, replicas: [3, 1] }]), 'Map([stuck,0] -> ReassignedPartitionsContext(List(3, 1),null))');
  assert.equal(
    inFlightMapText(RE1),
    'Map([auto1,0] -> ReassignedPartitionsContext(List(2, 3),null), [auto1,1] -> ReassignedPartitionsContext(List(3, 1),null))',
  );
});

test('verify text: ERROR lines first, then one status per partition (transcript B.3)', () => {
  assert.equal(
    renderVerify([
      { topic: 'nosuch', partition: 0, replicas: [1, 3], status: 'failed', assigned: [] },
      { topic: 'ra9', partition: 0, replicas: [1, 3], status: 'completed', assigned: [1, 3] },
      { topic: 'auto1', partition: 2, replicas: [1, 9], status: 'failed', assigned: [3, 1] },
      { topic: 'stuck', partition: 0, replicas: [3, 1], status: 'in_progress', assigned: [3, 1, 2] },
    ]),
    'Status of partition reassignment:\n' +
      "ERROR: Assigned replicas () don't match the list of replicas for reassignment (1,3) for partition [nosuch,0]\n" +
      "ERROR: Assigned replicas (3,1) don't match the list of replicas for reassignment (1,9) for partition [auto1,2]\n" +
      'Reassignment of partition [nosuch,0] failed\n' +
      'Reassignment of partition [ra9,0] completed successfully\n' +
      'Reassignment of partition [auto1,2] failed\n' +
      'Reassignment of partition [stuck,0] is still in progress\n',
  );
});

test('batches respect both the count and the byte limit, in plan order', () => {
  const plan = Array.from({ length: 10 }, (_, i) => ({ topic: 't', partition: i, replicas: [1, 2] }));
  assert.deepEqual(splitIntoBatches(plan).map((b) => b.length), [10]);
  assert.deepEqual(splitIntoBatches(plan, 4).map((b) => b.length), [4, 4, 2]);
  const entry = JSON.stringify({ topic: 't', partition: 0, replicas: [1, 2] }).length + 1;
  const limit = '{"version":1,"partitions":[]}'.length + 3 * entry;
  const batches = splitIntoBatches(plan, undefined, limit);
  assert.deepEqual(batches.map((b) => b.length), [3, 3, 3, 1]);
  for (const b of batches) assert.ok(reassignmentJson(b).length <= limit);
  assert.deepEqual(batches.flat(), plan);
  assert.deepEqual(splitIntoBatches([{ topic: 'x'.repeat(200), partition: 0, replicas: [1] }], undefined, 10).length, 1, 'an oversized single entry still goes alone');
});

test('progress bar and durations', () => {
  assert.equal(renderBar(0, 10, 5000, 10), '[..........] 0/10 partitions  ETA ?');
  assert.equal(renderBar(5, 10, 5000, 10), '[#####.....] 5/10 partitions  ETA 5s');
  assert.equal(renderBar(10, 10, 5000, 10), '[##########] 10/10 partitions  done');
  assert.equal(formatDuration(125_000), '2m05s');
  assert.equal(formatDuration(3_700_000), '1h01m');
});

test('load chart: one row per broker, bars scaled to the largest count', () => {
  const out = renderLoadChart(
    [
      { broker: 1, replicas: 4, leaders: 2 },
      { broker: 2, replicas: 2, leaders: 0 },
    ],
    [
      { broker: 1, replicas: 2, leaders: 1 },
      { broker: 2, replicas: 2, leaders: 1 },
      { broker: 3, replicas: 2, leaders: 0 },
    ],
    4,
  );
  assert.equal(
    out,
    [
      'Replicas per broker (before | after)',
      '  broker 1  ████ 4 | ██   2',
      '  broker 2  ██   2 | ██   2',
      '  broker 3       0 | ██   2',
      'Leaders per broker (before | after)',
      '  broker 1  ████ 2 | ██   1',
      '  broker 2       0 | ██   1',
      '  broker 3       0 |      0',
    ].join('\n') + '\n',
  );
});
