// Which replicas and brokers get throttled (Kafka 1.1 "B" logic, §5.5). Pure.
import type { ClusterAssignment, PartitionTarget } from './types.js';

export const LEADER_REPLICAS = 'leader.replication.throttled.replicas';
export const FOLLOWER_REPLICAS = 'follower.replication.throttled.replicas';
export const LEADER_RATE = 'leader.replication.throttled.rate';
export const FOLLOWER_RATE = 'follower.replication.throttled.rate';
export const TOPIC_THROTTLE_KEYS = [LEADER_REPLICAS, FOLLOWER_REPLICAS] as const;
export const BROKER_THROTTLE_KEYS = [LEADER_RATE, FOLLOWER_RATE] as const;

export interface TopicThrottle {
  /** `partition:broker` entries: current replicas of partitions that gain a new replica. */
  leader: string[];
  /** `partition:broker` entries: proposed replicas that are not current. */
  follower: string[];
}

export interface ThrottlePlan {
  topics: Map<string, TopicThrottle>;
  /** Brokers given the rate: current replicas of the involved topics plus every proposed replica. */
  brokers: number[];
}

/**
 * Leader list: for each partition whose proposed set has a broker it does not have now, every
 * current replica (they may all serve the new one). Follower list: the new replicas.
 * Entries follow partition order in the plan, then replica order. Topics with no moves are left out.
 */
export function computeThrottles(current: ClusterAssignment, proposed: readonly PartitionTarget[]): ThrottlePlan {
  const topics = new Map<string, TopicThrottle>();
  const brokers = new Set<number>();
  const involved = new Set(proposed.map((r) => r.topic));
  for (const t of involved) for (const reps of current.get(t)?.values() ?? []) for (const b of reps) brokers.add(b);
  const sorted = [...proposed].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  for (const r of sorted) {
    for (const b of r.replicas) brokers.add(b);
    const now = current.get(r.topic)?.get(r.partition) ?? [];
    const added = r.replicas.filter((b) => !now.includes(b));
    if (!added.length) continue;
    let t = topics.get(r.topic);
    if (!t) topics.set(r.topic, (t = { leader: [], follower: [] }));
    for (const b of now) t.leader.push(`${r.partition}:${b}`);
    for (const b of added) t.follower.push(`${r.partition}:${b}`);
  }
  return { topics, brokers: [...brokers].sort((a, b) => a - b) };
}
