// Creating /admin/reassign_partitions for one batch, with its throttle configs, in ONE multi:
// either the znode and every throttle write land, or nothing does (a lost race changes nothing).
import type { Op, ZkClient } from '../zk/client.js';
import * as P from '../zk/paths.js';
import { ZkError } from '../zk/errors.js';
import { encodeReassignPartitions } from '../zk/codecs/reassignPartitions.js';
import { readCurrentAssignment, readInFlight } from './cluster-view.js';
import { computeThrottles } from './throttle-plan.js';
import { setThrottleOps } from './throttle-zk.js';
import type { PartitionTarget } from './types.js';

/** Another reassignment holds the znode (NODE_EXISTS on create). */
export class InFlightConflict extends Error {
  constructor(readonly inFlight: PartitionTarget[]) {
    super('reassignment in progress');
    this.name = 'InFlightConflict';
  }
}

export async function submitBatch(zk: ZkClient, batch: readonly PartitionTarget[], throttle?: number): Promise<void> {
  await zk.mkdirp(P.ADMIN);
  for (let attempt = 0; ; attempt++) {
    const ops: Op[] = [];
    if (throttle !== undefined) {
      const current = await readCurrentAssignment(zk, batch.map((r) => r.topic));
      ops.push(...(await setThrottleOps(zk, computeThrottles(current, batch), throttle)));
    }
    ops.push({ op: 'create', path: P.REASSIGN_PARTITIONS, data: encodeReassignPartitions(batch) });
    try {
      await zk.multi(ops);
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
      // A throttle config changed under us: re-read and rebuild.
      if (attempt >= 10) throw err;
    }
  }
}
