// Small pieces the dialects share: Scala/Java collection texts, sorting, Java's HashMap order.
import type { PartitionReplicas, TopicPartitionRef } from './types.js';

export const bracketTp = (tp: TopicPartitionRef): string => `[${tp.topic},${tp.partition}]`;
export const dashTp = (tp: TopicPartitionRef): string => `${tp.topic}-${tp.partition}`;

export function byTopicPartition<T extends TopicPartitionRef>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

/** Kafka's reassignment JSON, compact; `log_dirs` (all "any") from 1.0. */
export function reassignmentJsonText(list: readonly PartitionReplicas[], logDirs: boolean): string {
  return JSON.stringify({
    version: 1,
    partitions: list.map((r) =>
      logDirs
        ? { topic: r.topic, partition: r.partition, replicas: r.replicas, log_dirs: r.replicas.map(() => 'any') }
        : { topic: r.topic, partition: r.partition, replicas: r.replicas },
    ),
  });
}

/** Java's String.hashCode (UTF-16 code units, 32-bit wrap). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The iteration order of a java.util.HashMap (default capacity 16, load factor 0.75) after
 * putting `keys` in the given order: buckets ascending, insertion order inside a bucket (resizes
 * keep that relative order).
 */
export function javaHashMapOrder(keys: readonly string[], initialCapacity = 16): string[] {
  let cap = 1;
  while (cap < initialCapacity) cap *= 2;
  while (keys.length > cap * 0.75) cap *= 2;
  const bucket = (k: string): number => {
    const h = javaStringHash(k);
    return (h ^ (h >>> 16)) & (cap - 1);
  };
  return keys.map((k, i) => ({ k, i, b: bucket(k) })).sort((x, y) => x.b - y.b || x.i - y.i).map((x) => x.k);
}

export function sortedConfigText(configs: ReadonlyMap<string, string>): string {
  return [...configs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** 2.4+ ZK mode: the overrides go through an admin Config (a HashMap) before printing. */
export function hashMapConfigText(configs: ReadonlyMap<string, string>): string {
  const keys = [...configs.keys()].sort();
  return javaHashMapOrder(keys).map((k) => `${k}=${configs.get(k)}`).join(',');
}

export const leaderOrNone = (leader: number | null): string => (leader === null ? 'none' : String(leader));
