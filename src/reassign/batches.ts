// Splitting a plan into znode-sized batches: ZooKeeper refuses requests over jute.maxbuffer
// (1 MB by default). The throttle configs travel in the same transaction as the znode, so a
// throttled batch gets half the room.
import type { PartitionTarget } from './types.js';

export const MAX_BATCH_BYTES = 900_000;
export const MAX_THROTTLED_BATCH_BYTES = 450_000;
const EMPTY_ZNODE_BYTES = '{"version":1,"partitions":[]}'.length;

/** Batches in plan order, each at most `batchSize` partitions and `maxBytes` of znode JSON. */
export function splitIntoBatches(plan: readonly PartitionTarget[], batchSize?: number, maxBytes = MAX_BATCH_BYTES): PartitionTarget[][] {
  const out: PartitionTarget[][] = [];
  let cur: PartitionTarget[] = [];
  let bytes = EMPTY_ZNODE_BYTES;
  for (const r of plan) {
    const size = JSON.stringify({ topic: r.topic, partition: r.partition, replicas: r.replicas }).length + 1;
    if (cur.length && ((batchSize !== undefined && cur.length >= batchSize) || bytes + size > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = EMPTY_ZNODE_BYTES;
    }
    cur.push(r);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}
