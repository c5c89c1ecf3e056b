// Plan statistics: data moved, the lower bound, and per-broker replica/leader counts.
import { buildModel } from './model.js';
import { lowerBound } from './lower-bound.js';
import type { BrokerLoad, PlannerBroker, PlanStats, TopicAssignments } from './types.js';

/** Per-broker counts as BrokerLoad rows sorted by broker id. */
export function toBrokerLoads(ids: readonly number[], replicas: ArrayLike<number>, leaders: ArrayLike<number>): BrokerLoad[] {
  return ids
    .map((broker, i) => ({ broker, replicas: replicas[i] ?? 0, leaders: leaders[i] ?? 0 }))
    .sort((a, b) => a.broker - b.broker);
}

/** Replica and leader counts of an assignment, over `ids` (brokers not in `indexOf` are appended). */
function countLoads(a: TopicAssignments, ids: number[], indexOf: Map<number, number>): { replicas: number[]; leaders: number[] } {
  const replicas: number[] = new Array(ids.length).fill(0);
  const leaders: number[] = new Array(ids.length).fill(0);
  const idx = (id: number): number => {
    let i = indexOf.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      indexOf.set(id, i);
      replicas.push(0);
      leaders.push(0);
    }
    return i;
  };
  for (const parts of a.values()) {
    for (const reps of parts.values()) {
      if (reps.length > 0) leaders[idx(reps[0]!)]!++;
      reps.forEach((id, k) => {
        if (reps.indexOf(id) === k) replicas[idx(id)]!++;
      });
    }
  }
  return { replicas, leaders };
}

/**
 * Statistics of any plan (e.g. Kafka's random-start strategy) against the current assignment:
 * moves = replicas placed on a broker that did not hold that partition before; lowerBound as in
 * lower-bound.ts for `brokers` and `replicationFactor` (default: each partition's own).
 */
export function planStats(
  current: TopicAssignments,
  proposed: TopicAssignments,
  brokers: PlannerBroker[],
  replicationFactor?: number,
): PlanStats {
  const model = buildModel(current, brokers, replicationFactor, undefined); // racks count when all brokers have one
  let moves = 0;
  for (const [topic, parts] of proposed) {
    const before = current.get(topic);
    for (const [pid, reps] of parts) {
      const old = before?.get(pid) ?? [];
      reps.forEach((id, k) => {
        if (reps.indexOf(id) === k && !old.includes(id)) moves++;
      });
    }
  }
  const ids = [...model.ids];
  const indexOf = new Map(model.indexOf);
  const b = countLoads(current, ids, indexOf);
  const a = countLoads(proposed, ids, indexOf);
  return {
    moves,
    lowerBound: lowerBound(model).lowerBound,
    before: toBrokerLoads(ids, b.replicas, b.leaders),
    after: toBrokerLoads(ids, a.replicas, a.leaders),
  };
}
