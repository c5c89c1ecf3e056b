// --cancel: put the original replica lists back as the targets of the partitions still in flight.
//
// How this coordinates with the daemon's controller: the controller watches
// /admin/reassign_partitions. When the target of a partition it is already moving is replaced
// there, it restarts that partition's reassignment toward the new target (here: the original
// replicas), so the replicas it had added are stopped and removed and the partition shrinks back;
// partitions that had already finished are no longer in the znode and keep their new replicas.
// The rewrite is a setData conditional on the znode version we read: if the controller removed a
// finished partition meanwhile, the write fails with BAD_VERSION and we re-read and retry, so we
// never resurrect an entry the controller already completed, and never lose its own edits. The
// rewrite keeps the znode's version and every field ktool does not know.
//
// Only a ktool daemon's controller acts on such a rewrite (kafka-zk-safety.md H4): Kafka's own
// controller ignores it (≤2.3 rewrites the znode from memory; 2.4+ watches the znode's creation
// only, so the stale targets stay and are applied at the next failover). cancel-run.ts refuses
// those clusters before anything is written.
// A batched `--execute --wait` of the same plan sees the cancel marker file before submitting its
// next batch (and right after creating one), so no further batch starts after a cancel.
import type { ZkClient } from '../zk/client.js';
import * as P from '../zk/paths.js';
import { isZkCode } from '../zk/errors.js';
import { rewriteReassignPartitions } from '../zk/codecs/reassignPartitions.js';
import { readInFlight } from './cluster-view.js';
import { tpKey, type PartitionTarget } from './types.js';

export interface RestoreResult {
  /** Partitions whose target now is their original replica list. */
  restored: PartitionTarget[];
  /** In-flight partitions we have no original for (left untouched). */
  foreign: PartitionTarget[];
  /** False when no reassignment was in flight. */
  inFlight: boolean;
}

const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export async function restoreOriginals(zk: ZkClient, originals: readonly PartitionTarget[]): Promise<RestoreResult> {
  const orig = new Map(originals.map((o) => [tpKey(o.topic, o.partition), o.replicas]));
  for (let attempt = 0; ; attempt++) {
    const inFlight = await readInFlight(zk);
    if (!inFlight) return { restored: [], foreign: [], inFlight: false };
    const restored: PartitionTarget[] = [];
    const foreign: PartitionTarget[] = [];
    let changed = false;
    const next = inFlight.list.map((e) => {
      const o = orig.get(tpKey(e.topic, e.partition));
      if (!o) {
        foreign.push(e);
        return e;
      }
      restored.push({ topic: e.topic, partition: e.partition, replicas: o });
      if (!same(o, e.replicas)) changed = true;
      return { topic: e.topic, partition: e.partition, replicas: o };
    });
    if (!changed) return { restored, foreign, inFlight: true };
    try {
      await zk.setData(P.REASSIGN_PARTITIONS, rewriteReassignPartitions(inFlight.data, P.REASSIGN_PARTITIONS, next), inFlight.version);
      return { restored, foreign, inFlight: true };
    } catch (err) {
      if (attempt < 50 && (isZkCode(err, 'BAD_VERSION') || isZkCode(err, 'NO_NODE'))) continue;
      throw err;
    }
  }
}
