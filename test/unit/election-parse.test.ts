// The election file (Kafka's messages) and election batches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseElectionFile } from '../../src/election/parse-file.js';
import { splitElectionBatches, electionInProgressMessage } from '../../src/election/elect.js';

test('election file: valid, empty, duplicates, schema', () => {
  assert.deepEqual(parseElectionFile('{"partitions":[{"topic":"foo","partition":1},{"topic":"foobar","partition":2}]}', 'e.json'), [
    { topic: 'foo', partition: 1 },
    { topic: 'foobar', partition: 2 },
  ]);
  assert.throws(() => parseElectionFile('{"topics":[]}', 'e.json'), { message: 'Preferred replica election data is empty' });
  assert.throws(() => parseElectionFile('{"partitions":[]}', 'e.json'), { message: 'Preferred replica election data is empty' });
  assert.throws(() => parseElectionFile('garbage', 'e.json'), /Preferred replica election data file e\.json is not valid JSON/);
  assert.throws(
    () => parseElectionFile('{"partitions":[{"topic":"a","partition":0},{"topic":"b","partition":0},{"topic":"a","partition":0}]}', 'e.json'),
    { message: 'Preferred replica election data contains duplicate partitions: [a,0]' },
  );
  assert.throws(() => parseElectionFile('{"partitions":[{"topic":"a","partition":"0"}]}', 'e.json'), { message: 'Preferred replica election data file e.json is invalid: partitions.0.partition must be integer' });
});

test('election batches and the in-progress message', () => {
  const list = Array.from({ length: 7 }, (_, i) => ({ topic: 't', partition: i }));
  assert.deepEqual(splitElectionBatches(list, 3).map((b) => b.length), [3, 3, 1]);
  assert.deepEqual(splitElectionBatches(list).map((b) => b.length), [7]);
  assert.deepEqual(splitElectionBatches(list, undefined, 30 + 2 * 28).map((b) => b.length), [2, 2, 2, 1]);
  assert.equal(electionInProgressMessage(list.slice(0, 2)), 'Preferred replica leader election currently in progress for Set([t,0], [t,1]). Aborting operation');
});
