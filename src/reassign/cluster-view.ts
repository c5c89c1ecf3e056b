// What the reassign services read from ZooKeeper: assignments, live brokers, the in-flight znode.
import type { ZkClient } from '../zk/client.js';
import { CommandError } from '../cli/errors.js';
import * as P from '../zk/paths.js';
import { liveBrokerIds, readAssignments } from '../zk/readers.js';
import { decodeReassignPartitions } from '../zk/codecs/reassignPartitions.js';
import { tpText } from './format.js';
import type { ClusterAssignment, PartitionTarget } from './types.js';

/** Current replica lists of `topics`; topics that do not exist are absent. */
export async function readCurrentAssignment(zk: ZkClient, topics: readonly string[]): Promise<ClusterAssignment> {
  const got = await readAssignments(zk, [...new Set(topics)]);
  const out: ClusterAssignment = new Map();
  for (const [topic, a] of got) out.set(topic, a.partitions);
  return out;
}

export interface InFlight {
  list: PartitionTarget[];
  /** zk data version, for the conditional rewrite of --cancel. */
  version: number;
}

/** /admin/reassign_partitions, or null when no reassignment is in flight. */
export async function readInFlight(zk: ZkClient): Promise<InFlight | null> {
  const r = await zk.tryGetData(P.REASSIGN_PARTITIONS);
  if (!r) return null;
  return { list: decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS), version: r.stat.version };
}

/** Registered broker ids (children of /brokers/ids only: the registrations need not be read). */
export async function liveBrokerIdSet(zk: ZkClient): Promise<Set<number>> {
  return new Set(await liveBrokerIds(zk));
}

/** Kafka's cluster checks of a plan (§5.4): every partition exists, every broker is registered. */
export function checkPlanAgainstCluster(plan: readonly PartitionTarget[], current: ClusterAssignment, live: Set<number>): void {
  const missing = plan.filter((r) => !current.get(r.topic)?.has(r.partition));
  if (missing.length) {
    throw new CommandError(`The proposed assignment contains non-existent partitions: ${missing.map(tpText).join(',')}`);
  }
  const unknown = [...new Set(plan.flatMap((r) => r.replicas))].filter((b) => !live.has(b)).sort((a, b) => a - b);
  if (unknown.length) throw new CommandError(`The proposed assignment contains non-existent brokerIDs: ${unknown.join(',')}`);
}
