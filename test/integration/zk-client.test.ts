// The ZooKeeper layer against a real server: stat kept, multi atomic with the failing op named,
// deep recursive delete, connect timeout on a dead port, chroot, digest auth ACLs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { ZkClient } from '../../src/zk/client.js';
import { ZkConnectError, ZkMultiError, isZkCode } from '../../src/zk/errors.js';
import { freePort, startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';

describe('ZkClient against a real ZooKeeper', () => {
  let zkServer: ZkServer;
  let zk: ZkClient;
  before(async () => {
    zkServer = await startZooKeeper();
    zk = await ZkClient.connect(zkServer.connect);
  });
  after(async () => {
    await zk?.close();
    await zkServer?.stop();
  });

  test('create/get/set keep stat and enforce versions', async () => {
    await zk.create('/a', 'one');
    const got = await zk.getData('/a');
    assert.equal(got.data?.toString(), 'one');
    assert.equal(got.stat.version, 0);
    const st = await zk.setData('/a', 'two', 0);
    assert.equal(st.version, 1);
    await assert.rejects(zk.setData('/a', 'three', 0), (e) => isZkCode(e, 'BAD_VERSION'));
    assert.equal((await zk.getData('/a')).data?.toString(), 'two');
  });

  test('null-data containers read back as null, empty data as an empty buffer', async () => {
    await zk.mkdirp('/c1/c2');
    assert.equal((await zk.getData('/c1/c2')).data, null);
    await zk.create('/c1/empty', Buffer.alloc(0));
    const d = (await zk.getData('/c1/empty')).data;
    assert.ok(d === null || d.length === 0);
  });

  test('multi is atomic and names the failing op', async () => {
    await zk.create('/m', null);
    await assert.rejects(
      zk.multi([
        { op: 'create', path: '/m/x', data: '1' },
        { op: 'create', path: '/m', data: '2' },
      ]),
      (e) => e instanceof ZkMultiError && e.code === 'NODE_EXISTS' && e.index === 1 && e.path === '/m',
    );
    assert.equal(await zk.exists('/m/x'), null);
    const res = await zk.multi([
      { op: 'create', path: '/m/x', data: '1' },
      { op: 'set', path: '/m', data: 'v', version: 0 },
      { op: 'create', path: '/m/seq-', data: 's', mode: 'persistent_sequential' },
    ]);
    assert.equal(res[1]!.stat!.version, 1);
    assert.match(res[2]!.path!, /^\/m\/seq-\d{10}$/);
  });

  test('versioned ops inside multi honour version 0 (the library would send -1)', async () => {
    await zk.create('/v0', 'a');
    await zk.setData('/v0', 'b'); // now at version 1
    await assert.rejects(zk.multi([{ op: 'set', path: '/v0', data: 'c', version: 0 }]), (e) => e instanceof ZkMultiError && e.code === 'BAD_VERSION');
    await assert.rejects(zk.multi([{ op: 'check', path: '/v0', version: 0 }]), (e) => e instanceof ZkMultiError && e.code === 'BAD_VERSION');
    await assert.rejects(zk.multi([{ op: 'remove', path: '/v0', version: 0 }]), (e) => e instanceof ZkMultiError && e.code === 'BAD_VERSION');
    assert.equal((await zk.getData('/v0')).data?.toString(), 'b');
    await zk.create('/v0b', 'a');
    const [r] = await zk.multi([{ op: 'set', path: '/v0b', data: 'z', version: 0 }]);
    assert.equal(r!.stat!.version, 1);
  });

  test('removeRecursive deletes deep trees', async () => {
    await zk.mkdirp('/deep/a/b/c/d');
    await zk.mkdirp('/deep/a/x/y');
    await zk.removeRecursive('/deep');
    assert.equal(await zk.exists('/deep'), null);
    await zk.removeRecursive('/deep'); // missing is fine
  });

  test('watches fire once with the event type', async () => {
    await zk.create('/w', 'x');
    const fired = new Promise<string>((resolve) => void zk.getData('/w', (e) => resolve(e.type)));
    await zk.setData('/w', 'y');
    assert.equal(await fired, 'dataChanged');
  });

  test('chroot in the connection string', async () => {
    await zk.mkdirp('/kafka');
    const chrooted = await ZkClient.connect(`${zkServer.connect}/kafka`);
    try {
      await chrooted.mkdirp('/brokers/ids');
      assert.ok(await zk.exists('/kafka/brokers/ids'));
    } finally {
      await chrooted.close();
    }
  });

  test('digest auth gives creator-all, world-read ACLs', async () => {
    const secure = await ZkClient.connect(zkServer.connect, { auth: 'admin:secret' });
    try {
      await secure.create('/secured', 'x');
    } finally {
      await secure.close();
    }
    assert.equal((await zk.getData('/secured')).data?.toString(), 'x');
    await assert.rejects(zk.setData('/secured', 'y'), (e) => isZkCode(e, 'NO_AUTH'));
  });

  test('a server that accepts the socket but never answers does not stall the client', async () => {
    // What a restarting ZooKeeper did here: TCP accepted, connect request never read.
    const accepted = new Set<Socket>();
    const silent = createServer((sock) => {
      accepted.add(sock);
      sock.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    try {
      for (let i = 0; i < 4; i++) {
        const c = await ZkClient.connect(`127.0.0.1:${port},${zkServer.connect}`, { connectTimeoutMs: 8000, sessionTimeoutMs: 4000 });
        assert.ok(await c.exists('/'));
        await c.close();
      }
    } finally {
      for (const sock of accepted) sock.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  test('a dead port is a clear error naming the connection string, not a hang', async () => {
    const port = await freePort();
    const t0 = Date.now();
    await assert.rejects(ZkClient.connect(`127.0.0.1:${port}`, { connectTimeoutMs: 1500 }), (e) => {
      assert.ok(e instanceof ZkConnectError);
      assert.match((e as Error).message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      return true;
    });
    assert.ok(Date.now() - t0 < 5000);
  });
});
