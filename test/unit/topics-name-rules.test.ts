// Topic name rules and '.'/'_' collisions (§4.4, transcript A.2).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collidingTopics, hasCollisionChars, validateTopicName } from '../../src/topics/name-rules.js';

describe('topic name rules', () => {
  it('accepts legal names up to 249 characters', () => {
    for (const t of ['a', 'my.topic', 'my_topic', 'A-Z_0.9', 'x'.repeat(249)]) validateTopicName(t);
  });
  it("refuses illegal names with Kafka 0.9's messages", () => {
    assert.throws(() => validateTopicName(''), { message: "topic name is illegal, can't be empty" });
    assert.throws(() => validateTopicName('.'), { message: 'topic name cannot be "." or ".."' });
    assert.throws(() => validateTopicName('..'), { message: 'topic name cannot be "." or ".."' });
    assert.throws(() => validateTopicName('x'.repeat(250)), { message: "topic name is illegal, can't be longer than 249 characters" });
    assert.throws(() => validateTopicName('bad/name'), {
      message: "topic name bad/name is illegal, contains a character other than ASCII alphanumerics, '.', '_' and '-'",
    });
    assert.throws(() => validateTopicName('a b'), { message: /^topic name a b is illegal/ });
    assert.throws(() => validateTopicName('é'), { message: /is illegal, contains a character/ });
  });
  it("detects '.'/'_' collisions, excluding the name itself", () => {
    assert.equal(hasCollisionChars('plain-name'), false);
    assert.equal(hasCollisionChars('a.b'), true);
    assert.equal(hasCollisionChars('a_b'), true);
    assert.deepEqual(collidingTopics('my_topic', ['my.topic', 'other', 'my_topic']), ['my.topic']);
    assert.deepEqual(collidingTopics('under.score', ['under_score']), ['under_score']);
    assert.deepEqual(collidingTopics('a.b_c', ['a_b.c', 'a.b.c', 'a_b_c', 'abc']), ['a.b.c', 'a_b.c', 'a_b_c']);
    assert.deepEqual(collidingTopics('plain', ['plain']), []);
  });
});
