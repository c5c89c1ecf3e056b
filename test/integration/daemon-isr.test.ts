// Kafka's ISR rules in real daemons (kafka-controller.md §5.2, §7.1, §10.3, §14.4): a broker that
// dies or shuts down leaves every ISR once its failure is detected and is not added back by a
// leader until it fetches again; the last ISR member stays when unclean election is disabled.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ZkClient } from '../../src/zk/client.js';
import { freshChroot } from '../helpers/cluster.js';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';
import { startDaemon, startDaemons, stopAll, keepingAlive, restartDaemon, type Daemon } from '../helpers/daemons.js';

let server: ZkServer;
before(async () => {
  server = await startZooKeeper();
});
after(() => keepingAlive(async () => server?.stop()));

interface StateJson {
  leader: number;
  leader_epoch: number;
  isr: number[];
}

async function stateOf(zk: ZkClient, topic: string, p: number): Promise<StateJson | null> {
  const r = await zk.tryGetData(`/brokers/topics/${topic}/partitions/${p}/state`);
  return r ? (JSON.parse(r.data!.toString()) as StateJson) : null;
}

async function states(zk: ZkClient, topic: string, n: number): Promise<Array<StateJson | null>> {
  return Promise.all(Array.from({ length: n }, (_, p) => stateOf(zk, topic, p)));
}

async function createTopic(zk: ZkClient, topic: string, partitions: Record<string, number[]>, config: Record<string, string> = {}): Promise<void> {
  await zk.create(`/config/topics/${topic}`, JSON.stringify({ version: 1, config }));
  await zk.create(`/brokers/topics/${topic}`, JSON.stringify({ version: 1, partitions }));
}

const sorted = (l: number[]): number[] => [...l].sort((a, b) => a - b);

/** Every partition's ISR equals its full replica list. */
async function fullIsrs(zk: ZkClient, topic: string, partitions: Record<string, number[]>): Promise<boolean> {
  for (const [p, replicas] of Object.entries(partitions)) {
    const s = await stateOf(zk, topic, Number(p));
    if (!s || s.leader < 0 || sorted(s.isr).join() !== sorted(replicas).join()) return false;
  }
  return true;
}

/**
 * `cond` holds on every poll for `ms`: the broken behaviour (a leader re-adding a gone follower) shows
 * within milliseconds of the controller's decision, so a short observation window catches it.
 */
async function holdsFor(what: string, ms: number, cond: () => Promise<string | null>): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const bad = await cond();
    if (bad) assert.fail(`${what}: ${bad}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first partition whose ISR lists `broker`, or null. */
async function listing(zk: ZkClient, topic: string, n: number, broker: number): Promise<string | null> {
  const all = await states(zk, topic, n);
  const i = all.findIndex((s) => s?.isr.includes(broker));
  return i < 0 ? null : `${topic}-${i} ${JSON.stringify(all[i])}`;
}

// A long lag allowance: a leader's own lag check must not hide what the controller does.
const CFG = { 'replica.lag.time.max.ms': '30000' };

async function cluster(connect: string, ids: number[]): Promise<Daemon[]> {
  const first = await startDaemon({ zkConnect: connect, brokerId: ids[0]!, config: CFG });
  return [first, ...(await startDaemons(connect, ids.slice(1), { config: CFG }))];
}

describe('ISR when brokers die or shut down (daemons)', { timeout: 150_000 }, () => {
  it('kill -9 of a broker: it leaves every ISR at failure detection, stays out, and rejoins by fetching after restart', async () => {
    const { connect, zk } = await freshChroot(server);
    const daemons: Daemon[] = [];
    try {
      daemons.push(...(await cluster(connect, [1, 2, 3])));
      const kf = { '0': [1, 3], '1': [2, 3], '2': [3, 1, 2], '3': [1, 2] };
      await createTopic(zk, 'kf', kf);
      // Only replica on broker 3: Kafka keeps it as the last ISR member when unclean election is off,
      // and empties the ISR when it is on (the 0.9 default).
      await createTopic(zk, 'clean', { '0': [3] }, { 'unclean.leader.election.enable': 'false' });
      await createTopic(zk, 'unclean', { '0': [3] });
      await waitFor('full ISRs', async () => (await fullIsrs(zk, 'kf', kf)) && (await stateOf(zk, 'clean', 0))?.leader === 3 && (await stateOf(zk, 'unclean', 0))?.leader === 3, 20_000);

      await daemons[2]!.kill('SIGKILL');
      await keepingAlive(() => waitFor('broker 3 deregistered', async () => !(await zk.exists('/brokers/ids/3')), 30_000));
      await waitFor('no kf ISR lists broker 3', async () => !(await listing(zk, 'kf', 4, 3)), 15_000);
      await holdsFor('a leader put dead broker 3 back into an ISR', 3000, () => listing(zk, 'kf', 4, 3));
      const kfNow = await states(zk, 'kf', 4);
      assert.deepEqual(kfNow.map((s) => sorted(s!.isr)), [[1], [2], [1, 2], [1, 2]]);
      assert.equal(kfNow[2]!.leader, 1, 'kf-2 re-led by the first live ISR member');
      await waitFor('single-replica partitions offline', async () => (await stateOf(zk, 'clean', 0))?.leader === -1 && (await stateOf(zk, 'unclean', 0))?.leader === -1, 10_000);
      assert.deepEqual((await stateOf(zk, 'clean', 0))!.isr, [3], 'last ISR member kept (unclean election disabled)');
      assert.deepEqual((await stateOf(zk, 'unclean', 0))!.isr, [], 'ISR emptied (unclean election enabled)');

      daemons[2] = await restartDaemon(daemons[2]!, { zkConnect: connect, config: CFG });
      await waitFor('broker 3 back in every ISR', () => fullIsrs(zk, 'kf', kf), 20_000);
    } finally {
      await stopAll(daemons);
      await zk.close();
    }
  });

  it('SIGTERM: the stopped broker is out of every ISR after it exits and no leader adds it back', async () => {
    const { connect, zk } = await freshChroot(server);
    const daemons: Daemon[] = [];
    try {
      daemons.push(...(await cluster(connect, [1, 2, 3])));
      const cs = { '0': [1, 2], '1': [2, 1], '2': [3, 2], '3': [2, 3, 1], '4': [3, 1] };
      await createTopic(zk, 'cs', cs);
      await waitFor('full ISRs', () => fullIsrs(zk, 'cs', cs), 20_000);
      const before = [daemons[0]!, daemons[2]!].map((d) => d.output().length);
      assert.equal(await daemons[1]!.stop(30_000), 0);
      await waitFor('no ISR lists broker 2', async () => !(await listing(zk, 'cs', 5, 2)), 15_000);
      await holdsFor('a leader put stopped broker 2 back into an ISR', 3000, () => listing(zk, 'cs', 5, 2));
      [daemons[0]!, daemons[2]!].forEach((d, i) => {
        assert.doesNotMatch(d.output().slice(before[i]), /Expanding ISR .* to \[[^\]]*\b2\b/, `broker ${d.id} re-added broker 2`);
      });
      assert.deepEqual((await states(zk, 'cs', 5)).map((s) => s!.leader), [1, 1, 3, 3, 3]);
    } finally {
      await stopAll(daemons);
      await zk.close();
    }
  });
});
