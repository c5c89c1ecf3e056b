// What Kafka 2.6+'s --verify names when it clears throttles: every live broker plus the plan's
// target replicas, and the plan's topics (ReassignPartitionsCommand.clearAllThrottles).
import type { ZkClient } from '../zk/client.js';
import { liveBrokerIds } from '../zk/readers.js';
import type { PartitionTarget } from './types.js';

export async function throttleScope(zk: ZkClient, plan: readonly PartitionTarget[]): Promise<{ brokers: number[]; topics: string[] }> {
  const live = await liveBrokerIds(zk);
  const brokers = [...new Set([...live, ...plan.flatMap((r) => r.replicas)])].sort((a, b) => a - b);
  const topics = [...new Set(plan.map((r) => r.topic))].sort();
  return { brokers, topics };
}
