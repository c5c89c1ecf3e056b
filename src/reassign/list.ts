// --list (Kafka 2.6+ semantics, every version): every partition in flight, from
// /admin/reassign_partitions (the legacy path, all versions) or from the adding/removing replicas
// of 2.4+ topic znodes (KIP-455 reassignments, which leave no /admin/reassign_partitions).
import type { ZkClient } from '../zk/client.js';
import { allTopics, readAssignments } from '../zk/readers.js';
import { readInFlight } from './cluster-view.js';
import { tpKey } from './types.js';

export interface ListedReassignment {
  topic: string;
  partition: number;
  /** The full replica set while moving: the target first, then the replicas being removed (KIP-455). */
  replicas: number[];
  /** Where the partition is going. */
  target: number[];
  /** The replica list in /brokers/topics/<t> now. */
  current: number[];
  adding: number[];
  removing: number[];
  source: 'reassign_partitions' | 'topic-znode';
}

const minus = (a: readonly number[], b: readonly number[]): number[] => a.filter((x) => !b.includes(x));
const distinct = (a: readonly number[]): number[] => [...new Set(a)];

export async function listReassignments(zk: ZkClient): Promise<ListedReassignment[]> {
  const [inFlight, topics] = await Promise.all([readInFlight(zk), allTopics(zk)]);
  const assignments = await readAssignments(zk, topics);
  const out = new Map<string, ListedReassignment>();
  // KIP-455 state first: the controller's own record of what is being added and removed.
  for (const [topic, a] of assignments) {
    for (const [partition, current] of a.partitions) {
      const adding = a.addingReplicas.get(partition) ?? [];
      const removing = a.removingReplicas.get(partition) ?? [];
      if (!adding.length && !removing.length) continue;
      out.set(tpKey(topic, partition), { topic, partition, replicas: current, target: minus(current, removing), current, adding, removing, source: 'topic-znode' });
    }
  }
  for (const e of inFlight?.list ?? []) {
    const key = tpKey(e.topic, e.partition);
    if (out.has(key)) continue;
    const current = assignments.get(e.topic)?.partitions.get(e.partition) ?? [];
    out.set(key, {
      topic: e.topic,
      partition: e.partition,
      replicas: distinct([...e.replicas, ...current]),
      target: e.replicas,
      current,
      adding: minus(e.replicas, current),
      removing: minus(current, e.replicas),
      source: 'reassign_partitions',
    });
  }
  return [...out.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

/** Kafka 2.6+'s --list text (the same for every dialect: no older tool had --list). */
export function renderReassignmentList(list: readonly ListedReassignment[]): string {
  if (!list.length) return 'No partition reassignments found.\n';
  const lines = list.map(
    (r) =>
      `${r.topic}-${r.partition}: replicas: ${r.replicas.join(',')}.` +
      (r.adding.length ? ` adding: ${r.adding.join(',')}.` : '') +
      (r.removing.length ? ` removing: ${r.removing.join(',')}.` : ''),
  );
  return `Current partition reassignments:\n${lines.join('\n')}\n`;
}
