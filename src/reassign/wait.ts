// Waiting for the controller to finish partitions of /admin/reassign_partitions: a data watch wakes
// us on every rewrite, a 1 s poll covers a lost watch or connection blip.
import type { ZkClient } from '../zk/client.js';
import * as P from '../zk/paths.js';
import { decodeReassignPartitions } from '../zk/codecs/reassignPartitions.js';
import { tpKey, type TopicPartitionRef } from './types.js';

export interface WaitOptions {
  /** Give up after this long (undefined = no limit). */
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
  /** Checked on every wake-up; true ends the wait early with 'stopped'. */
  shouldStop?: () => Promise<boolean> | boolean;
}

export type WaitOutcome = 'done' | 'timeout' | 'stopped';

/** Tracked partitions still listed in the znode (all of them have finished when it is gone). */
export async function remainingInFlight(zk: ZkClient, tracked: readonly TopicPartitionRef[], watch?: () => void): Promise<number> {
  const r = await zk.tryGetData(P.REASSIGN_PARTITIONS, watch ? () => watch() : undefined);
  if (!r) return 0;
  const inFlight = new Set(decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS).map((e) => tpKey(e.topic, e.partition)));
  return tracked.filter((t) => inFlight.has(tpKey(t.topic, t.partition))).length;
}

export async function waitForPartitions(zk: ZkClient, tracked: readonly TopicPartitionRef[], opts: WaitOptions = {}): Promise<WaitOutcome> {
  const deadline = opts.timeoutMs === undefined ? Infinity : Date.now() + opts.timeoutMs;
  for (;;) {
    let wake!: () => void;
    const woken = new Promise<void>((r) => (wake = r));
    const remaining = await remainingInFlight(zk, tracked, () => wake());
    opts.onProgress?.(tracked.length - remaining, tracked.length);
    if (remaining === 0) return 'done';
    if (opts.shouldStop && (await opts.shouldStop())) return 'stopped';
    const left = deadline - Date.now();
    if (left <= 0) return 'timeout';
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([woken, new Promise<void>((r) => (timer = setTimeout(r, Math.min(1000, left))))]);
    clearTimeout(timer);
  }
}
