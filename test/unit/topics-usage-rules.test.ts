// Argument checks in Kafka 0.9's order (transcript A.1) plus ktool's stricter ones; all usage errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/cli/errors.js';
import { checkPartitionCount, checkTopicsArgs, parseIntFlag, type TopicsFlags } from '../../src/topics/usage-rules.js';

const fails = (f: TopicsFlags, message: string): void => {
  assert.throws(() => checkTopicsArgs(f), (e) => e instanceof UsageError && e.message === message, JSON.stringify(f));
};
const ONE = 'Command must include exactly one action: --list, --describe, --create, --alter or --delete';

describe('topics argument rules', () => {
  it('needs exactly one action', () => {
    fails({}, ONE);
    fails({ list: true, describe: true }, ONE);
    assert.equal(checkTopicsArgs({ list: true }), 'list');
  });
  it('needs --topic except for list/describe (and create --from-file)', () => {
    fails({ alter: true }, 'Missing required argument "[topic]"');
    fails({ delete: true }, 'Missing required argument "[topic]"');
    fails({ create: true, partitions: '1', 'replication-factor': '1' }, 'Missing required argument "[topic]"');
    assert.equal(checkTopicsArgs({ create: true, 'from-file': 'f.json' }), 'create');
  });
  it("reports forbidden combinations with Kafka's text, in Kafka's order", () => {
    fails({ list: true, partitions: '3' }, 'Option "[partitions]" can\'t be used with option"[list]"');
    fails({ describe: true, 'replication-factor': '3' }, 'Option "[replication-factor]" can\'t be used with option"[describe]"');
    fails({ alter: true, topic: 'x', 'replication-factor': '3' }, 'Option "[replication-factor]" can\'t be used with option"[alter]"');
    fails({ create: true, topic: 'x', partitions: '1', 'replication-factor': '1', 'replica-assignment': '1' }, 'Option "[replica-assignment]" can\'t be used with option"[partitions]"');
    fails({ create: true, topic: 'x', 'replica-assignment': '1:2', 'replication-factor': '2' }, 'Option "[replica-assignment]" can\'t be used with option"[replication-factor]"');
    fails({ create: true, topic: 'x', partitions: '1', 'replication-factor': '1', 'delete-config': ['a'] }, 'Option "[delete-config]" can\'t be used with option"[create]"');
    fails({ create: true, topic: 'x', 'replica-assignment': '1', config: ['a=b'], 'topics-with-overrides': true }, 'Option "[topics-with-overrides]" can\'t be used with option"[create]"');
    fails({ list: true, 'under-replicated-partitions': true }, 'Option "[under-replicated-partitions]" can\'t be used with option"[list]"');
    fails({ describe: true, 'under-replicated-partitions': true, 'unavailable-partitions': true }, 'Option "[under-replicated-partitions]" can\'t be used with option"[unavailable-partitions]"');
    fails({ describe: true, topic: 't', 'topics-with-overrides': true, 'under-replicated-partitions': true }, 'Option "[under-replicated-partitions]" can\'t be used with option"[topics-with-overrides]"');
    fails({ describe: true, 'non-preferred-leader-partitions': true, 'unavailable-partitions': true }, 'Option "[unavailable-partitions]" can\'t be used with option"[non-preferred-leader-partitions]"');
  });
  it('is stricter than Kafka 0.9 where 0.9 silently ignored flags', () => {
    fails({ delete: true, topic: 'x', partitions: '2' }, 'Option "[partitions]" can\'t be used with option"[delete]"');
    fails({ list: true, 'if-exists': true }, 'Option "[if-exists]" can\'t be used with option"[list]"');
    fails({ alter: true, topic: 'x', 'if-not-exists': true }, 'Option "[if-not-exists]" can\'t be used with option"[alter]"');
    fails({ alter: true, topic: 'x', partitions: '3', 'disable-rack-aware': true }, 'Option "[disable-rack-aware]" can\'t be used with option"[alter]"');
    fails({ create: true, topic: 'x', partitions: '1', 'replication-factor': '1', 'exclude-internal': true }, 'Option "[exclude-internal]" can\'t be used with option"[create]"');
    fails({ create: true, 'from-file': 'f', partitions: '3' }, 'Option "[from-file]" can\'t be used with option"[partitions]"');
    fails({ alter: true, topic: 'x', 'replica-assignment': '1:2' }, 'Option "[replica-assignment]" requires option "[partitions]" with --alter (list every partition, existing ones first)');
  });
  it('create needs partitions and replication factor unless given an assignment', () => {
    fails({ create: true, topic: 'x' }, 'Missing required argument "[partitions]"');
    fails({ create: true, topic: 'x', partitions: '1' }, 'Missing required argument "[replication-factor]"');
    assert.equal(checkTopicsArgs({ create: true, topic: 'x', 'replica-assignment': '1:2' }), 'create');
  });
  it('refuses partition counts that cannot fit in a znode', () => {
    checkPartitionCount(1_000_000);
    checkPartitionCount(undefined);
    assert.throws(() => checkPartitionCount(2147483647), (e) => e instanceof UsageError && /too large: 2147483647/.test(e.message));
  });
  it("converts integers like jopt-simple, with its message", () => {
    assert.equal(parseIntFlag('partitions', '-1'), -1);
    assert.equal(parseIntFlag('partitions', '+7'), 7);
    assert.equal(parseIntFlag('partitions', undefined), undefined);
    for (const raw of ['abc', '1.0', '', ' 1', '2147483648']) {
      assert.throws(() => parseIntFlag('partitions', raw), { message: `Cannot convert argument '${raw}' of option ['partitions'] to class java.lang.Integer` });
    }
  });
});
