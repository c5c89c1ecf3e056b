// --verify: status of each planned partition (§5.6, 0.9 text) and throttle removal once all finished.
import type { ZkClient } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import { readAssignmentView, readInFlight } from './cluster-view.js';
import { tpText } from './format.js';
import { DIALECT_0_9, type Dialect, type VerifyExtras } from '../kafka/dialects/index.js';
import { removeThrottleOps } from './throttle-zk.js';
import { BROKER_THROTTLE_KEYS, TOPIC_THROTTLE_KEYS } from './throttle-plan.js';
import { dropThrottleRecord, emptyScope, loadThrottleRecord, type ThrottleScope } from './throttle-record.js';
import { tpKey, type PartitionTarget } from './types.js';

export type PartitionStatus = 'completed' | 'in_progress' | 'failed';

export interface VerifyEntry extends PartitionTarget {
  status: PartitionStatus;
  /** Replica list of the partition now, replicas − adding while a KIP-455 move runs ([] when the partition does not exist). */
  assigned: number[];
  /** Present while a KIP-455 reassignment (Admin API, Cruise Control, or a 2.4+ controller's own) moves the partition. */
  adding?: number[];
  removing?: number[];
}

const sameList = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * In progress = still in the znode, or adding/removing replicas in the topic znode (a 2.4+
 * controller keeps them until the move is done, whoever started it); else completed iff the
 * assignment equals the target in order.
 */
export async function verifyPlan(zk: ZkClient, plan: readonly PartitionTarget[]): Promise<VerifyEntry[]> {
  const inFlight = await readInFlight(zk);
  const pending = new Set((inFlight?.list ?? []).map((e) => tpKey(e.topic, e.partition)));
  const view = await readAssignmentView(zk, plan.map((r) => r.topic));
  const moving = new Map(view.moving.map((m) => [tpKey(m.topic, m.partition), m]));
  return plan.map((r) => {
    const key = tpKey(r.topic, r.partition);
    const assigned = view.current.get(r.topic)?.get(r.partition) ?? [];
    const m = moving.get(key);
    const status: PartitionStatus = pending.has(key) || m ? 'in_progress' : sameList(assigned, r.replicas) ? 'completed' : 'failed';
    return { ...r, status, assigned, ...(m ? { adding: m.adding, removing: m.removing } : {}) };
  });
}

/**
 * The verify text in `dialect` (default Kafka 0.9's: header, every ERROR line, then one status line
 * per partition in file order, then `Throttle was removed.` when ktool removed them).
 */
export function renderVerify(entries: readonly VerifyEntry[], dialect: Dialect = DIALECT_0_9, extras: VerifyExtras = { throttleRemoved: false }): string {
  return dialect.verify(entries, extras);
}

export interface RemoveThrottleOptions {
  plan: readonly PartitionTarget[];
  /** `<journal>.throttles.json`: what ktool set for this reassignment. */
  recordPath: string;
  topicNoticeVersion: 1 | 2;
}

export interface RemoveThrottleResult {
  removed: boolean;
  /** 'recorded': exactly the keys ktool set; 'fallback': no record, the conservative scope. */
  scope: 'recorded' | 'fallback';
  /** What was removed and why, when the record was missing (stderr / --json). */
  note?: string;
}

/**
 * Without a record (--execute ran elsewhere, by another tool, or crashed before writing it):
 * the throttle lists of the plan's topics that nothing else is moving, and the rate keys of the
 * brokers that hold the plan's replicas now. Never /config/brokers/<default>, never other brokers.
 */
async function fallbackScope(zk: ZkClient, plan: readonly PartitionTarget[]): Promise<ThrottleScope> {
  const scope = emptyScope();
  const view = await readAssignmentView(zk, plan.map((r) => r.topic));
  const busy = new Set(view.moving.map((m) => m.topic));
  const brokers = new Set<number>();
  for (const r of plan) for (const b of r.replicas) brokers.add(b);
  for (const [topic, parts] of view.current) {
    if (!busy.has(topic)) scope.topics.set(topic, [...TOPIC_THROTTLE_KEYS]);
    for (const reps of parts.values()) for (const b of reps) brokers.add(b);
  }
  for (const b of [...brokers].sort((x, y) => x - y)) scope.brokers.set(String(b), [...BROKER_THROTTLE_KEYS]);
  return scope;
}

/** Remove the throttle keys of this reassignment in one versioned multi; drops the record afterwards. */
export async function removeThrottles(zk: ZkClient, o: RemoveThrottleOptions): Promise<RemoveThrottleResult> {
  const recorded = await loadThrottleRecord(o.recordPath);
  const scope = recorded ?? (await fallbackScope(zk, o.plan));
  const result: RemoveThrottleResult = { removed: false, scope: recorded ? 'recorded' : 'fallback' };
  for (let attempt = 0; ; attempt++) {
    const ops = await removeThrottleOps(zk, scope, o.topicNoticeVersion);
    if (!ops.length) break;
    try {
      await zk.multi(ops);
      result.removed = true;
      break;
    } catch (err) {
      // Someone else changed one of these configs meanwhile: re-read and try again.
      if (attempt < 10 && (isZkCode(err, 'BAD_VERSION') || isZkCode(err, 'NO_NODE') || isZkCode(err, 'NODE_EXISTS'))) continue;
      throw err;
    }
  }
  if (recorded) await dropThrottleRecord(o.recordPath);
  else if (result.removed) {
    const topics = [...scope.topics.keys()].join(',') || 'none';
    const brokers = [...scope.brokers.keys()].join(',') || 'none';
    result.note =
      `No throttle record ${o.recordPath} (what ktool set for this plan): removed only the throttle replica lists of topics ${topics} ` +
      `and the throttle rates of brokers ${brokers}, never /config/brokers/<default>; remove any other throttle with kafka-configs.sh`;
  }
  return result;
}
