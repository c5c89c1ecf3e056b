// Re-running --execute --throttle N while this plan's reassignment is in flight changes the rate
// (what Kafka's throttle warning promises) instead of refusing: the in-flight partitions'
// throttle configs are rewritten with the new rate in one versioned multi.
import type { ZkClient } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import { readCurrentAssignment, type InFlight } from './cluster-view.js';
import { computeThrottles } from './throttle-plan.js';
import { setThrottleOps } from './throttle-zk.js';
import { addToThrottleRecord } from './throttle-record.js';
import type { BatchThrottle } from './submit-batch.js';
import { tpKey, type PartitionTarget } from './types.js';

/** True when every in-flight entry is a partition of `plan` with the same target. */
export function inFlightBelongsTo(inFlight: InFlight, plan: readonly PartitionTarget[]): boolean {
  const mine = new Set(plan.map((r) => `${tpKey(r.topic, r.partition)}=${r.replicas.join(',')}`));
  return inFlight.list.length > 0 && inFlight.list.every((e) => mine.has(`${tpKey(e.topic, e.partition)}=${e.replicas.join(',')}`));
}

export async function rethrottle(zk: ZkClient, inFlight: readonly PartitionTarget[], throttle: BatchThrottle): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await readCurrentAssignment(zk, inFlight.map((r) => r.topic));
    const t = await setThrottleOps(zk, computeThrottles(current, inFlight), throttle.rate, throttle.topicNoticeVersion);
    try {
      await zk.multi(t.ops);
      await addToThrottleRecord(throttle.recordPath, t.set);
      return;
    } catch (err) {
      if (attempt < 10 && (isZkCode(err, 'BAD_VERSION') || isZkCode(err, 'NODE_EXISTS'))) continue;
      throw err;
    }
  }
}
