// Flattens the planner's Map-based input into typed arrays (one row per partition, sorted by topic
// name then partition id so plans never depend on Map insertion order), and validates it.
import { PlannerError } from './errors.js';
import type { PlannerBroker, TopicAssignments } from './types.js';

export interface Model {
  /** Number of target brokers; broker indexes 0..B-1 are the targets sorted by id. */
  B: number;
  /** index -> broker id: targets first (sorted), then brokers only found in `current` (sorted). */
  ids: number[];
  indexOf: Map<number, number>;
  rackAware: boolean;
  /** Rack index of each target broker (racks sorted by name), -1 when not rack-aware. */
  rackOf: Int32Array;
  nRacks: number;
  topics: string[];
  P: number;
  topicOf: Int32Array;
  partId: Int32Array;
  /** Current replicas of partition p: cur[curOff[p] .. curOff[p+1]) as broker indexes, duplicates removed. */
  curOff: Int32Array;
  cur: Int32Array;
  /** Replication factor wanted for each partition. */
  rf: Int32Array;
  /** Total replicas wanted (Σ rf). */
  R: number;
}

const hasRack = (b: PlannerBroker): boolean => b.rack !== undefined && b.rack !== null;

export function buildModel(
  current: TopicAssignments,
  brokers: readonly PlannerBroker[],
  replicationFactor: number | undefined,
  rackAwareOpt: boolean | undefined,
): Model {
  if (brokers.length === 0) throw new PlannerError('broker list is empty');
  const seen = new Set<number>();
  for (const b of brokers) {
    if (!Number.isInteger(b.id) || b.id < 0) throw new PlannerError(`broker id must be an integer >= 0, got ${b.id}`);
    if (seen.has(b.id)) throw new PlannerError(`Broker list contains duplicate entries: ${b.id}`);
    seen.add(b.id);
  }
  if (replicationFactor !== undefined) checkRf(replicationFactor, brokers.length);
  const withRack = brokers.filter(hasRack).length;
  const rackAware = rackAwareOpt ?? withRack === brokers.length;
  if (rackAware && withRack < brokers.length) {
    throw new PlannerError('Not all brokers have rack information for replica rack aware assignment');
  }

  const targets = [...brokers].sort((a, b) => a.id - b.id);
  const B = targets.length;
  const ids = targets.map((b) => b.id);
  const indexOf = new Map<number, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  const rackOf = new Int32Array(B).fill(-1);
  let nRacks = 0;
  if (rackAware) {
    const racks = [...new Set(targets.map((b) => b.rack as string))].sort();
    const rackIndex = new Map(racks.map((r, i) => [r, i]));
    targets.forEach((b, i) => (rackOf[i] = rackIndex.get(b.rack as string)!));
    nRacks = racks.length;
  }

  const topics = [...current.keys()].sort();
  let P = 0;
  let curTotal = 0;
  for (const t of topics) {
    const parts = current.get(t)!;
    P += parts.size;
    for (const reps of parts.values()) curTotal += reps.length;
  }
  const topicOf = new Int32Array(P);
  const partId = new Int32Array(P);
  const curOff = new Int32Array(P + 1);
  const cur = new Int32Array(curTotal);
  const rf = new Int32Array(P);
  const others: number[] = []; // ids only present in `current`
  // Broker id -> index through a flat table for the usual small ids; the Map covers the rest.
  const table = new Int32Array(Math.min(1 << 20, Math.max(...ids) + 1)).fill(-1);
  ids.forEach((id, i) => (table[id] = i));
  const lookup = (id: number): number | undefined => (id >= 0 && id < table.length && Number.isInteger(id) ? (table[id]! >= 0 ? table[id] : undefined) : indexOf.get(id));
  let p = 0;
  let c = 0;
  let R = 0;
  for (let ti = 0; ti < topics.length; ti++) {
    const parts = current.get(topics[ti]!)!;
    const pids = [...parts.keys()];
    let sorted = true;
    for (let i = 1; i < pids.length; i++) if (pids[i - 1]! > pids[i]!) sorted = false;
    if (!sorted) pids.sort((a, b) => a - b);
    for (const pid of pids) {
      const reps = parts.get(pid)!;
      topicOf[p] = ti;
      partId[p] = pid;
      const start = c;
      curOff[p] = start;
      for (let r = 0; r < reps.length; r++) {
        const id = reps[r]!;
        let idx = lookup(id);
        if (idx === undefined) {
          if (!Number.isInteger(id)) throw new PlannerError(`${topics[ti]}-${pid}: broker id must be an integer, got ${id}`);
          idx = ids.length;
          ids.push(id);
          indexOf.set(id, idx);
          if (id >= 0 && id < table.length) table[id] = idx;
          others.push(id);
        }
        let dup = false;
        for (let k = start; k < c; k++) if (cur[k] === idx) dup = true;
        if (!dup) cur[c++] = idx;
      }
      const n = c - start;
      if (replicationFactor === undefined) {
        if (n === 0) throw new PlannerError(`partition ${topics[ti]}-${pid} has no replicas: give a replication factor`);
        if (n > B) checkRf(n, B);
      }
      rf[p] = replicationFactor ?? n;
      R += rf[p]!;
      p++;
    }
  }
  curOff[P] = c;
  const model: Model = { B, ids, indexOf, rackAware, rackOf, nRacks, topics, P, topicOf, partId, curOff, cur: cur.subarray(0, c), rf, R };
  if (others.length > 0) sortOtherBrokers(model);
  return model;
}

function checkRf(rf: number, brokers: number): void {
  if (!Number.isInteger(rf) || rf <= 0) throw new PlannerError('replication factor must be larger than 0');
  if (rf > brokers) throw new PlannerError(`replication factor: ${rf} larger than available brokers: ${brokers}`);
}

/** Non-target brokers got indexes in order of appearance; renumber them by id for stable output. */
function sortOtherBrokers(m: Model): void {
  const extra = m.ids.slice(m.B).sort((a, b) => a - b);
  const remap = new Int32Array(m.ids.length);
  for (let i = 0; i < m.B; i++) remap[i] = i;
  const old = m.ids.slice(m.B);
  const pos = new Map(extra.map((id, i) => [id, m.B + i]));
  old.forEach((id, i) => (remap[m.B + i] = pos.get(id)!));
  for (let k = 0; k < m.cur.length; k++) m.cur[k] = remap[m.cur[k]!]!;
  m.ids = [...m.ids.slice(0, m.B), ...extra];
  m.ids.forEach((id, i) => m.indexOf.set(id, i));
}
