import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_LINES, atLeast, compareVersions, parseKafkaVersion, versionOfLine, KafkaVersionError } from '../../src/kafka/version.js';
import { has, internalTopics, topicZnodeVersion, configChangeNoticeVersion } from '../../src/kafka/features.js';
import { versionOverride } from '../../src/kafka/cluster.js';

test('parses every release form to its line', () => {
  const cases: Array<[string, string]> = [
    ['0.9.0.1', '0.9.0'], ['0.9', '0.9.0'], ['0.10', '0.10.0'], ['0.10.1.1', '0.10.1'], ['0.10.2.2', '0.10.2'],
    ['0.11.0.3', '0.11.0'], ['1.0.2', '1.0'], ['1.1', '1.1'], ['2.8.2', '2.8'], ['3.9.0-rc3', '3.9'], ['3.9.x', '3.9'], ['3.0', '3.0'],
  ];
  for (const [input, line] of cases) assert.equal(parseKafkaVersion(input).line, line, input);
});

test('every supported line parses to itself and the lines are in order', () => {
  for (let i = 0; i < SUPPORTED_LINES.length; i++) {
    const v = parseKafkaVersion(SUPPORTED_LINES[i]!);
    assert.equal(v.line, SUPPORTED_LINES[i]);
    if (i > 0) assert.ok(compareVersions(versionOfLine(SUPPORTED_LINES[i - 1]!), v) < 0, SUPPORTED_LINES[i]);
  }
});

test('unknown or unsupported releases are usage errors listing the lines', () => {
  for (const bad of ['', 'latest', '0.8.2', '4.0', '3.10', '2', '2.8.2.1', '0.12.0', 'v2.8', '2.8 ']) {
    if (bad === '2.8 ') {
      assert.equal(parseKafkaVersion(bad).line, '2.8');
      continue;
    }
    assert.throws(() => parseKafkaVersion(bad), (e: unknown) => {
      assert.ok(e instanceof KafkaVersionError);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, /--kafka-version/);
      assert.match(e.message, /0\.9\.0, 0\.10\.0.*3\.9/);
      return true;
    }, bad);
  }
});

test('atLeast compares 0.x four-part lines and 1.x+ lines on one scale', () => {
  assert.ok(atLeast(parseKafkaVersion('0.10.1.1'), '0.10.1'));
  assert.ok(!atLeast(parseKafkaVersion('0.10.0.1'), '0.10.1'));
  assert.ok(atLeast(parseKafkaVersion('1.0'), '0.11.0'));
  assert.ok(!atLeast(parseKafkaVersion('2.7.2'), '2.8'));
  assert.ok(atLeast(parseKafkaVersion('3.0'), '2.8'));
});

test('features by line: topic znode format, notices, internal topics', () => {
  const v = (s: string) => parseKafkaVersion(s);
  assert.deepEqual([v('0.9'), v('2.3'), v('2.4'), v('2.7'), v('2.8'), v('3.9')].map(topicZnodeVersion), [1, 1, 2, 2, 3, 3]);
  assert.deepEqual([v('0.9'), v('0.10.0'), v('0.10.1'), v('3.9')].map(configChangeNoticeVersion), [1, 1, 2, 2]);
  assert.deepEqual(internalTopics(v('0.10.2')), ['__consumer_offsets']);
  assert.deepEqual(internalTopics(v('0.11.0')), ['__consumer_offsets', '__transaction_state']);
  assert.deepEqual(internalTopics(v('3.8')), ['__consumer_offsets', '__transaction_state']);
  assert.deepEqual(internalTopics(v('3.9')), ['__consumer_offsets', '__transaction_state', '__share_group_state']);
  assert.ok(has(v('3.4'), 'kraftMigration') && !has(v('3.3'), 'kraftMigration'));
});

test('the flag beats the environment; a bad environment value names the variable', () => {
  assert.equal(versionOverride('2.4', { KTOOL_KAFKA_VERSION: '3.9' })?.source, 'flag');
  assert.equal(versionOverride(undefined, { KTOOL_KAFKA_VERSION: '3.9' })?.version.line, '3.9');
  assert.equal(versionOverride(undefined, {}), undefined);
  assert.throws(() => versionOverride(undefined, { KTOOL_KAFKA_VERSION: '9.9' }), /\$KTOOL_KAFKA_VERSION/);
});
