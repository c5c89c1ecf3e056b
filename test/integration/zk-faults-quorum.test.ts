// A 20 s quorum loss under running daemons: two of three ZooKeeper servers die (sessions expire
// meanwhile), then come back. Afterwards every partition with a live ISR replica has a leader
// again, and no daemon has exited.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ZkClient } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';
import { liveBrokerIds, readPartitionStates } from '../../src/zk/readers.js';
import { startEnsemble, waitFor, type ZkEnsemble } from '../helpers/zookeeper.js';
import { startDaemons, stopAll, type Daemon } from '../helpers/daemons.js';

const IDS = [1, 2, 3];
const OUTAGE_MS = 20_000;
const ASSIGNMENT = [[1, 2], [2, 3], [3, 1], [1, 3], [2, 1], [3, 2]];

describe('ZooKeeper faults: quorum lost for 20 s with daemons running', { timeout: 240_000 }, () => {
  let ens: ZkEnsemble | undefined;
  let daemons: Daemon[] = [];
  let zk: ZkClient | undefined;
  // The ZooKeeper helper unrefs its JVMs; keep the loop alive while they are killed and restarted.
  const keepAlive = setInterval(() => undefined, 1000);
  after(async () => {
    await zk?.close();
    await stopAll(daemons);
    await ens?.stop();
    clearInterval(keepAlive);
  });

  test('every partition with a live ISR replica is led again; no daemon exited', async () => {
    ens = await startEnsemble(3);
    daemons = await startDaemons(ens.connect, IDS, { config: { 'zookeeper.session.timeout.ms': '6000' } });
    zk = await ZkClient.connect(ens.connect, { sessionTimeoutMs: 30_000 });
    await zk.mkdirp(P.CONFIG_TOPICS);
    await zk.mkdirp(P.BROKER_TOPICS);
    await zk.multi([
      { op: 'create', path: P.topicConfigPath('q'), data: '{"version":1,"config":{}}' },
      { op: 'create', path: P.topicPath('q'), data: encodeTopicAssignment(new Map(ASSIGNMENT.map((r, p) => [p, r]))) },
    ]);
    const refs = ASSIGNMENT.map((_, partition) => ({ topic: 'q', partition }));
    const led = async (): Promise<boolean> => {
      const live = await liveBrokerIds(zk!);
      if (live.join() !== IDS.join()) return false;
      const states = await readPartitionStates(zk!, refs);
      // Every partition that has a live ISR replica must have a live leader from its ISR.
      return states.every((s) => s !== null && (!s.isr.some((b) => live.includes(b)) || (live.includes(s.leader) && s.isr.includes(s.leader))));
    };
    await waitFor('leaders before the outage', led, 60_000);

    // Lose the quorum: kill the leader and one follower.
    const leader = await waitFor('a quorum leader', () => ens!.leaderId(), 30_000);
    const victims = [leader, ens.servers.find((s) => s.id !== leader)!.id];
    for (const id of victims) await ens.servers[id - 1]!.kill();
    // The outage itself lasts 20 s (the scenario, not a wait for a condition).
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    assert.deepEqual(daemons.filter((d) => d.exited()).map((d) => d.id), [], 'no daemon exited during the outage');
    for (const id of victims) await ens.servers[id - 1]!.restart();

    try {
      await waitFor('every partition led again after the quorum came back', led, 90_000, 200);
    } catch (err) {
      const out = daemons.map((d) => `--- broker ${d.id}${d.exited() ? ' (exited)' : ''}\n${d.output().split('\n').slice(-10).join('\n')}`).join('\n');
      throw new Error(`${(err as Error).message}\n${out}`);
    }
    assert.deepEqual(daemons.filter((d) => d.exited()).map((d) => d.id), [], 'no daemon exited');
  });
});
