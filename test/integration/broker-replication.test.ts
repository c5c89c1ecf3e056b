// Broker side of replication with the real controller: replica directories follow LeaderAndIsr and
// StopReplica(delete); leaders shrink the ISR of a dead follower after replica.lag.time.max.ms and
// add it back when it returns, writing the state znode themselves (leader_epoch and
// controller_epoch unchanged) and publishing /isr_change_notification entries.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { waitFor } from '../helpers/zookeeper.js';
import { freshChroot } from '../helpers/cluster.js';
import { daemonTestCluster, restartDaemon, startDaemons, type Daemon } from '../helpers/daemons.js';
import type { ZkClient } from '../../src/zk/client.js';
import { decodeController, decodePartitionState, encodeTopicAssignment, type PartitionState } from '../../src/zk/codecs/index.js';

const LAG_MS = 1000;

async function state(zk: ZkClient, topic: string, p: number): Promise<(PartitionState & { version: number }) | null> {
  const path = `/brokers/topics/${topic}/partitions/${p}/state`;
  const r = await zk.tryGetData(path);
  return r ? { ...decodePartitionState(r.data, path), version: r.stat.version } : null;
}

const replicaDirs = (d: Daemon, topic: string): string[] =>
  existsSync(d.dataDir) ? readdirSync(d.dataDir).filter((n) => n.startsWith(`${topic}-`)).sort() : [];

describe('broker replication with the controller', () => {
  const cluster = daemonTestCluster();
  const daemons = cluster.daemons;

  test('replica dirs, ISR shrink by the leader after a kill -9, rejoin after restart, dirs removed on delete', async () => {
    const c = await freshChroot(cluster.server);
    try {
      // No automatic preferred-leader moves: leader_epoch must change only through what we cause.
      const config = { 'replica.lag.time.max.ms': String(LAG_MS), 'zookeeper.session.timeout.ms': '4000', 'auto.leader.rebalance.enable': 'false' };
      const started = await startDaemons(c.connect, [1, 2, 3], { config });
      daemons.push(...started);
      const byId = new Map(started.map((d) => [d.id, d]));
      const ctl = await waitFor('controller', async () => {
        const r = await c.zk.tryGetData('/controller');
        return r ? decodeController(r.data, '/controller').brokerId : null;
      });
      const assignment = new Map([
        [0, [1, 2]],
        [1, [2, 3]],
        [2, [3, 1]],
      ]);
      await c.zk.create('/brokers/topics/rt', encodeTopicAssignment(assignment));
      // Every partition gets a leader and every follower joins the ISR.
      const states = new Map<number, PartitionState & { version: number }>();
      for (const [p, replicas] of assignment) {
        states.set(p, await waitFor(`[rt,${p}] led with full ISR`, async () => {
          const s = await state(c.zk, 'rt', p);
          return s && s.leader >= 0 && replicas.every((r) => s.isr.includes(r)) ? s : null;
        }, 10_000));
      }
      // Each broker holds a directory for exactly the replicas assigned to it.
      for (const d of started) {
        const want = [...assignment].filter(([, rs]) => rs.includes(d.id)).map(([p]) => `rt-${p}`).sort();
        await waitFor(`dirs of broker ${d.id}`, () => replicaDirs(d, 'rt').join() === want.join(), 5000);
      }

      // kill -9 a follower that is not the controller; its leader drops it from the ISR.
      // (Two non-controller brokers share one partition, so some pair always exists.)
      const pairs = [1, 2, 3].filter((id) => id !== ctl).flatMap((v) => [...states].filter(([, s]) => s.leader !== v && s.isr.includes(v)).map(([p]) => [v, p] as const));
      const [victim, followed] = pairs[0]!;
      const before = states.get(followed)!;
      const leader = before.leader;
      const notesBefore = (await c.zk.exists('/isr_change_notification'))!.cversion;
      await byId.get(victim)!.kill('SIGKILL');
      const shrunk = await waitFor(`leader ${leader} shrinks [rt,${followed}]`, async () => {
        const s = await state(c.zk, 'rt', followed);
        return s && !s.isr.includes(victim) ? s : null;
      }, 4 * LAG_MS);
      const expected = before.isr.filter((r) => r !== victim);
      assert.deepEqual(shrunk.isr, expected);
      assert.equal(shrunk.leader, leader);
      assert.equal(shrunk.leaderEpoch, before.leaderEpoch, 'leader_epoch unchanged by the leader');
      assert.equal(shrunk.controllerEpoch, before.controllerEpoch, 'controller_epoch copied from the decision');
      assert.equal(shrunk.version, before.version + 1);
      // The log line reaches us through the daemon's stderr pipe, possibly after the znode write.
      const shrinkLine = `Shrinking ISR for partition [rt,${followed}] from [${before.isr.join(',')}] to [${expected.join(',')}]`;
      await waitFor(`leader ${leader} logs "${shrinkLine}"`, () => byId.get(leader)!.output().includes(shrinkLine), 5000);
      // An isr_change notification was created (the controller deletes it again at once).
      await waitFor('isr change notification', async () => (await c.zk.exists('/isr_change_notification'))!.cversion > notesBefore, 5000);

      // Restart it on the same data dir once its old session is gone: the leaders add it back.
      const back = await restartDaemon(byId.get(victim)!, { zkConnect: c.connect, config }, 15_000);
      daemons.push(back);
      byId.set(victim, back);
      for (const [p, replicas] of assignment) {
        await waitFor(`[rt,${p}] ISR has ${replicas.join(',')} again`, async () => {
          const s = await state(c.zk, 'rt', p);
          return s && replicas.every((r) => s.isr.includes(r));
        }, 10_000);
      }
      const rejoined = (await state(c.zk, 'rt', followed))!;
      assert.equal(rejoined.isr.at(-1), victim, 'returning follower is appended');

      // Topic deletion: StopReplica(delete) removes the replica directories.
      await c.zk.mkdirp('/admin/delete_topics/rt');
      for (const d of byId.values()) await waitFor(`broker ${d.id} removed its rt dirs`, () => replicaDirs(d, 'rt').length === 0, 10_000);
      await waitFor('broker 1 logs StopReplica', () => byId.get(1)!.output().includes('StopReplica from controller'), 5000);

      // SIGTERM = controlled shutdown: by the time the process has exited 0, its leadership moved.
      await c.zk.create('/brokers/topics/cs', encodeTopicAssignment(new Map([[0, [victim, leader]]])));
      const cs = await waitFor('[cs,0] led by its preferred replica with full ISR', async () => {
        const s = await state(c.zk, 'cs', 0);
        return s && s.leader === victim && s.isr.length === 2 ? s : null;
      }, 10_000);
      assert.equal(await byId.get(victim)!.stop(), 0);
      const moved = (await state(c.zk, 'cs', 0))!;
      assert.equal(moved.leader, leader);
      assert.ok(moved.leaderEpoch > cs.leaderEpoch);
      await waitFor('controlled shutdown logged', () => /Controlled shutdown succeeded/.test(byId.get(victim)!.output()), 5000);
    } finally {
      await c.close();
    }
  });
});
