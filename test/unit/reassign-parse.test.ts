// Parsing and validating the reassign tool's input files: schema errors name the field, Kafka's
// content rules give Kafka's messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReassignmentFile } from '../../src/reassign/parse-reassignment-file.js';
import { parseBrokerList, parseTopicsToMoveFile } from '../../src/reassign/parse-generate-input.js';
import { CommandError, UsageError } from '../../src/cli/errors.js';

const refused = (fn: () => unknown, cls: typeof CommandError | typeof UsageError, message: string | RegExp): void => {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, String(e));
    if (typeof message === 'string') assert.equal((e as Error).message, message);
    else assert.match((e as Error).message, message);
    return true;
  });
};

test('a valid reassignment file keeps file order; log_dirs "any" is accepted', () => {
  const plan = parseReassignmentFile(
    '{"version":1,"partitions":[{"topic":"b","partition":1,"replicas":[3,1]},{"topic":"a","partition":0,"replicas":[1,2],"log_dirs":["any","any"]}]}',
    'f.json',
  );
  assert.deepEqual(plan, [
    { topic: 'b', partition: 1, replicas: [3, 1] },
    { topic: 'a', partition: 0, replicas: [1, 2] },
  ]);
});

test('reassignment file: Kafka rules and messages', () => {
  const p = (s: string) => () => parseReassignmentFile(s, 'f.json');
  refused(p('{"version":1,"partitions":['), CommandError, /^Partition reassignment data file f\.json is not valid JSON: /);
  refused(p('{"version":1,"partitions":[]}'), CommandError, 'Partition reassignment data file f.json is empty');
  refused(p('{"version":1}'), CommandError, 'Partition reassignment data file f.json is empty');
  refused(p('{"version":2,"partitions":[]}'), CommandError, 'Partition reassignment data file f.json is invalid: version must be equal to one of the allowed values');
  refused(p('{"partitions":[{"topic":"a","partition":0,"replicas":["1"]}]}'), CommandError, 'Partition reassignment data file f.json is invalid: partitions.0.replicas.0 must be integer');
  refused(p('{"partitions":[{"topic":"a b","partition":0,"replicas":[1]}]}'), CommandError, /partitions\.0\.topic must match pattern/);
  refused(p('{"partitions":[{"topic":"a","partition":0,"replicas":[1],"extra":1}]}'), CommandError, /partitions\.0 must NOT have additional properties/);
  refused(p('{"partitions":[{"topic":"a","partition":0,"replicas":[]}]}'), CommandError, 'Partition replica list cannot be empty');
  refused(
    p('{"partitions":[{"topic":"a","partition":0,"replicas":[1]},{"topic":"a","partition":0,"replicas":[2]},{"topic":"b","partition":3,"replicas":[1]},{"topic":"b","partition":3,"replicas":[1]}]}'),
    CommandError,
    'Partition reassignment contains duplicate topic partitions: [a,0],[b,3]',
  );
  refused(
    p('{"partitions":[{"topic":"a","partition":0,"replicas":[1,1,2,2]},{"topic":"a","partition":1,"replicas":[1,2]},{"topic":"foo","partition":0,"replicas":[0,0]}]}'),
    CommandError,
    'Partition replica lists may not contain duplicate entries: [a,0] contains multiple entries for 1,2. [foo,0] contains multiple entries for 0',
  );
  refused(
    p('{"partitions":[{"topic":"foo","partition":1,"replicas":[1,2],"log_dirs":["any"]}]}'),
    CommandError,
    'Size of replicas list [1, 2] is different from size of log dirs list [any] for partition [foo,1]',
  );
  refused(
    p('{"partitions":[{"topic":"foo","partition":1,"replicas":[1],"log_dirs":["/data"]}]}'),
    CommandError,
    'bootstrap-server needs to be provided in order to reassign replica to the specified log directory',
  );
});

test('topics-to-move file and --broker-list', () => {
  assert.deepEqual(parseTopicsToMoveFile('{"topics":[{"topic":"foo"},{"topic":"foo1"}],"version":1}', 't.json'), ['foo', 'foo1']);
  refused(() => parseTopicsToMoveFile('{"topics":[{"topic":"foo"},{"topic":"foo"}]}', 't.json'), CommandError, 'List of topics to reassign contains duplicate entries: foo');
  refused(() => parseTopicsToMoveFile('{"topics":[]}', 't.json'), CommandError, 'Topics to move data file t.json is invalid: topics must NOT have fewer than 1 items');
  refused(() => parseTopicsToMoveFile('{}', 't.json'), CommandError, "Topics to move data file t.json is invalid: (root) must have required property 'topics'");
  refused(() => parseTopicsToMoveFile('x', 't.json'), CommandError, /^Topics to move data file t\.json is not valid JSON/);
  assert.deepEqual(parseBrokerList('3,1,2'), [3, 1, 2]);
  assert.deepEqual(parseBrokerList(' 1, 2'), [1, 2]);
  refused(() => parseBrokerList('1,1,3'), UsageError, 'Broker list contains duplicate entries: 1');
  refused(() => parseBrokerList('a,b'), UsageError, '--broker-list: "a" is not a broker id (expected a list like 0,1,2)');
  refused(() => parseBrokerList('1,,2'), UsageError, /"" is not a broker id/);
  refused(() => parseBrokerList('-1'), UsageError, /"-1" is not a broker id/);
});
