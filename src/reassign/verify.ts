// --verify: status of each planned partition (§5.6, 0.9 text) and throttle removal once all finished.
import type { ZkClient } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import { readCurrentAssignment, readInFlight } from './cluster-view.js';
import { DIALECT_0_9, type Dialect, type VerifyExtras } from '../kafka/dialects/index.js';
import { removeThrottleOps } from './throttle-zk.js';
import { tpKey, type PartitionTarget } from './types.js';

export type PartitionStatus = 'completed' | 'in_progress' | 'failed';

export interface VerifyEntry extends PartitionTarget {
  status: PartitionStatus;
  /** Replica list in /brokers/topics/<t> now ([] when the partition does not exist). */
  assigned: number[];
}

const sameList = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** In progress = still in the znode; else completed iff the assignment equals the target in order. */
export async function verifyPlan(zk: ZkClient, plan: readonly PartitionTarget[]): Promise<VerifyEntry[]> {
  const inFlight = await readInFlight(zk);
  const pending = new Set((inFlight?.list ?? []).map((e) => tpKey(e.topic, e.partition)));
  const current = await readCurrentAssignment(zk, plan.map((r) => r.topic));
  return plan.map((r) => {
    const assigned = current.get(r.topic)?.get(r.partition) ?? [];
    const status: PartitionStatus = pending.has(tpKey(r.topic, r.partition)) ? 'in_progress' : sameList(assigned, r.replicas) ? 'completed' : 'failed';
    return { ...r, status, assigned };
  });
}

/**
 * The verify text in `dialect` (default Kafka 0.9's: header, every ERROR line, then one status line
 * per partition in file order, then `Throttle was removed.` when ktool removed them).
 */
export function renderVerify(entries: readonly VerifyEntry[], dialect: Dialect = DIALECT_0_9, extras: VerifyExtras = { throttleRemoved: false }): string {
  return dialect.verify(entries, extras);
}

/** Remove every throttle key (topics of the plan, all broker configs) in one versioned multi; true if anything changed. */
export async function removeThrottles(zk: ZkClient, topics: readonly string[]): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const ops = await removeThrottleOps(zk, topics);
    if (!ops.length) return false;
    try {
      await zk.multi(ops);
      return true;
    } catch (err) {
      // Someone else changed one of these configs meanwhile: re-read and try again.
      if (attempt < 10 && (isZkCode(err, 'BAD_VERSION') || isZkCode(err, 'NO_NODE'))) continue;
      throw err;
    }
  }
}
