// The topic-config catalog by Kafka version (kafka-versions-dialects.md §5.1): every config of
// 0.9–3.9, one valid and one invalid value each, checked at every supported release line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_LINES, atLeast, versionOfLine } from '../../src/kafka/version.js';
import { TOPIC_CONFIG_CATALOG, topicConfigNames, validateDeleteConfigNamesFor, validateTopicConfigsFor } from '../../src/kafka/configs/index.js';
import { parseConfigArgs, parseDeleteConfigArgs, validateTopicConfigs } from '../../src/topics/topic-configs.js';

/** name → since, a value valid in every era, a value refused (from `invalidFrom` when validators were added later). */
const TABLE: Array<{ name: string; since: string; valid: string; invalid: string; invalidFrom?: string }> = [
  { name: 'cleanup.policy', since: '0.9.0', valid: 'compact', invalid: 'foo' },
  { name: 'compression.gzip.level', since: '3.8', valid: '5', invalid: '0' },
  { name: 'compression.lz4.level', since: '3.8', valid: '9', invalid: '18' },
  { name: 'compression.type', since: '0.9.0', valid: 'gzip', invalid: 'brotli' },
  { name: 'compression.zstd.level', since: '3.8', valid: '-5', invalid: '23' },
  { name: 'delete.retention.ms', since: '0.9.0', valid: '1000', invalid: '-1' },
  { name: 'file.delete.delay.ms', since: '0.9.0', valid: '0', invalid: '-1' },
  { name: 'flush.messages', since: '0.9.0', valid: '1', invalid: '-1' },
  { name: 'flush.ms', since: '0.9.0', valid: '0', invalid: 'x' },
  { name: 'follower.replication.throttled.replicas', since: '0.10.1', valid: '0:1,1:2', invalid: '0-1' },
  { name: 'index.interval.bytes', since: '0.9.0', valid: '4096', invalid: '-1' },
  { name: 'leader.replication.throttled.replicas', since: '0.10.1', valid: '*', invalid: 'a:b' },
  { name: 'local.retention.bytes', since: '3.0', valid: '-2', invalid: '-3' },
  { name: 'local.retention.ms', since: '3.0', valid: '-2', invalid: '-3' },
  { name: 'max.compaction.lag.ms', since: '2.3', valid: '1', invalid: '0' },
  { name: 'max.message.bytes', since: '0.9.0', valid: '1048588', invalid: '2147483648' },
  { name: 'message.downconversion.enable', since: '2.0', valid: 'false', invalid: 'no' },
  { name: 'message.format.version', since: '0.10.0', valid: '0.10.0', invalid: 'x', invalidFrom: '2.1' },
  { name: 'message.timestamp.after.max.ms', since: '3.6', valid: '0', invalid: '-1' },
  { name: 'message.timestamp.before.max.ms', since: '3.6', valid: '0', invalid: '-1' },
  { name: 'message.timestamp.difference.max.ms', since: '0.10.0', valid: '0', invalid: '-1' },
  { name: 'message.timestamp.type', since: '0.10.0', valid: 'LogAppendTime', invalid: 'Foo', invalidFrom: '2.0' },
  { name: 'min.cleanable.dirty.ratio', since: '0.9.0', valid: '0.5', invalid: '1.5' },
  { name: 'min.compaction.lag.ms', since: '0.10.1', valid: '0', invalid: '-1' },
  { name: 'min.insync.replicas', since: '0.9.0', valid: '2', invalid: '0' },
  { name: 'preallocate', since: '0.9.0', valid: 'true', invalid: 'maybe' },
  { name: 'remote.log.copy.disable', since: '3.9', valid: 'false', invalid: 'true' },
  { name: 'remote.log.delete.on.disable', since: '3.9', valid: 'false', invalid: 'true' },
  { name: 'remote.storage.enable', since: '3.0', valid: 'true', invalid: 'yes' },
  { name: 'retention.bytes', since: '0.9.0', valid: '-1', invalid: 'x' },
  { name: 'retention.ms', since: '0.9.0', valid: '-1', invalid: 'x' },
  { name: 'segment.bytes', since: '0.9.0', valid: '14', invalid: '13' },
  { name: 'segment.index.bytes', since: '0.9.0', valid: '4', invalid: '-1' },
  { name: 'segment.jitter.ms', since: '0.9.0', valid: '0', invalid: '-1' },
  { name: 'segment.ms', since: '0.9.0', valid: '1', invalid: '-1' },
  { name: 'unclean.leader.election.enable', since: '0.9.0', valid: 'false', invalid: '0' },
];

const refusal = (line: string, name: string, value: string): string | undefined => {
  try {
    validateTopicConfigsFor(versionOfLine(line), new Map([[name, value]]));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('config-catalog: every §5.1 config at every release line', () => {
  it('the table covers exactly the catalog (36 names in 3.9)', () => {
    assert.deepEqual(TABLE.map((t) => t.name), TOPIC_CONFIG_CATALOG.map((e) => e.name));
    assert.deepEqual(TABLE.map((t) => t.name), topicConfigNames(versionOfLine('3.9')));
    for (const t of TABLE) assert.equal(TOPIC_CONFIG_CATALOG.find((e) => e.name === t.name)!.since, t.since, t.name);
  });
  for (const line of SUPPORTED_LINES) {
    it(`Kafka ${line}`, () => {
      const v = versionOfLine(line);
      for (const t of TABLE) {
        if (!atLeast(v, t.since)) {
          const msg = refusal(line, t.name, t.valid);
          assert.ok(msg, `${t.name} is unknown to ${line}`);
          if (line !== '0.9.0') {
            assert.match(msg!, new RegExp(`Kafka ${line.replace(/\./g, '\\.')} has no such topic config; ${t.name} was added in Kafka ${t.since.replace(/\./g, '\\.')}; closest known: [a-z.]+\\)$`));
          }
          continue;
        }
        assert.equal(refusal(line, t.name, t.valid), undefined, `${t.name}=${t.valid} on ${line}`);
        const bad = refusal(line, t.name, t.invalid);
        if (t.invalidFrom && !atLeast(v, t.invalidFrom)) assert.equal(bad, undefined, `${t.name}=${t.invalid} passes ${line}'s validators`);
        else assert.ok(bad, `${t.name}=${t.invalid} is refused on ${line}`);
      }
    });
  }
  it('counts: 18 in 0.9, 21 in 0.10.0, 24 in 0.10.1–1.1, 25 in 2.0–2.2, 26 in 2.3–2.8, 29 in 3.0–3.5, 31 in 3.6–3.7, 34 in 3.8, 36 in 3.9', () => {
    const count = (l: string): number => topicConfigNames(versionOfLine(l)).length;
    assert.deepEqual(
      ['0.9.0', '0.10.0', '0.10.1', '1.1', '2.0', '2.2', '2.3', '2.8', '3.0', '3.5', '3.6', '3.7', '3.8', '3.9'].map(count),
      [18, 21, 24, 24, 25, 25, 26, 26, 29, 29, 31, 31, 34, 36],
    );
  });
});

describe('config-catalog: values of later releases name the release', () => {
  it('compression.type=zstd on 2.0 names 2.1; accepted from 2.1', () => {
    assert.equal(
      refusal('2.0', 'compression.type', 'zstd'),
      'Invalid value zstd for configuration compression.type: String must be one of: uncompressed, snappy, lz4, gzip, producer (Kafka 2.1 accepts this value; the cluster runs Kafka 2.0)',
    );
    assert.equal(refusal('2.1', 'compression.type', 'zstd'), undefined);
    assert.match(refusal('2.1', 'compression.type', 'brotli')!, /String must be one of: uncompressed, zstd, snappy, lz4, gzip, producer$/);
  });
  it('cleanup.policy=compact,delete: a LIST from 0.10.1', () => {
    assert.equal(
      refusal('0.10.0', 'cleanup.policy', 'compact,delete'),
      'Invalid value compact,delete for configuration cleanup.policy: String must be one of: compact, delete (Kafka 0.10.1 accepts this value; the cluster runs Kafka 0.10.0)',
    );
    assert.equal(refusal('0.10.1', 'cleanup.policy', 'compact,delete'), undefined);
    assert.equal(refusal('2.8', 'cleanup.policy', 'compact, delete'), undefined);
    assert.equal(refusal('2.8', 'cleanup.policy', 'compact,foo'), 'Invalid value foo for configuration cleanup.policy: String must be one of: compact, delete');
  });
  it('bounds that tightened: segment.ms ≥ 1 from 2.0, retention.ms ≥ -1 from 2.2, flush.messages and segment.index.bytes from 3.3', () => {
    assert.equal(refusal('1.1', 'segment.ms', '0'), undefined);
    assert.equal(refusal('2.0', 'segment.ms', '0'), 'Invalid value 0 for configuration segment.ms: Value must be at least 1');
    assert.equal(refusal('2.1', 'retention.ms', '-2'), undefined);
    assert.equal(refusal('2.2', 'retention.ms', '-2'), 'Invalid value -2 for configuration retention.ms: Value must be at least -1');
    assert.equal(refusal('3.2', 'flush.messages', '0'), undefined);
    assert.equal(refusal('3.3', 'flush.messages', '0'), 'Invalid value 0 for configuration flush.messages: Value must be at least 1');
    assert.equal(refusal('3.3', 'segment.index.bytes', '3'), 'Invalid value 3 for configuration segment.index.bytes: Value must be at least 4');
  });
  it('message.format.version: any string until 2.0, a known version no newer than the cluster from 2.1', () => {
    assert.equal(refusal('2.0', 'message.format.version', 'banana'), undefined);
    assert.equal(refusal('2.1', 'message.format.version', '2.1-IV2'), undefined);
    assert.equal(refusal('2.1', 'message.format.version', '0.10.2'), undefined);
    assert.equal(refusal('2.1', 'message.format.version', '0.8.2'), undefined);
    assert.equal(
      refusal('2.1', 'message.format.version', '2.5'),
      'Invalid value 2.5 for configuration message.format.version: Version `2.5` is not a valid version (Kafka 2.5 accepts this value; the cluster runs Kafka 2.1)',
    );
    assert.equal(refusal('3.3', 'message.format.version', 'x'), 'Invalid value x for configuration message.format.version: Version x is not a valid version');
  });
  it('message.timestamp.type: any string until 1.1, CreateTime|LogAppendTime from 2.0', () => {
    assert.equal(refusal('1.1', 'message.timestamp.type', 'Whatever'), undefined);
    assert.equal(refusal('2.0', 'message.timestamp.type', 'Whatever'), 'Invalid value Whatever for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime');
  });
  it('throttled replicas: the validator message of each era', () => {
    assert.equal(
      refusal('0.10.1', 'leader.replication.throttled.replicas', '0-1'),
      'Invalid value [0-1] for configuration leader.replication.throttled.replicas: leader.replication.throttled.replicas  must match for format [partitionId],[brokerId]:[partitionId],[brokerId]:[partitionId],[brokerId] etc',
    );
    assert.match(refusal('1.1', 'leader.replication.throttled.replicas', '0-1, 2:3')!, /^Invalid value \[0-1, 2:3\] .*must be the literal '\*' or a list of replicas in the following format: \[partitionId\],\[brokerId\]:\[partitionId\],\[brokerId\]:\.\.\.$/);
    assert.match(refusal('2.4', 'follower.replication.throttled.replicas', '0-1')!, /\[partitionId\]:\[brokerId\],\[partitionId\]:\[brokerId\],\.\.\.$/);
  });
  it('cross-config rules: min > max compaction lag (2.3+), remote storage on a compacted topic (3.6+), remote.log.* true in ZooKeeper mode', () => {
    const both = new Map([['min.compaction.lag.ms', '10'], ['max.compaction.lag.ms', '5']]);
    assert.throws(() => validateTopicConfigsFor(versionOfLine('2.3'), both), { message: 'conflict topic config setting min.compaction.lag.ms (10) > max.compaction.lag.ms (5)' });
    const remote = new Map([['remote.storage.enable', 'true'], ['cleanup.policy', 'compact']]);
    assert.doesNotThrow(() => validateTopicConfigsFor(versionOfLine('3.5'), remote));
    assert.throws(() => validateTopicConfigsFor(versionOfLine('3.6'), remote), { message: 'Remote log storage is unsupported for the compacted topics' });
    assert.equal(refusal('3.9', 'remote.log.copy.disable', 'true'), "It is invalid to set `remote.log.delete.on.disable` or `remote.log.copy.disable` under Zookeeper's mode.");
  });
});

describe('config-catalog: unknown names', () => {
  it("each line's own message, then the version and the closest known name", () => {
    assert.equal(refusal('0.9.0', 'min.compaction.lag.ms', '1'), 'requirement failed: Unknown configuration "min.compaction.lag.ms".');
    assert.equal(
      refusal('0.10.0', 'retention.msx', '1'),
      'requirement failed: Unknown configuration `retention.msx`. (Kafka 0.10.0 has no such topic config; closest known: retention.ms)',
    );
    assert.equal(refusal('0.10.2', 'segmnt.ms', '1'), 'Unknown Log configuration segmnt.ms. (Kafka 0.10.2 has no such topic config; closest known: segment.ms)');
    assert.equal(
      refusal('2.2', 'max.compaction.lag.ms', '1'),
      'Unknown topic config name: max.compaction.lag.ms (Kafka 2.2 has no such topic config; max.compaction.lag.ms was added in Kafka 2.3; closest known: min.compaction.lag.ms)',
    );
  });
  it('--delete-config accepts every name the version knows, including later ones', () => {
    assert.doesNotThrow(() => validateDeleteConfigNamesFor(versionOfLine('2.3'), ['max.compaction.lag.ms', 'min.compaction.lag.ms', 'message.timestamp.type']));
    assert.throws(() => validateDeleteConfigNamesFor(versionOfLine('2.2'), ['max.compaction.lag.ms']), { message: /was added in Kafka 2\.3/ });
    assert.deepEqual(parseDeleteConfigArgs([' message.downconversion.enable '], versionOfLine('2.0')), ['message.downconversion.enable']);
    assert.throws(() => parseDeleteConfigArgs(['message.downconversion.enable']), { message: 'requirement failed: Unknown configuration "message.downconversion.enable".' });
  });
  it('the topics API keeps 0.9 by default and takes a version', () => {
    assert.throws(() => validateTopicConfigs(new Map([['compression.type', 'zstd']])), { message: /String must be one of: uncompressed, snappy, lz4, gzip, producer$/ });
    assert.deepEqual([...parseConfigArgs(['compression.type=zstd'], versionOfLine('2.8'))], [['compression.type', 'zstd']]);
  });
});
