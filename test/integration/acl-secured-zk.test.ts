// H5 (kafka-zk-safety.md): on a ZooKeeper secured as Kafka with zookeeper.set.acl=true leaves it
// (Kafka's principal ALL + world READ on its znodes, creator-only on sensitive paths), what ktool
// creates with KTOOL_ZK_AUTH must stay writable by Kafka's principal, must not be writable by
// anyone else, and sensitive paths must never become world-readable. Digest users "kafka" (stands
// for the brokers' principal) and "admin" (ktool's identity). On the old main, ktool's znodes got
// only ktool's identity + world READ, so the "kafka" steps below failed with NOAUTH.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { ZkClient, type Acl } from '../../src/zk/client.js';
import { isZkCode } from '../../src/zk/errors.js';
import { loadTree, readTree } from '../helpers/zk-tree.js';
import { buildNamespace } from '../helpers/kafka-namespaces.js';
import { runKtool } from '../helpers/ktool.js';

const digest = (user: string, password: string): string => `${user}:${createHash('sha1').update(`${user}:${password}`).digest('base64')}`;
const KAFKA = digest('kafka', 'kafka-secret');
const ADMIN = digest('admin', 'admin-secret');
const KAFKA_ACL: Array<[string, string, number]> = [['digest', KAFKA, 31], ['world', 'anyone', 1]];
const KAFKA_ONLY: Array<[string, string, number]> = [['digest', KAFKA, 31]];

let zk: ZkServer;
let root: ZkClient;
let anon: ZkClient;
before(async () => {
  zk = await startZooKeeper();
  root = await ZkClient.connect(zk.connect);
  anon = await ZkClient.connect(zk.connect);
});
after(async () => {
  await anon?.close();
  await root?.close();
  await zk?.stop();
});

const noAuth = (e: unknown): boolean => isZkCode(e, 'NO_AUTH');
const aclOf = async (c: ZkClient, p: string): Promise<string[]> => (await c.getAcl(p)).map((a) => `${a.scheme}:${a.id}:${a.perms}`).sort();

test('secured ZooKeeper: a topic ktool creates as "admin" stays Kafka\'s; nobody else may change it; a wrong password is a clear error', async () => {
  await root.mkdirp('/sec');
  const kafka = await ZkClient.connect(zk.connect + '/sec', { auth: 'kafka:kafka-secret' });
  const zkArg = ['--zookeeper', zk.connect + '/sec'];
  const asAdmin = (password: string, ...args: string[]) => runKtool(['topics', ...zkArg, ...args], { env: { KTOOL_ZK_AUTH: `admin:${password}` } });
  try {
    // A 2.8 cluster's namespace as its brokers (principal "kafka") leave it with zookeeper.set.acl=true.
    await loadTree(kafka, buildNamespace('2.8', { acl: KAFKA_ACL, sensitiveAcl: KAFKA_ONLY }));

    // Before the operator grants ktool's identity anything, the write fails clearly and changes nothing.
    let snapshot = await readTree(kafka);
    let r = await asAdmin('admin-secret', '--create', '--topic', 'sec', '--replica-assignment', '0:1');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^Error while executing topic command : ZooKeeper denied access to \/config\/topics\/sec \(NO_AUTH\): the digest identity "admin" from KTOOL_ZK_AUTH lacks permission there; check the user and password in KTOOL_ZK_AUTH\n$/);
    assert.deepEqual(await readTree(kafka), snapshot);

    // The operator's grant (README "Secured ZooKeeper": setAcl adding digest:admin:<hash>:cdrwa).
    for (const p of ['/brokers/topics', '/config/topics', '/config/changes', '/admin/delete_topics', '/config/brokers']) {
      const cur = await kafka.getAcl(p);
      await kafka.setAcl(p, [...cur, { scheme: 'digest', id: ADMIN, perms: 31 }]);
    }

    // (c) A wrong password: ZooKeeper accepts the digest at connect, then refuses the write.
    snapshot = await readTree(kafka);
    r = await asAdmin('wrong', '--create', '--topic', 'sec', '--replica-assignment', '0:1');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /NO_AUTH\): the digest identity "admin" from KTOOL_ZK_AUTH lacks permission there; check the user and password in KTOOL_ZK_AUTH/);
    assert.doesNotMatch(r.stdout + r.stderr, /at .*\.js:\d+/, 'no stack trace');
    assert.deepEqual(await readTree(kafka), snapshot);

    // (a) ktool creates the topic; its znodes carry the parent's entries (kafka, the granted admin), ktool's identity and world READ.
    r = await asAdmin('admin-secret', '--create', '--topic', 'sec', '--replica-assignment', '0:1');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const p of ['/brokers/topics/sec', '/config/topics/sec']) {
      assert.deepEqual(await aclOf(kafka, p), [`digest:${ADMIN}:31`, `digest:${KAFKA}:31`, 'world:anyone:1'].sort(), p);
    }
    // Kafka's controller (principal "kafka") can now do its part: partition znodes, state, topic id.
    await kafka.create('/brokers/topics/sec/partitions', null, undefined, KAFKA_ACL.map(([scheme, id, perms]) => ({ scheme, id, perms })));
    await kafka.create('/brokers/topics/sec/partitions/0', null);
    await kafka.create('/brokers/topics/sec/partitions/0/state', '{"controller_epoch":2,"leader":0,"version":1,"leader_epoch":0,"isr":[0,1]}');
    const cur = (await kafka.getData('/brokers/topics/sec')).data!.toString();
    await kafka.setData('/brokers/topics/sec', cur.replace('"version":3', '"topic_id":"AAAAAAAAAAAAAAAAAAAAAA","version":3'));
    await kafka.setData('/config/topics/sec', '{"version":1,"config":{"retention.ms":"1"}}');

    // ktool's later writes (config + notice, delete marker) work as "admin" too.
    r = await asAdmin('admin-secret', '--alter', '--topic', 'sec', '--config', 'retention.ms=2');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    r = await asAdmin('admin-secret', '--delete', '--topic', 'sec');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    await kafka.remove('/admin/delete_topics/sec'); // the controller clears the marker

    // (b) An unauthenticated client can read, but not change or delete, what ktool created.
    const a = '/sec';
    assert.ok((await anon.getData(`${a}/brokers/topics/sec`)).data);
    await assert.rejects(anon.setData(`${a}/brokers/topics/sec`, '{}'), noAuth);
    await assert.rejects(anon.setData(`${a}/config/topics/sec`, '{}'), noAuth);
    await assert.rejects(anon.create(`${a}/brokers/topics/sec/intruder`, null), noAuth);
    await assert.rejects(anon.remove(`${a}/config/topics/sec`), noAuth);
    await assert.rejects(anon.remove(`${a}/brokers/topics/sec/partitions/0/state`), noAuth);

    // Sensitive paths never get world READ, whoever creates below them (central, in ZkClient).
    const adminZk = await ZkClient.connect(zk.connect + '/sec', { auth: 'admin:admin-secret' });
    try {
      await adminZk.create('/config/brokers/0', '{"version":1,"config":{"leader.replication.throttled.rate":"1"}}');
      assert.deepEqual(await aclOf(kafka, '/config/brokers/0'), [`digest:${ADMIN}:31`, `digest:${KAFKA}:31`].sort());
      await assert.rejects(anon.getData(`${a}/config/brokers/0`), noAuth);
      // Multi creates inherit too, also from a parent created earlier in the same transaction.
      await adminZk.multi([
        { op: 'create', path: '/config/topics/m1', data: '{"version":1,"config":{}}' },
        { op: 'create', path: '/config/topics/m1/child', data: null },
      ]);
      assert.deepEqual(await aclOf(kafka, '/config/topics/m1/child'), [`digest:${ADMIN}:31`, `digest:${KAFKA}:31`, 'world:anyone:1'].sort());
    } finally {
      await adminZk.close();
    }
  } finally {
    await kafka.close();
  }
});

test('an open parent does not make ktool\'s znodes world-writable', async () => {
  await root.mkdirp('/open');
  const loader = await ZkClient.connect(zk.connect + '/open');
  // ZooKeeper shows digest hashes only to clients with ADMIN on the znode.
  const admin = await ZkClient.connect(zk.connect + '/open', { auth: 'admin:admin-secret' });
  try {
    await loadTree(loader, buildNamespace('2.4'));
    const r = await runKtool(['topics', '--zookeeper', zk.connect + '/open', '--create', '--topic', 'o', '--replica-assignment', '0'], { env: { KTOOL_ZK_AUTH: 'admin:admin-secret' } });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const acl: Acl[] = await admin.getAcl('/brokers/topics/o');
    assert.deepEqual(acl.map((x) => [x.scheme, x.id, x.perms]), [['digest', ADMIN, 31], ['world', 'anyone', 1]]);
    await assert.rejects(anon.setData('/open/brokers/topics/o', '{}'), noAuth);
  } finally {
    await admin.close();
    await loader.close();
  }
});
