// What the reassign services read from ZooKeeper: assignments, live brokers, the in-flight znode,
// and the partitions a KIP-455 reassignment (Kafka's Admin API, Cruise Control) is moving, which
// only show as adding/removing replicas in /brokers/topics/<t> (kafka-zk-safety.md H8).
import type { ZkClient } from '../zk/client.js';
import { CommandError } from '../cli/errors.js';
import * as P from '../zk/paths.js';
import { allTopics, liveBrokerIds, readAssignments } from '../zk/readers.js';
import { decodeReassignPartitions } from '../zk/codecs/reassignPartitions.js';
import { scalaSet, tpText } from './format.js';
import type { ClusterAssignment, PartitionTarget } from './types.js';

/** A partition with non-empty adding or removing replicas: a KIP-455 reassignment is moving it. */
export interface MovingPartition {
  topic: string;
  partition: number;
  /** Replica list in the topic znode: the union of the original and the target. */
  replicas: number[];
  adding: number[];
  removing: number[];
}

export interface AssignmentView {
  /** Per partition: replicas − adding, i.e. the original replicas while a KIP-455 move runs. */
  current: ClusterAssignment;
  /** Per partition: the replica list as stored (the union during a KIP-455 move). */
  stored: ClusterAssignment;
  /** zk version of each topic znode read, for conditional writes. */
  versions: Map<string, number>;
  moving: MovingPartition[];
}

/**
 * Assignments of `topics` (absent topics left out). `current` is what every reassign action treats
 * as the partition's assignment: Kafka 2.4+ keeps the union in `partitions` during a move and
 * describes replicas − adding as the replica set, so that is what a rollback must restore.
 */
export async function readAssignmentView(zk: ZkClient, topics: readonly string[]): Promise<AssignmentView> {
  const got = await readAssignments(zk, [...new Set(topics)]);
  const view: AssignmentView = { current: new Map(), stored: new Map(), versions: new Map(), moving: [] };
  for (const [topic, a] of got) {
    const cur = new Map<number, number[]>();
    for (const [p, replicas] of a.partitions) {
      const adding = a.addingReplicas.get(p) ?? [];
      const removing = a.removingReplicas.get(p) ?? [];
      cur.set(p, adding.length ? replicas.filter((b) => !adding.includes(b)) : replicas);
      if (adding.length || removing.length) view.moving.push({ topic, partition: p, replicas, adding, removing });
    }
    view.current.set(topic, cur);
    view.stored.set(topic, a.partitions);
    view.versions.set(topic, a.version);
  }
  return view;
}

/** Current replica lists (replicas − adding) of `topics`; topics that do not exist are absent. */
export async function readCurrentAssignment(zk: ZkClient, topics: readonly string[]): Promise<ClusterAssignment> {
  return (await readAssignmentView(zk, topics)).current;
}

/** Replica lists exactly as stored (the preferred replica of an election is the first of these). */
export async function readStoredAssignment(zk: ZkClient, topics: readonly string[]): Promise<ClusterAssignment> {
  return (await readAssignmentView(zk, topics)).stored;
}

/** Every topic of the cluster: is any partition being moved by a KIP-455 reassignment? */
export async function readClusterView(zk: ZkClient): Promise<AssignmentView> {
  return readAssignmentView(zk, await allTopics(zk));
}

export const apiReassignmentMessage = (moving: readonly MovingPartition[]): string => {
  const topics = [...new Set(moving.map((m) => m.topic))];
  const detail = moving
    .map((m) => `${tpText(m)} adding ${m.adding.join(',') || '-'} removing ${m.removing.join(',') || '-'}`)
    .join('; ');
  return (
    `Partition reassignment currently in progress for ${scalaSet(moving)}: it was started through Kafka's Admin API ` +
    `(kafka-reassign-partitions.sh --bootstrap-server, Cruise Control) and shows only as adding/removing replicas in ` +
    `${topics.map((t) => P.topicPath(t)).join(', ')} (${detail}). Aborting operation. ` +
    `Wait for it to finish, or use Kafka's tool: kafka-reassign-partitions.sh --bootstrap-server <broker> --list to see it, --cancel to stop it (Kafka 2.6+)`
  );
};

/** Refuse when a KIP-455 reassignment is moving partitions that /admin/reassign_partitions does not list. */
export function assertNoApiReassignment(view: AssignmentView, inFlight: InFlight | null): void {
  const listed = new Set((inFlight?.list ?? []).map((e) => `${e.topic}\u0000${e.partition}`));
  const foreign = view.moving.filter((m) => !listed.has(`${m.topic}\u0000${m.partition}`));
  if (foreign.length) throw new CommandError(apiReassignmentMessage(foreign));
}

export interface InFlight {
  list: PartitionTarget[];
  /** zk data version, for the conditional rewrite of --cancel. */
  version: number;
  /** The znode as read, so a rewrite keeps its version and fields ktool does not know. */
  data: Buffer | null;
}

/** /admin/reassign_partitions, or null when no reassignment is in flight. */
export async function readInFlight(zk: ZkClient): Promise<InFlight | null> {
  const r = await zk.tryGetData(P.REASSIGN_PARTITIONS);
  if (!r) return null;
  return { list: decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS), version: r.stat.version, data: r.data };
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
