// `--topic` as Kafka's whitelist regex (§4.3, transcript A.4).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseWhitelist, selectTopics, whitelistRegex } from '../../src/topics/select.js';
import { isInternalTopic } from '../../src/topics/internal.js';

const ALL = ['__consumer_offsets', 'a-b', 'a.b', 'aXb', 'auto1', 'cfg1', 'manual1', 'my.topic', 'ra9'];

describe('topic whitelist selection', () => {
  it('normalises like Kafka: commas to |, spaces dropped, outer quotes stripped', () => {
    assert.equal(normaliseWhitelist(' auto1, cfg1 '), 'auto1|cfg1');
    assert.equal(normaliseWhitelist(`"'cfg1'"`), 'cfg1');
    assert.equal(normaliseWhitelist('a b'), 'ab');
  });
  it('matches whole names only', () => {
    assert.deepEqual(selectTopics(ALL, 'auto'), []);
    assert.deepEqual(selectTopics(ALL, 'auto1'), ['auto1']);
    assert.deepEqual(selectTopics(ALL, 'm.*'), ['manual1', 'my.topic']);
    assert.deepEqual(selectTopics(ALL, 'auto1,cfg1'), ['auto1', 'cfg1']);
    assert.deepEqual(selectTopics(ALL, '"cfg1"'), ['cfg1']);
    assert.deepEqual(selectTopics(ALL, 'auto1|my.*'), ['auto1', 'my.topic']);
  });
  it('treats . as any character unless escaped', () => {
    assert.deepEqual(selectTopics(ALL, 'a.b'), ['a-b', 'a.b', 'aXb']);
    assert.deepEqual(selectTopics(ALL, '"a\\.b"'), ['a.b']);
  });
  it('selects everything without --topic, and can exclude internal topics', () => {
    assert.deepEqual(selectTopics(ALL, undefined), ALL);
    assert.deepEqual(selectTopics(ALL, undefined, { excludeInternal: isInternalTopic }), ALL.slice(1));
  });
  it("reports an invalid regex with Kafka's text", () => {
    assert.throws(() => whitelistRegex('a(b'), { message: 'a(b is an invalid regex.' });
    assert.throws(() => whitelistRegex('x, [y'), { message: 'x|[y is an invalid regex.' });
  });
});
