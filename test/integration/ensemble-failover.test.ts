// The daemons ride out ZooKeeper failures: the quorum leader of a 3-node ensemble is killed, and a
// standalone ZooKeeper is killed and restarted. Either way every broker ends up registered, there is
// one live controller, and a topic created afterwards gets leaders.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEnsemble, startZooKeeper, waitFor, type ZkEnsemble, type ZkServer } from '../helpers/zookeeper.js';
import { startDaemons } from '../helpers/daemons.js';
import { ZkClient } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { liveBrokerIds, readPartitionStates } from '../../src/zk/readers.js';
import { decodeController } from '../../src/zk/codecs/controller.js';
import { decodeBrokerRegistration } from '../../src/zk/codecs/brokerRegistration.js';
import { encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';

type Daemon = Awaited<ReturnType<typeof startDaemons>>[number];
const IDS = [1, 2, 3];
// Short enough to keep the test quick; long enough that a quorum re-election (tickTime 500 ms) fits in it.
const CONFIG = { 'zookeeper.session.timeout.ms': '6000' };

/** Create a topic the way the admin tools do: config and assignment in one transaction. */
async function createTopic(zk: ZkClient, topic: string, assignment: number[][]): Promise<void> {
  await zk.mkdirp(P.CONFIG_TOPICS);
  await zk.mkdirp(P.BROKER_TOPICS);
  await zk.multi([
    { op: 'create', path: P.topicConfigPath(topic), data: JSON.stringify({ version: 1, config: {} }) },
    { op: 'create', path: P.topicPath(topic), data: encodeTopicAssignment(new Map(assignment.map((r, p) => [p, r]))) },
  ]);
}

/** All brokers registered, a controller that is one of them, and every partition of `topics` led by a live broker. */
async function converged(zk: ZkClient, topics: Array<{ topic: string; partitions: number }>): Promise<boolean> {
  const live = await liveBrokerIds(zk);
  if (live.join() !== IDS.join()) return false;
  const ctl = await zk.tryGetData(P.CONTROLLER);
  if (!ctl || !IDS.includes(decodeController(ctl.data, P.CONTROLLER).brokerId)) return false;
  const refs = topics.flatMap(({ topic, partitions }) => Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
  const states = await readPartitionStates(zk, refs);
  return states.every((s) => s !== null && IDS.includes(s.leader) && s.isr.includes(s.leader));
}

/** What the cluster looks like now, plus the daemons' last log lines: the message when convergence times out. */
async function diagnose(zk: ZkClient, daemons: Daemon[], topics: string[]): Promise<string> {
  const parts = [`live brokers: ${(await liveBrokerIds(zk).catch((e: Error) => e.message))}`];
  parts.push(`controller: ${(await zk.tryGetData(P.CONTROLLER).catch(() => null))?.data?.toString() ?? 'none'}`);
  for (const topic of topics) {
    const states = await readPartitionStates(zk, [0, 1, 2].map((partition) => ({ topic, partition }))).catch((e: Error) => e.message);
    parts.push(`${topic}: ${JSON.stringify(states)}`);
  }
  for (const d of daemons) parts.push(`--- broker ${d.id}${d.exited() ? ' (exited)' : ''}:\n${d.output().split('\n').slice(-12).join('\n')}`);
  return parts.join('\n');
}

async function waitConverged(what: string, zk: ZkClient, daemons: Daemon[], topics: string[], timeoutMs = 45_000): Promise<void> {
  try {
    await waitFor(what, () => converged(zk, topics.map((topic) => ({ topic, partitions: 3 }))), timeoutMs);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${await diagnose(zk, daemons, topics)}`);
  }
}

/** Each /brokers/ids/<id> was written by the running daemon (its port), not left over from an old session. */
async function assertRegisteredByDaemons(zk: ZkClient, daemons: Daemon[]): Promise<void> {
  for (const d of daemons) {
    const got = await zk.getData(P.brokerPath(d.id));
    assert.equal(decodeBrokerRegistration(d.id, got.data, P.brokerPath(d.id)).port, d.port, `broker ${d.id} registration carries its port`);
  }
}

async function killAll(daemons: Daemon[]): Promise<void> {
  await Promise.all(daemons.map(async (d) => {
    await d.kill('SIGKILL');
    await d.waitExit();
  }));
}

/**
 * The ZooKeeper helper unrefs its JVM children and then awaits their 'exit' event on kill/stop; when
 * nothing else is left on the event loop, Node ends first. Hold the loop open while that runs.
 */
async function keepAlive<T>(fn: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 1000);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

describe('daemons and ZooKeeper failures', { timeout: 120_000 }, () => {
  let ensemble: ZkEnsemble | undefined;
  let server: ZkServer | undefined;
  let daemons: Daemon[] = [];
  let zk: ZkClient | undefined;

  after(async () => {
    await zk?.close();
    await killAll(daemons);
    await keepAlive(async () => {
      await ensemble?.stop();
      await server?.stop();
    });
  });

  it('3-node ensemble: killing the quorum leader leaves the cluster converged and working', async () => {
    ensemble = await startEnsemble(3);
    daemons = await startDaemons(ensemble.connect, IDS, { config: CONFIG });
    zk = await ZkClient.connect(ensemble.connect, { sessionTimeoutMs: 30_000 });
    await waitFor('brokers registered', async () => (await liveBrokerIds(zk!)).join() === IDS.join(), 30_000);
    await createTopic(zk, 'before', [[1, 2, 3], [2, 3, 1], [3, 1, 2]]);
    await waitFor('leaders for "before"', () => converged(zk!, [{ topic: 'before', partitions: 3 }]), 30_000);

    const leader = await ensemble.leaderId();
    assert.ok(leader !== undefined, 'the ensemble has a quorum leader');
    await ensemble.servers.find((s) => s.id === leader)!.kill();
    const next = await waitFor('a new quorum leader', async () => {
      const id = await ensemble!.leaderId();
      return id !== undefined && id !== leader ? id : undefined;
    }, 30_000, 100);
    assert.notEqual(next, leader);

    await createTopic(zk, 'after', [[2, 1], [3, 2], [1, 3]]);
    await waitConverged('cluster converged after losing the quorum leader', zk, daemons, ['before', 'after']);
    assert.deepEqual(daemons.filter((d) => d.exited()).map((d) => d.id), [], 'no daemon exited: they ride out ZooKeeper trouble');
    await assertRegisteredByDaemons(zk, daemons);
    const states = await readPartitionStates(zk, [0, 1, 2].map((partition) => ({ topic: 'after', partition })));
    states.forEach((s, p) => assert.ok([[2, 1], [3, 2], [1, 3]][p]!.includes(s!.leader), `after-${p} led by one of its replicas`));

    await zk.close();
    zk = undefined;
    await killAll(daemons);
    daemons = [];
    await keepAlive(() => ensemble!.stop());
    ensemble = undefined;
  });

  // A freshly restarted ZooKeeper sometimes accepts a client's TCP connection and never reads its
  // connect request; ZkClient's stuck-connect watchdog must get the daemons out of that.
  it('standalone ZooKeeper killed and restarted: daemons come back and the cluster converges', async () => {
    server = await startZooKeeper();
    daemons = await startDaemons(server.connect, IDS, { config: CONFIG });
    zk = await ZkClient.connect(server.connect, { sessionTimeoutMs: 30_000 });
    await waitFor('brokers registered', async () => (await liveBrokerIds(zk!)).join() === IDS.join(), 30_000);
    await createTopic(zk, 'before', [[1, 2], [2, 3], [3, 1]]);
    await waitFor('leaders for "before"', () => converged(zk!, [{ topic: 'before', partitions: 3 }]), 30_000);

    // Our own client is replaced so that its reconnect is not part of what is tested.
    await zk.close();
    zk = undefined;
    await server.kill();
    await server.restart();
    zk = await ZkClient.connect(server.connect, { sessionTimeoutMs: 30_000 });

    await createTopic(zk, 'after', [[3], [1], [2]]);
    await waitConverged('cluster converged after the ZooKeeper restart', zk, daemons, ['before', 'after'], 30_000);
    assert.deepEqual(daemons.filter((d) => d.exited()).map((d) => d.id), [], 'no daemon exited: they ride out ZooKeeper trouble');
    await assertRegisteredByDaemons(zk, daemons);
    const states = await readPartitionStates(zk, [0, 1, 2].map((partition) => ({ topic: 'after', partition })));
    assert.deepEqual(states.map((s) => s!.leader), [3, 1, 2]);
  });
});
