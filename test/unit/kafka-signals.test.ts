import { test } from 'node:test';
import assert from 'node:assert/strict';
import { infer, type NamespaceFacts } from '../../src/kafka/signals.js';

const empty: NamespaceFacts = { registrations: [], topicCount: 0, topicSample: [], clusterId: false, feature: null, controller: null, migration: false };
const facts = (over: Partial<NamespaceFacts>): NamespaceFacts => ({ ...empty, ...over });

test('an empty namespace is the version the daemon speaks', () => {
  const i = infer(empty);
  assert.equal(i.version.line, '0.9.0');
  assert.equal(i.basis, 'empty-namespace');
  assert.equal(i.controller.kind, 'none');
  assert.deepEqual(i.realKafka, []);
});

test('ktool daemons prove nothing newer and are told apart from Kafka brokers', () => {
  const i = infer(facts({ registrations: [{ id: 1, version: 2, ktoolDaemon: true }], controller: { version: 1, brokerId: 1 }, topicCount: 3 }));
  assert.equal(i.version.line, '0.9.0');
  assert.equal(i.basis, 'ktool-daemons');
  assert.equal(i.controller.kind, 'ktool');
  assert.deepEqual(i.realKafka, []);
});

test('each signal proves its line; the highest wins', () => {
  const reg = (version: number) => facts({ registrations: [{ id: 0, version, ktoolDaemon: false }] });
  assert.equal(infer(reg(2)).version.line, '0.9.0');
  assert.equal(infer(reg(3)).version.line, '0.10.0');
  assert.equal(infer(reg(4)).version.line, '0.10.2');
  assert.equal(infer(reg(5)).version.line, '2.7');
  assert.equal(infer(facts({ clusterId: true })).version.line, '0.10.1');
  assert.equal(infer(facts({ topicSample: [{ topic: 't', version: 2, hasTopicId: false, hasAddingRemoving: true }] })).version.line, '2.4');
  assert.equal(infer(facts({ topicSample: [{ topic: 't', version: 3, hasTopicId: true, hasAddingRemoving: true }] })).version.line, '2.8');
  assert.equal(infer(facts({ feature: { version: 1 } })).version.line, '2.7');
  assert.equal(infer(facts({ feature: { version: 2 } })).version.line, '3.3');
  const k = infer(facts({ registrations: [{ id: 0, version: 5, ktoolDaemon: false }], clusterId: true, feature: { version: 2 }, controller: { version: 2, brokerId: 0, kraftControllerEpoch: -1 } }));
  assert.equal(k.version.line, '3.4');
  assert.equal(k.signals[0]!.reason, '/controller is version 2');
  assert.equal(k.controller.kind, 'kafka');
  assert.equal(k.migration, null);
  assert.ok(k.realKafka.length >= 3);
});

test('a migration is seen from /migration or a KRaft controller epoch', () => {
  assert.match(infer(facts({ migration: true })).migration ?? '', /\/migration exists/);
  const k = infer(facts({ controller: { version: 2, brokerId: 3000, kraftControllerEpoch: 5 } }));
  assert.equal(k.controller.kind, 'kraft');
  assert.match(k.migration ?? '', /kraftControllerEpoch 5/);
});

test('a controller id without a registration is reported as such', () => {
  assert.equal(infer(facts({ controller: { version: 1, brokerId: 7 } })).controller.kind, 'unregistered');
});
