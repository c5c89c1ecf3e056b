// Pure rules behind the safe topic writes: keep-what-is-there encoders (H1), the new-topic format
// per line, inherited ACLs (H5), internal topics per version and their refusal wording (H6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeTopicAssignment, encodeTopicAssignmentOver } from '../../src/zk/codecs/topicAssignment.js';
import { encodeEntityConfigOver } from '../../src/zk/codecs/entityConfig.js';
import { digestId, inheritedAcl, isSensitivePath } from '../../src/zk/client.js';
import { internalPartitionsMessage, protectedTopicTest } from '../../src/topics/internal.js';
import { knowledgeFrom } from '../../src/kafka/cluster.js';
import { parseKafkaVersion, versionOfLine } from '../../src/kafka/version.js';
import type { NamespaceFacts } from '../../src/kafka/signals.js';

test('H1: rewriting a topic znode keeps topic_id, adding/removing, unknown keys, key order and the version field', () => {
  const prev = Buffer.from('{"removing_replicas":{},"partitions":{"1":[0,1],"0":[1,0]},"topic_id":"IbDxY7jFS5OydAZS-H_mEQ","x":[1],"adding_replicas":{},"version":3}');
  const out = encodeTopicAssignmentOver(prev, new Map([[0, [1, 0]], [1, [0, 1]], [2, [1, 0]]]));
  assert.equal(out.toString(), '{"removing_replicas":{},"partitions":{"0":[1,0],"1":[0,1],"2":[1,0]},"topic_id":"IbDxY7jFS5OydAZS-H_mEQ","x":[1],"adding_replicas":{},"version":3}');
  // A 0.9 znode stays version 1.
  assert.equal(encodeTopicAssignmentOver(Buffer.from('{"version":1,"partitions":{"0":[1]}}'), new Map([[0, [1]], [1, [2]]])).toString(), '{"version":1,"partitions":{"0":[1],"1":[2]}}');
});

test('new topic znodes: v1 (0.9-2.3), v2 with empty adding/removing (2.4-2.7), v3 without topic_id (2.8+)', () => {
  const a = new Map([[0, [1, 2]]]);
  assert.equal(encodeTopicAssignment(a).toString(), '{"version":1,"partitions":{"0":[1,2]}}');
  assert.equal(encodeTopicAssignment(a, 2).toString(), '{"removing_replicas":{},"partitions":{"0":[1,2]},"adding_replicas":{},"version":2}');
  assert.equal(encodeTopicAssignment(a, 3).toString(), '{"removing_replicas":{},"partitions":{"0":[1,2]},"adding_replicas":{},"version":3}');
});

test('config znode rewrites keep their other fields and version', () => {
  const out = encodeEntityConfigOver(Buffer.from('{"version":1,"config":{"a":"1"},"extra":true}'), new Map([['b', '2']]));
  assert.equal(out.toString(), '{"version":1,"config":{"b":"2"},"extra":true}');
  assert.equal(encodeEntityConfigOver(null, new Map()).toString(), '{"version":1,"config":{}}');
});

test('H5: inherited ACLs keep the parent\'s principals, drop world entries, add ktool and world READ except on sensitive paths', () => {
  const parent = [
    { scheme: 'sasl', id: 'kafka', perms: 31 },
    { scheme: 'world', id: 'anyone', perms: 31 },
    { scheme: 'digest', id: digestId('admin:pw'), perms: 31 },
  ];
  assert.deepEqual(inheritedAcl('/brokers/topics/t', parent, digestId('admin:pw')), [
    { scheme: 'sasl', id: 'kafka', perms: 31 },
    { scheme: 'auth', id: '', perms: 31 },
    { scheme: 'world', id: 'anyone', perms: 1 },
  ]);
  for (const p of ['/config/brokers', '/config/brokers/0', '/config/users/u', '/delegation_token/tokens/x']) {
    assert.ok(isSensitivePath(p), p);
    assert.ok(!inheritedAcl(p, parent).some((a) => a.scheme === 'world'), p);
  }
  for (const p of ['/config/topics/t', '/config/brokersx', '/brokers/ids/1']) assert.ok(!isSensitivePath(p), p);
  assert.equal(digestId('admin:admin-secret'), 'admin:a6v9bDs6OoZr04/JO8wCjCHWzMs=');
});

const facts = (o: Partial<NamespaceFacts> = {}): NamespaceFacts => ({
  registrations: [], topicCount: 0, topicSample: [], clusterId: false, feature: null, controller: null, migration: false, ...o,
});

test('H6: internal topics per version; an inferred version protects every later internal topic', () => {
  const inferred = knowledgeFrom(facts({ registrations: [{ id: 1, version: 4, ktoolDaemon: false }], controller: { version: 1, brokerId: 1 } }));
  assert.equal(inferred.version.line, '0.10.2');
  const t = protectedTopicTest(inferred);
  assert.ok(t('__consumer_offsets') && t('__transaction_state') && t('__share_group_state'));
  const exact = knowledgeFrom(facts(), { version: parseKafkaVersion('0.10.2.1'), source: 'flag' });
  assert.ok(protectedTopicTest(exact)('__consumer_offsets'));
  assert.ok(!protectedTopicTest(exact)('__transaction_state'));
  assert.equal(internalPartitionsMessage(versionOfLine('2.2'), '__consumer_offsets'), 'The number of partitions for the offsets topic cannot be changed.');
  assert.equal(internalPartitionsMessage(versionOfLine('2.3'), '__consumer_offsets'), 'The number of partitions for the internal topics[__consumer_offsets, __transaction_state] cannot be changed.');
  assert.equal(internalPartitionsMessage(versionOfLine('3.9'), '__share_group_state'), 'The number of partitions for the internal topic __share_group_state cannot be changed.');
});
