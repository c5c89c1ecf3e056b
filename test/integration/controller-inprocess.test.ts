// Controller objects run in this process against a real ZooKeeper; brokers are bare registrations
// (their endpoints point nowhere, so every broker request fails, which the controller tolerates).
// Where a real broker would act (a leader expanding its ISR), the test writes what the broker
// would write. Assertions are the exact znodes of a Kafka 0.9 controller (transcripts §D).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZkClient } from '../../src/zk/client.js';
import { Controller } from '../../src/controller/controller.js';
import { FencedWriter } from '../../src/controller/fenced-writer.js';
import { ControllerMovedError } from '../../src/controller/errors.js';
import { DEFAULT_CONFIG, type BrokerConfig } from '../../src/broker/config.js';
import { createLogger } from '../../src/broker/logger.js';
import { registerBrokers, freshChroot } from '../helpers/cluster.js';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';

let server: ZkServer;
before(async () => {
  server = await startZooKeeper();
});
after(async () => {
  await server?.stop();
});

const quiet = createLogger('error', 'test');

function config(id: number, over: Partial<BrokerConfig> = {}): BrokerConfig {
  return { ...DEFAULT_CONFIG, brokerId: id, dataDir: '/nonexistent', autoLeaderRebalanceEnable: false, ...over };
}

interface Env {
  connect: string;
  admin: ZkClient;
  brokers: Map<number, ZkClient>;
  controllers: Array<{ c: Controller; zk: ZkClient }>;
  cleanup(): Promise<void>;
}

async function env(): Promise<Env> {
  const { connect, zk } = await freshChroot(server);
  for (const p of ['/brokers/ids', '/brokers/topics', '/admin/delete_topics', '/isr_change_notification', '/config/topics']) await zk.mkdirp(p);
  const e: Env = {
    connect,
    admin: zk,
    brokers: new Map(),
    controllers: [],
    async cleanup() {
      for (const { c, zk: z } of e.controllers) {
        await c.stop();
        await z.close();
      }
      for (const b of e.brokers.values()) await b.close();
      await zk.close();
    },
  };
  return e;
}

/** Each broker registration on its own session, so closing it is a broker death. */
async function addBrokers(e: Env, ids: number[]): Promise<void> {
  for (const id of ids) {
    const zk = await ZkClient.connect(e.connect);
    await registerBrokers(zk, [id]);
    e.brokers.set(id, zk);
  }
}

async function killBroker(e: Env, id: number): Promise<void> {
  await e.brokers.get(id)!.close();
  e.brokers.delete(id);
}

async function startController(e: Env, id: number, over: Partial<BrokerConfig> = {}): Promise<Controller> {
  const zk = await ZkClient.connect(e.connect);
  const c = new Controller({ config: config(id, over), log: quiet });
  await c.start(zk);
  e.controllers.push({ c, zk });
  return c;
}

async function text(zk: ZkClient, path: string): Promise<string | null> {
  const r = await zk.tryGetData(path);
  return r ? `${r.data?.toString() ?? '<null>'} v=${r.stat.version}` : null;
}

const state = (epoch: number, leader: number, leaderEpoch: number, isr: number[], v: number): string =>
  `{"controller_epoch":${epoch},"leader":${leader},"version":1,"leader_epoch":${leaderEpoch},"isr":[${isr.join(',')}]} v=${v}`;
const sp = (t: string, p: number): string => `/brokers/topics/${t}/partitions/${p}/state`;

async function waitState(zk: ZkClient, path: string, expected: string, what = path, timeoutMs = 10_000): Promise<void> {
  let last: string | null = null;
  try {
    await waitFor(what, async () => (last = await text(zk, path)) === expected, timeoutMs);
  } catch {
    assert.equal(last, expected, `${what}`);
  }
}

async function createTopic(zk: ZkClient, topic: string, partitions: Record<string, number[]>): Promise<void> {
  await zk.create(`/config/topics/${topic}`, '{"version":1,"config":{}}');
  await zk.create(`/brokers/topics/${topic}`, JSON.stringify({ version: 1, partitions }));
}

/** What a partition leader does when a follower catches up: CAS its ISR, epochs unchanged. */
async function leaderSetsIsr(zk: ZkClient, topic: string, p: number, isr: number[]): Promise<void> {
  const r = await zk.getData(sp(topic, p));
  const s = JSON.parse(r.data!.toString());
  s.isr = isr;
  await zk.setData(sp(topic, p), JSON.stringify({ controller_epoch: s.controller_epoch, leader: s.leader, version: 1, leader_epoch: s.leader_epoch, isr }), r.stat.version);
}

const DT = { '2': [2, 3, 1], '1': [1, 2, 3], '0': [3, 1, 2] };

describe('controller (in-process, real ZooKeeper)', () => {
  it('creates partitions like Kafka 0.9 (D.1), re-leads on broker loss (D.2), preferred election (D.4)', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1, 2, 3]);
      const c = await startController(e, 1);
      assert.equal(c.isActive(), true);
      assert.equal(await text(e.admin, '/controller_epoch'), '1 v=1');
      assert.equal(JSON.parse((await e.admin.getData('/controller')).data!.toString()).brokerid, 1);

      await createTopic(e.admin, 'dt', DT);
      await waitState(e.admin, sp('dt', 0), state(1, 3, 0, [3, 1, 2], 0));
      assert.equal(await text(e.admin, sp('dt', 1)), state(1, 1, 0, [1, 2, 3], 0));
      assert.equal(await text(e.admin, sp('dt', 2)), state(1, 2, 0, [2, 3, 1], 0));
      assert.equal(await text(e.admin, '/brokers/topics/dt/partitions'), '<null> v=0');

      await killBroker(e, 3);
      await waitState(e.admin, sp('dt', 0), state(1, 1, 1, [1, 2], 1), 'p0 re-led by 1');
      await waitState(e.admin, sp('dt', 1), state(1, 1, 1, [1, 2], 1), 'p1 ISR shrunk');
      await waitState(e.admin, sp('dt', 2), state(1, 2, 1, [2, 1], 1), 'p2 ISR shrunk');

      // Broker 3 returns; the leaders add it back (as brokers do), then an admin asks for preferred leaders.
      await addBrokers(e, [3]);
      await leaderSetsIsr(e.admin, 'dt', 0, [1, 2, 3]);
      await leaderSetsIsr(e.admin, 'dt', 1, [1, 2, 3]);
      await leaderSetsIsr(e.admin, 'dt', 2, [2, 1, 3]);
      await e.admin.create('/admin/preferred_replica_election', '{"version":1,"partitions":[{"topic":"dt","partition":0},{"topic":"dt","partition":1},{"topic":"dt","partition":2}]}');
      await waitFor('preferred election znode deleted', async () => !(await e.admin.exists('/admin/preferred_replica_election')), 10_000);
      assert.equal(await text(e.admin, sp('dt', 0)), state(1, 3, 2, [1, 2, 3], 3));
      assert.equal(await text(e.admin, sp('dt', 1)), state(1, 1, 1, [1, 2, 3], 2));
      assert.equal(await text(e.admin, sp('dt', 2)), state(1, 2, 1, [2, 1, 3], 2));
    } finally {
      await e.cleanup();
    }
  });

  it('reassigns RF 3 -> 2 (D.6), drops invalid entries and deletes the znode', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1, 2, 3]);
      await startController(e, 1);
      await createTopic(e.admin, 'dt', DT);
      await createTopic(e.admin, 'other', { '0': [1, 2] });
      await waitState(e.admin, sp('dt', 2), state(1, 2, 0, [2, 3, 1], 0));
      await waitState(e.admin, sp('other', 0), state(1, 1, 0, [1, 2], 0));
      await e.admin.create(
        '/admin/reassign_partitions',
        JSON.stringify({
          version: 1,
          partitions: [
            { topic: 'dt', partition: 0, replicas: [1, 2] },
            { topic: 'nosuch', partition: 0, replicas: [1, 2] },
            { topic: 'dt', partition: 1, replicas: [3, 1] },
            { topic: 'other', partition: 0, replicas: [1, 9] },
            { topic: 'dt', partition: 2, replicas: [2, 1] },
          ],
        }),
      );
      await waitFor('reassignment znode deleted', async () => !(await e.admin.exists('/admin/reassign_partitions')), 10_000);
      assert.equal(await text(e.admin, '/brokers/topics/dt'), '{"version":1,"partitions":{"0":[1,2],"1":[3,1],"2":[2,1]}} v=3');
      // p0: leader 3 not in target -> 1 elected (epoch 1), 3 removed (epoch 2); p1/p2 keep leaders.
      assert.equal(await text(e.admin, sp('dt', 0)), state(1, 1, 2, [1, 2], 2));
      assert.equal(await text(e.admin, sp('dt', 1)), state(1, 1, 2, [1, 3], 2));
      assert.equal(await text(e.admin, sp('dt', 2)), state(1, 2, 2, [2, 1], 2));
      assert.equal(await text(e.admin, '/brokers/topics/other'), '{"version":1,"partitions":{"0":[1,2]}} v=0');
      assert.equal(await text(e.admin, sp('other', 0)), state(1, 1, 0, [1, 2], 0));
    } finally {
      await e.cleanup();
    }
  });

  it('keeps OAR+RAR until new replicas are in sync, and restarts a partition whose target is replaced (cancel)', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1, 2, 3, 4]);
      await startController(e, 1);
      await createTopic(e.admin, 'mv', { '0': [1, 2], '1': [2, 3] });
      await waitState(e.admin, sp('mv', 1), state(1, 2, 0, [2, 3], 0));
      await e.admin.create(
        '/admin/reassign_partitions',
        '{"version":1,"partitions":[{"topic":"mv","partition":0,"replicas":[3,4]},{"topic":"mv","partition":1,"replicas":[4,3]}]}',
      );
      // Phase A: AR = RAR then the rest of OAR, leader epoch bumped, nothing finished.
      await waitFor('AR expanded', async () => (await text(e.admin, '/brokers/topics/mv')) === '{"version":1,"partitions":{"0":[3,4,1,2],"1":[4,3,2]}} v=2', 10_000);
      await waitState(e.admin, sp('mv', 0), state(1, 1, 1, [1, 2], 1));
      await waitState(e.admin, sp('mv', 1), state(1, 2, 1, [2, 3], 1));
      assert.ok(await e.admin.exists('/admin/reassign_partitions'));

      // p0: the leader adds 3 and 4 to its ISR -> the controller finishes.
      await leaderSetsIsr(e.admin, 'mv', 0, [1, 2, 3, 4]);
      await waitFor('p0 done', async () => (await text(e.admin, '/admin/reassign_partitions'))?.startsWith('{"version":1,"partitions":[{"topic":"mv","partition":1,"replicas":[4,3]}]}'), 10_000);
      // leader 1 not in [3,4] -> 3 elected (epoch 2), then 1 and 2 leave the ISR (epochs 3, 4).
      assert.equal(await text(e.admin, sp('mv', 0)), state(1, 3, 4, [3, 4], 5));

      // p1: cancelled by writing the original replicas back.
      const cur = await e.admin.getData('/admin/reassign_partitions');
      await e.admin.setData('/admin/reassign_partitions', '{"version":1,"partitions":[{"topic":"mv","partition":1,"replicas":[2,3]}]}', cur.stat.version);
      await waitFor('reassignment znode deleted', async () => !(await e.admin.exists('/admin/reassign_partitions')), 10_000);
      assert.equal(await text(e.admin, '/brokers/topics/mv'), '{"version":1,"partitions":{"0":[3,4],"1":[2,3]}} v=4');
      assert.equal(await text(e.admin, sp('mv', 1)), state(1, 2, 2, [2, 3], 2));
    } finally {
      await e.cleanup();
    }
  });

  it('creates added partitions, processes ISR change notifications, removes unknown deletion markers', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1, 2]);
      await startController(e, 1);
      await createTopic(e.admin, 'grow', { '0': [1, 2] });
      await waitState(e.admin, sp('grow', 0), state(1, 1, 0, [1, 2], 0));
      const t = await e.admin.getData('/brokers/topics/grow');
      await e.admin.setData('/brokers/topics/grow', '{"version":1,"partitions":{"0":[1,2],"1":[2,1]}}', t.stat.version);
      await waitState(e.admin, sp('grow', 1), state(1, 2, 0, [2, 1], 0));

      await e.admin.create('/isr_change_notification/isr_change_', '{"version":1,"partitions":[{"topic":"grow","partition":0}]}', 'persistent_sequential');
      await waitFor('notification deleted', async () => (await e.admin.childrenOrEmpty('/isr_change_notification')).length === 0, 10_000);

      await e.admin.create('/admin/delete_topics/nosuch', '');
      await waitFor('unknown marker deleted', async () => !(await e.admin.exists('/admin/delete_topics/nosuch')), 10_000);
    } finally {
      await e.cleanup();
    }
  });

  it('leaves deletion requests alone when delete.topic.enable=false', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1]);
      await startController(e, 1, { deleteTopicEnable: false });
      await createTopic(e.admin, 'keep', { '0': [1] });
      await waitState(e.admin, sp('keep', 0), state(1, 1, 0, [1], 0));
      await e.admin.create('/admin/delete_topics/keep', '');
      // A later event proves the controller is past the marker: a new topic gets created.
      await createTopic(e.admin, 'later', { '0': [1] });
      await waitState(e.admin, sp('later', 0), state(1, 1, 0, [1], 0));
      assert.ok(await e.admin.exists('/admin/delete_topics/keep'));
      assert.equal(await text(e.admin, sp('keep', 0)), state(1, 1, 0, [1], 0));
    } finally {
      await e.cleanup();
    }
  });

  it('moves leadership away on controlled shutdown; a non-controller answers NOT_CONTROLLER', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1, 2, 3]);
      const c1 = await startController(e, 1);
      const c2 = await startController(e, 2);
      assert.equal(c1.isActive(), true);
      assert.equal(c2.isActive(), false);
      await createTopic(e.admin, 'dt', DT);
      await waitState(e.admin, sp('dt', 2), state(1, 2, 0, [2, 3, 1], 0));
      await assert.rejects(c2.controlledShutdown(2), /NOT_CONTROLLER/);
      const remaining = await c1.controlledShutdown(2);
      assert.deepEqual(remaining, []);
      assert.equal(await text(e.admin, sp('dt', 2)), state(1, 3, 1, [3, 1], 1));
      assert.equal(await text(e.admin, sp('dt', 0)), state(1, 3, 1, [3, 1], 1));
      assert.equal(await text(e.admin, sp('dt', 1)), state(1, 1, 1, [1, 3], 1));
    } finally {
      await e.cleanup();
    }
  });

  it('fails over to a second controller with epoch + 1', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1, 2]);
      const c1 = await startController(e, 1);
      const c2 = await startController(e, 2);
      await createTopic(e.admin, 'a', { '0': [1, 2], '1': [2, 1] });
      await waitState(e.admin, sp('a', 1), state(1, 2, 0, [2, 1], 0));
      // Broker 1 (the controller) dies: its registration and its ZooKeeper session go.
      const first = e.controllers.shift()!;
      await first.zk.close();
      await killBroker(e, 1);
      await waitFor('c2 active', () => c2.isActive(), 10_000);
      assert.equal(await text(e.admin, '/controller_epoch'), '2 v=2');
      assert.equal(JSON.parse((await e.admin.getData('/controller')).data!.toString()).brokerid, 2);
      await waitState(e.admin, sp('a', 0), state(2, 2, 1, [2], 1), 'a-0 re-led by the new controller');
      assert.equal(await text(e.admin, sp('a', 1)), state(1, 2, 0, [2, 1], 0), 'D.5: followed partitions are left to their leaders');
      await c1.stop();
    } finally {
      await e.cleanup();
    }
  });

  it('fencing: a controller whose epoch was bumped behind its back writes nothing with its old epoch', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1]);
      const c = await startController(e, 1);
      const ep = await e.admin.getData('/controller_epoch');
      await e.admin.setData('/controller_epoch', '5', ep.stat.version);
      await createTopic(e.admin, 'f', { '0': [1] });
      // The old term's write is refused; the controller resigns, frees /controller and wins again with 6.
      await waitState(e.admin, sp('f', 0), state(6, 1, 0, [1], 0), 'f-0 written only by the new term');
      assert.equal(await text(e.admin, '/controller_epoch'), '6 v=3');
      assert.equal(c.isActive(), true);
    } finally {
      await e.cleanup();
    }
  });

  it('auto rebalance restores preferred leaders', async () => {
    const e = await env();
    try {
      await addBrokers(e, [1, 2]);
      await startController(e, 1, { autoLeaderRebalanceEnable: true, leaderImbalanceCheckIntervalSeconds: 1 });
      await createTopic(e.admin, 'r', { '0': [2, 1], '1': [1, 2] });
      await waitState(e.admin, sp('r', 0), state(1, 2, 0, [2, 1], 0));
      await killBroker(e, 2);
      await waitState(e.admin, sp('r', 0), state(1, 1, 1, [1], 1));
      await addBrokers(e, [2]);
      await leaderSetsIsr(e.admin, 'r', 0, [1, 2]);
      await waitState(e.admin, sp('r', 0), state(1, 2, 2, [1, 2], 3), 'r-0 back on its preferred replica');
    } finally {
      await e.cleanup();
    }
  });
});

describe('fenced writer', () => {
  it('packs groups into multis behind the epoch check, isolates failing groups, refuses a stale epoch', async () => {
    const { zk, close } = await freshChroot(server);
    try {
      // As after an election: the epoch znode is at version >= 1.
      await zk.create('/controller_epoch', '2');
      const v = (await zk.setData('/controller_epoch', '3', 0)).version;
      const w = new FencedWriter(zk, v);
      await zk.mkdirp('/x');
      await zk.create('/x/taken', 'a');
      // 450 groups > one multi; the group hitting an existing znode fails alone.
      const groups = Array.from({ length: 450 }, (_, i) => [{ op: 'create' as const, path: i === 300 ? '/x/taken' : `/x/n${i}`, data: 'd' }]);
      const res = await w.runGroups(groups);
      assert.equal(res.filter((r) => r.ok).length, 449);
      assert.deepEqual(res[300], { ok: false, code: 'NODE_EXISTS', path: '/x/taken', attempted: true });
      assert.equal((await zk.getChildren('/x')).children.length, 450);
      // abortChunk: the rest of the failing multi is reported as not attempted (nothing written).
      for (const i of [0, 1, 2]) await zk.setData(`/x/n${i}`, 'd', 0);
      const sets = [0, 1, 2].map((i) => [{ op: 'set' as const, path: `/x/n${i}`, data: 'e', version: i === 1 ? 7 : 1 }]);
      const ab = await w.runGroups(sets, 'abortChunk');
      assert.deepEqual(ab.map((r) => (r.ok ? 'ok' : r.attempted ? r.code : 'skipped')), ['skipped', 'BAD_VERSION', 'skipped']);
      assert.equal((await zk.getData('/x/n0')).data!.toString(), 'd');
      // A CAS against version 0 (a fresh state znode) must be conditional too.
      const v0 = await w.runGroups([[{ op: 'set', path: '/x/n0', data: 'f', version: 0 }]]);
      assert.deepEqual(v0[0], { ok: false, code: 'BAD_VERSION', path: '/x/n0', attempted: true });
      // Someone else bumps the epoch: every write is refused.
      await zk.setData('/controller_epoch', '4', v);
      await assert.rejects(w.multi([{ op: 'create', path: '/x/late', data: 'z' }]), ControllerMovedError);
      await assert.rejects(w.runGroups([[{ op: 'create', path: '/x/late2' }]]), ControllerMovedError);
      assert.equal(await zk.exists('/x/late'), null);
      assert.equal(await zk.exists('/x/late2'), null);
    } finally {
      await close();
    }
  });
});
