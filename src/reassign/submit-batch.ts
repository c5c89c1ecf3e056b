// Creating /admin/reassign_partitions for one batch, with its throttle configs, in ONE multi:
// either the znode and every throttle write land, or nothing does (a lost race changes nothing).
// Each attempt first reads every topic: a partition with adding/removing replicas is being moved
// by a KIP-455 reassignment (Admin API, Cruise Control) that the znode would override (H8); the
// batch's topic znodes are version-checked in the same multi, so one starting meanwhile aborts it.
import type { Op, ZkClient } from '../zk/client.js';
import * as P from '../zk/paths.js';
import { ZkError } from '../zk/errors.js';
import { encodeReassignPartitions } from '../zk/codecs/reassignPartitions.js';
import { assertNoApiReassignment, readClusterView, readInFlight } from './cluster-view.js';
import { computeThrottles } from './throttle-plan.js';
import { setThrottleOps } from './throttle-zk.js';
import { addToThrottleRecord } from './throttle-record.js';
import type { PartitionTarget } from './types.js';

/** Another reassignment holds the znode (NODE_EXISTS on create). */
export class InFlightConflict extends Error {
  constructor(readonly inFlight: PartitionTarget[]) {
    super('reassignment in progress');
    this.name = 'InFlightConflict';
  }
}

export interface BatchThrottle {
  rate: number;
  /** The cluster's topic-notice format (configChangeNoticeVersion). */
  topicNoticeVersion: 1 | 2;
  /** Where what ktool set is recorded (throttle-record.ts). */
  recordPath: string;
}

export async function submitBatch(zk: ZkClient, batch: readonly PartitionTarget[], throttle?: BatchThrottle): Promise<void> {
  await zk.mkdirp(P.ADMIN);
  for (let attempt = 0; ; attempt++) {
    const view = await readClusterView(zk);
    assertNoApiReassignment(view, null);
    const ops: Op[] = [];
    const topics = [...new Set(batch.map((r) => r.topic))];
    for (const t of topics) {
      const v = view.versions.get(t);
      if (v !== undefined) ops.push({ op: 'check', path: P.topicPath(t), version: v });
    }
    let set: Awaited<ReturnType<typeof setThrottleOps>>['set'] | undefined;
    if (throttle !== undefined) {
      const t = await setThrottleOps(zk, computeThrottles(view.current, batch), throttle.rate, throttle.topicNoticeVersion);
      ops.push(...t.ops);
      set = t.set;
    }
    ops.push({ op: 'create', path: P.REASSIGN_PARTITIONS, data: encodeReassignPartitions(batch) });
    try {
      await zk.multi(ops);
      // After the multi: the record never claims a key ktool did not set (a crash in between
      // leaves no record, and removal falls back to the conservative scope).
      if (throttle && set) await addToThrottleRecord(throttle.recordPath, set);
      return;
    } catch (err) {
      if (!(err instanceof ZkError)) throw err;
      if (err.code === 'NODE_EXISTS' && err.path === P.REASSIGN_PARTITIONS) {
        const inFlight = await readInFlight(zk);
        if (inFlight) throw new InFlightConflict(inFlight.list);
        // It finished between our create and our read: try again.
      } else if (!(err.code === 'BAD_VERSION' || err.code === 'NODE_EXISTS')) {
        throw err;
      }
      // A topic or throttle config changed under us: re-read and rebuild.
      if (attempt >= 10) throw err;
    }
  }
}
