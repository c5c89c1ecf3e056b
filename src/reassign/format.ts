// Kafka 0.9's printed forms: reassignment JSON, `[topic,0]`, Scala Set/List/Map toString.
import type { ClusterAssignment, PartitionTarget, TopicPartitionRef } from './types.js';

/** `[topic,0]`: partition text of the 0.9 reassign and election tools. */
export const tpText = (tp: TopicPartitionRef): string => `[${tp.topic},${tp.partition}]`;

/** Kafka's reassignment JSON, compact, entries in the given order. */
export function reassignmentJson(list: readonly PartitionTarget[]): string {
  return JSON.stringify({
    version: 1,
    partitions: list.map((r) => ({ topic: r.topic, partition: r.partition, replicas: r.replicas })),
  });
}

/** Flatten a cluster assignment to plan lines, topics and partitions in ascending order. */
export function flattenAssignment(a: ClusterAssignment): PartitionTarget[] {
  const out: PartitionTarget[] = [];
  for (const topic of [...a.keys()].sort()) {
    const parts = a.get(topic)!;
    for (const p of [...parts.keys()].sort((x, y) => x - y)) out.push({ topic, partition: p, replicas: parts.get(p)! });
  }
  return out;
}

/** Scala `Set([a,0], [b,1])`. */
export const scalaSet = (tps: readonly TopicPartitionRef[]): string => `Set(${tps.map(tpText).join(', ')})`;

/** Scala `List(3, 1)`. */
export const scalaList = (ids: readonly number[]): string => `List(${ids.join(', ')})`;

/** 0.9's in-flight map: `Map([t,0] -> ReassignedPartitionsContext(List(3, 1),null))`. */
export function inFlightMapText(list: readonly PartitionTarget[]): string {
  return `Map(${list.map((r) => `${tpText(r)} -> ReassignedPartitionsContext(${scalaList(r.replicas)},null)`).join(', ')})`;
}

/** The rollback block of --execute (trailing newline included). */
export function rollbackBlock(current: readonly PartitionTarget[]): string {
  return `Current partition replica assignment\n\n${reassignmentJson(current)}\n\nSave this to use as the --reassignment-json-file option during rollback\n`;
}

/** The two blocks of --generate (0.8.2 - 0.10.1 layout). */
export function generateBlocks(current: readonly PartitionTarget[], proposed: readonly PartitionTarget[]): string {
  return (
    `Current partition replica assignment\n\n${reassignmentJson(current)}\n` +
    `Proposed partition reassignment configuration\n\n${reassignmentJson(proposed)}\n`
  );
}
