// --config / --delete-config parsing and Kafka 0.9 topic config validation (§4.5, transcript A.2/A.3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TOPIC_CONFIGS, parseConfigArgs, parseDeleteConfigArgs, validateTopicConfigs } from '../../src/topics/topic-configs.js';

const bad = (k: string, v: string): string | undefined => {
  try {
    validateTopicConfigs(new Map([[k, v]]));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('topic configs', () => {
  it("knows exactly Kafka 0.9's 18 topic config names", () => {
    assert.deepEqual(
      TOPIC_CONFIGS.map((c) => c.name),
      [
        'cleanup.policy', 'compression.type', 'delete.retention.ms', 'file.delete.delay.ms', 'flush.messages', 'flush.ms',
        'index.interval.bytes', 'max.message.bytes', 'min.cleanable.dirty.ratio', 'min.insync.replicas', 'preallocate',
        'retention.bytes', 'retention.ms', 'segment.bytes', 'segment.index.bytes', 'segment.jitter.ms', 'segment.ms',
        'unclean.leader.election.enable',
      ],
    );
  });
  it('parses k=v with optional spaces around =, trimmed; later repeats win', () => {
    const m = parseConfigArgs(['retention.ms=86400000', ' cleanup.policy = compact ', 'retention.ms=5']);
    assert.deepEqual([...m], [['retention.ms', '5'], ['cleanup.policy', 'compact']]);
  });
  it('refuses anything that does not split into exactly key and value', () => {
    const msg = 'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".';
    for (const arg of ['retention.ms', 'retention.ms=', 'retention.ms=1000,segment.ms=2000', 'a=b=c']) {
      assert.throws(() => parseConfigArgs([arg]), { message: msg }, arg);
    }
  });
  it('refuses unknown names (also for --delete-config)', () => {
    assert.throws(() => parseConfigArgs(['foo.bar=1']), { message: 'requirement failed: Unknown configuration "foo.bar".' });
    assert.throws(() => parseDeleteConfigArgs(['retention.ms', 'foo.bar']), { message: 'requirement failed: Unknown configuration "foo.bar".' });
    assert.deepEqual(parseDeleteConfigArgs([' retention.ms ']), ['retention.ms']);
  });
  it("validates values by type with Kafka's ConfigException text", () => {
    assert.equal(bad('retention.ms', 'abc'), 'Invalid value abc for configuration retention.ms: Not a number of type LONG');
    assert.equal(bad('retention.ms', '-1'), undefined);
    assert.equal(bad('retention.ms', '9223372036854775808'), 'Invalid value 9223372036854775808 for configuration retention.ms: Not a number of type LONG');
    assert.equal(bad('max.message.bytes', '2147483648'), 'Invalid value 2147483648 for configuration max.message.bytes: Not a number of type INT');
    assert.equal(bad('max.message.bytes', '1.5'), 'Invalid value 1.5 for configuration max.message.bytes: Not a number of type INT');
    assert.equal(bad('segment.ms', '-1'), 'Invalid value -1 for configuration segment.ms: Value must be at least 0');
    assert.equal(bad('min.insync.replicas', '0'), 'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1');
    assert.equal(bad('segment.bytes', '13'), 'Invalid value 13 for configuration segment.bytes: Value must be at least 14');
    assert.equal(bad('min.cleanable.dirty.ratio', '0.5'), undefined);
    assert.equal(bad('min.cleanable.dirty.ratio', '1.5'), 'Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1');
    assert.equal(bad('min.cleanable.dirty.ratio', '2'), 'Invalid value 2.0 for configuration min.cleanable.dirty.ratio: Value must be no more than 1');
    assert.equal(bad('min.cleanable.dirty.ratio', 'x'), 'Invalid value x for configuration min.cleanable.dirty.ratio: Not a number of type DOUBLE');
    assert.equal(bad('preallocate', 'TRUE'), undefined);
    assert.equal(bad('preallocate', 'yes'), 'Invalid value yes for configuration preallocate: Expected value to be either true or false');
    assert.equal(bad('cleanup.policy', 'foo'), 'Invalid value foo for configuration cleanup.policy: String must be one of: compact, delete');
    assert.equal(bad('cleanup.policy', 'compact'), undefined);
    assert.equal(
      bad('compression.type', 'zstd'),
      'Invalid value zstd for configuration compression.type: String must be one of: uncompressed, snappy, lz4, gzip, producer',
    );
    assert.equal(bad('compression.type', 'lz4'), undefined);
  });
  it('checks names before values', () => {
    assert.throws(() => validateTopicConfigs(new Map([['retention.ms', 'x'], ['nope', '1']])), { message: /Unknown configuration "nope"/ });
  });
});
