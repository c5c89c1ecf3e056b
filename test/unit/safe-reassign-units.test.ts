// Pure parts of the reassign safety rules: which controllers --cancel can work with (H4), and
// the rewrite of /admin/reassign_partitions that keeps what ktool does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knowledgeFrom } from '../../src/kafka/cluster.js';
import type { NamespaceFacts } from '../../src/kafka/signals.js';
import { assertCancelSafe } from '../../src/reassign/cancel-guard.js';
import { rewriteReassignPartitions } from '../../src/zk/codecs/reassignPartitions.js';

const empty: NamespaceFacts = { registrations: [], topicCount: 0, topicSample: [], clusterId: false, feature: null, controller: null, migration: false };
const k = (over: Partial<NamespaceFacts>) => knowledgeFrom({ ...empty, ...over });

// H4
test('--cancel is allowed only where a ktool daemon (or, with no trace of Kafka, the next controller) reads the rewrite', () => {
  assert.doesNotThrow(() => assertCancelSafe(k({ registrations: [{ id: 1, version: 2, ktoolDaemon: true }], controller: { version: 1, brokerId: 1 } })));
  assert.doesNotThrow(() => assertCancelSafe(k({})), 'empty namespace, no controller');
  assert.doesNotThrow(() => assertCancelSafe(k({ registrations: [{ id: 1, version: 2, ktoolDaemon: true }] })), 'ktool daemons electing');
  const refused: Array<[Partial<NamespaceFacts>, RegExp]> = [
    [{ registrations: [{ id: 0, version: 4, ktoolDaemon: false }], controller: { version: 1, brokerId: 0 } }, /the controller \(broker 0\) is a Kafka broker/],
    [{ registrations: [{ id: 0, version: 5, ktoolDaemon: false }], controller: { version: 2, brokerId: 3000, kraftControllerEpoch: 4 } }, /a KRaft controller is in charge/],
    [{ registrations: [{ id: 1, version: 2, ktoolDaemon: true }], controller: { version: 1, brokerId: 9 } }, /the controller \(broker 9\) has no registration/],
    [{ registrations: [{ id: 0, version: 2, ktoolDaemon: false }] }, /there is no controller and the namespace shows a Kafka broker \(broker 0 is registered/],
    [{ clusterId: true }, /there is no controller and the namespace shows a Kafka broker \(\/cluster\/id exists/],
  ];
  for (const [facts, msg] of refused) {
    assert.throws(() => assertCancelSafe(k(facts)), (e: Error & { exitCode?: number }) => {
      assert.equal(e.exitCode, 1);
      assert.match(e.message, msg);
      assert.match(e.message, /--bootstrap-server <broker> --cancel/);
      return true;
    });
  }
});

test('the rewrite keeps the version field, unknown top-level and entry fields, and resets log_dirs only of changed targets', () => {
  const prev = Buffer.from(
    JSON.stringify({
      version: 1,
      partitions: [
        { topic: 'a', partition: 0, replicas: [1, 2, 3], log_dirs: ['any', '/d1', 'any'], extra: true },
        { topic: 'b', partition: 1, replicas: [2], log_dirs: ['/d2'] },
      ],
      future: { x: 1 },
    }),
  );
  const out = rewriteReassignPartitions(prev, '/admin/reassign_partitions', [
    { topic: 'a', partition: 0, replicas: [1, 2] },
    { topic: 'b', partition: 1, replicas: [2] },
  ]);
  assert.equal(
    out.toString(),
    JSON.stringify({
      version: 1,
      partitions: [
        { topic: 'a', partition: 0, replicas: [1, 2], log_dirs: ['any', 'any'], extra: true },
        { topic: 'b', partition: 1, replicas: [2], log_dirs: ['/d2'] },
      ],
      future: { x: 1 },
    }),
  );
  assert.throws(() => rewriteReassignPartitions(Buffer.from('nope'), '/admin/reassign_partitions', []), /\/admin\/reassign_partitions/);
});
