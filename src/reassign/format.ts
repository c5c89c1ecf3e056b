// Kafka 0.9's printed forms: reassignment JSON, `[topic,0]`, Scala Set/List/Map toString. Other
// release lines' texts are in src/kafka/dialects (pass the command's dialect to the renderers).
import { DIALECT_0_9, type Dialect } from '../kafka/dialects/index.js';
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

/** The rollback block of --execute (trailing newline included), in `dialect` (default 0.9). */
export function rollbackBlock(current: readonly PartitionTarget[], plan: readonly TopicPartitionRef[] = current, dialect: Dialect = DIALECT_0_9): string {
  return dialect.rollbackBlock(current, plan);
}

/** The two blocks of --generate, in `dialect` (default 0.9: the 0.8.2 - 0.10.1 layout). */
export function generateBlocks(current: readonly PartitionTarget[], proposed: readonly PartitionTarget[], dialect: Dialect = DIALECT_0_9): string {
  return dialect.generate(current, proposed);
}
