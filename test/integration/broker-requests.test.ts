// A daemon's answers to controller requests and follower fetches sent straight to its RPC port:
// controller-epoch fencing, leader-epoch checks, replica directories, and the leader's own ISR
// writes (CAS on the given zkVersion; no write when the znode moved on).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../helpers/zookeeper.js';
import { freshChroot } from '../helpers/cluster.js';
import { daemonTestCluster, startDaemon } from '../helpers/daemons.js';
import { RpcClient } from '../../src/broker/rpc.js';
import { ErrorCode, type LeaderAndIsrRequest, type PartitionLeaderState } from '../../src/broker/protocol.js';
import { decodePartitionState, encodePartitionState } from '../../src/zk/codecs/partitionState.js';

const EPOCH = 50; // above anything the daemon's own controller uses in a fresh chroot

function lai(partitions: PartitionLeaderState[], controllerEpoch = EPOCH): LeaderAndIsrRequest {
  return { type: 'LeaderAndIsr', controllerId: 9, controllerEpoch, partitions, leaders: [] };
}

describe('broker request handling', () => {
  const cluster = daemonTestCluster();
  const daemons = cluster.daemons;

  test('LeaderAndIsr/StopReplica/Fetch semantics and leader ISR writes', async () => {
    const c = await freshChroot(cluster.server);
    const client = { rpc: undefined as RpcClient | undefined };
    try {
      const d = await startDaemon({ zkConnect: c.connect, brokerId: 1, config: { 'replica.lag.time.max.ms': '600' } });
      daemons.push(d);
      const rpc = (client.rpc = new RpcClient('127.0.0.1', d.port, 5000));
      const statePath = (p: number): string => `/brokers/topics/q/partitions/${p}/state`;
      for (const p of [0, 1]) {
        await c.zk.mkdirp(`/brokers/topics/q/partitions/${p}`);
        await c.zk.create(statePath(p), encodePartitionState({ leader: 1, leaderEpoch: 3, isr: [1, 2], controllerEpoch: 7 }));
      }
      const base = { topic: 'q', controllerEpoch: 7, leader: 1, leaderEpoch: 3, isr: [1, 2], zkVersion: 0, replicas: [1, 2] };
      // p0: correct zkVersion; p1: a stale one (the znode will have moved on); p2: not ours.
      let res = await rpc.send(lai([{ ...base, partition: 0 }, { ...base, partition: 1, zkVersion: 0 }, { ...base, partition: 2, replicas: [2, 3], leader: 2 }]));
      assert.equal(res.errorCode, ErrorCode.NONE);
      assert.deepEqual(res.partitions.map((p) => p.errorCode), [ErrorCode.NONE, ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
      assert.ok(existsSync(join(d.dataDir, 'q-0')) && existsSync(join(d.dataDir, 'q-1')));
      assert.equal(existsSync(join(d.dataDir, 'q-2')), false);
      // Someone else (a controller) rewrote p1 with a newer leader epoch: the leader must not overwrite it.
      const moved = encodePartitionState({ leader: 1, leaderEpoch: 4, isr: [1, 2], controllerEpoch: 8 });
      await c.zk.setData(statePath(1), moved, 0);

      // Same or lower leader epoch: ignored; a lower controller epoch: the whole request is refused.
      res = await rpc.send(lai([{ ...base, partition: 0, isr: [1] }]));
      assert.deepEqual(res.partitions.map((p) => p.errorCode), [ErrorCode.STALE_LEADER_EPOCH]);
      res = await rpc.send(lai([{ ...base, partition: 0, leaderEpoch: 9 }], EPOCH - 1));
      assert.equal(res.errorCode, ErrorCode.STALE_CONTROLLER_EPOCH);

      // Fetch as replica 2: a full fetch opens a session; a partition this broker does not host is an error.
      const fetch = await rpc.send({ type: 'Fetch', replicaId: 2, partitions: [{ topic: 'q', partition: 0, leaderEpoch: 3, fetchOffset: 0 }, { topic: 'q', partition: 5, leaderEpoch: 0, fetchOffset: 0 }] });
      assert.deepEqual(fetch.partitions.map((p) => p.errorCode), [ErrorCode.NONE, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]);
      const sessionId = fetch.sessionId!;
      assert.ok(sessionId > 0);
      const unknown = await rpc.send({ type: 'Fetch', replicaId: 2, partitions: [], sessionId: sessionId + 1000, sessionEpoch: 1 });
      assert.equal(unknown.errorCode, ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
      const outOfStep = await rpc.send({ type: 'Fetch', replicaId: 2, partitions: [], sessionId, sessionEpoch: 5 });
      assert.equal(outOfStep.errorCode, ErrorCode.INVALID_FETCH_SESSION_EPOCH);
      // Steady state: empty incremental fetches in the session keep replica 2 in p0's ISR.
      let epoch = 0;
      const keepFetching = setInterval(() => {
        void rpc.send({ type: 'Fetch', replicaId: 2, partitions: [], sessionId, sessionEpoch: ++epoch }).catch(() => undefined);
      }, 100);
      try {
        // p1 gets no fetches: its leader wants to drop 2, its CAS fails, it re-reads and backs off.
        await waitFor('leader gives up on p1', () => /Cached zkVersion 0 of \[q,1\] is stale/.test(d.output()), 5000);
        const p1 = await c.zk.getData(statePath(1));
        assert.equal(p1.data!.toString(), moved.toString());
        assert.equal(p1.stat.version, 1);
        // p0 keeps 2 in the ISR while it fetches.
        const p0 = await c.zk.getData(statePath(0));
        assert.equal(p0.stat.version, 0);
      } finally {
        clearInterval(keepFetching);
      }
      // Fetches stop: after the lag, the leader shrinks p0's ISR itself (epochs unchanged, CAS on v0).
      const shrunk = await waitFor('p0 shrink', async () => {
        const r = await c.zk.getData(statePath(0));
        return r.stat.version === 1 ? decodePartitionState(r.data, statePath(0)) : null;
      }, 5000);
      assert.deepEqual(shrunk, { leader: 1, leaderEpoch: 3, isr: [1], controllerEpoch: 7 });
      // 2 comes back: it is appended to the ISR again.
      await rpc.send({ type: 'Fetch', replicaId: 2, partitions: [{ topic: 'q', partition: 0, leaderEpoch: 3, fetchOffset: 0 }] });
      const expanded = await waitFor('p0 expand', async () => {
        const r = await c.zk.getData(statePath(0));
        return r.stat.version === 2 ? decodePartitionState(r.data, statePath(0)) : null;
      }, 5000);
      assert.deepEqual(expanded.isr, [1, 2]);

      // StopReplica(delete) removes the directory; a stale one is refused.
      const stale = await rpc.send({ type: 'StopReplica', controllerId: 9, controllerEpoch: 1, deletePartitions: true, partitions: [{ topic: 'q', partition: 0 }] });
      assert.equal(stale.errorCode, ErrorCode.STALE_CONTROLLER_EPOCH);
      assert.ok(existsSync(join(d.dataDir, 'q-0')));
      const stop = await rpc.send({ type: 'StopReplica', controllerId: 9, controllerEpoch: EPOCH, deletePartitions: true, partitions: [{ topic: 'q', partition: 0 }] });
      assert.deepEqual(stop.partitions.map((p) => p.errorCode), [ErrorCode.NONE]);
      assert.equal(existsSync(join(d.dataDir, 'q-0')), false);
      const after = await rpc.send({ type: 'Fetch', replicaId: 2, partitions: [{ topic: 'q', partition: 0, leaderEpoch: 3, fetchOffset: 0 }] });
      assert.equal(after.partitions[0]!.errorCode, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    } finally {
      client.rpc?.close();
      await c.close();
    }
  });
});
