// /admin/reassign_partitions: reassignments in flight (tool creates, controller shrinks/deletes).
import { parseZnodeJson } from './validate.js';

export interface PartitionReassignment {
  topic: string;
  partition: number;
  replicas: number[];
}

interface Raw {
  partitions?: PartitionReassignment[];
}

export function encodeReassignPartitions(list: readonly PartitionReassignment[]): Buffer {
  return Buffer.from(
    JSON.stringify({ version: 1, partitions: list.map((r) => ({ topic: r.topic, partition: r.partition, replicas: r.replicas })) }),
  );
}

export function decodeReassignPartitions(data: Buffer | null, path: string): PartitionReassignment[] {
  const raw = parseZnodeJson<Raw>('znode-reassign-partitions', data, path);
  return (raw.partitions ?? []).map((r) => ({ topic: r.topic, partition: r.partition, replicas: r.replicas }));
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The znode `previous` with the targets replaced by `list` (same topic/partition entries, in
 * `list`'s order): its `version` and every field ktool does not know stay, at the top level and in
 * each entry. `log_dirs` (Kafka 1.1+) names a directory per replica, position by position, so
 * when a target changes it becomes "any" for each replica (what Kafka's tool writes by default).
 */
export function rewriteReassignPartitions(previous: Buffer | null, path: string, list: readonly PartitionReassignment[]): Buffer {
  const raw = parseZnodeJson<Obj>('znode-reassign-partitions', previous, path);
  const old = new Map<string, Obj>();
  for (const e of Array.isArray(raw.partitions) ? raw.partitions : []) {
    if (isObj(e)) old.set(`${String(e.topic)}\u0000${String(e.partition)}`, e);
  }
  const partitions = list.map((r) => {
    const prev = old.get(`${r.topic}\u0000${r.partition}`);
    const entry: Obj = prev ? { ...prev } : {};
    const before = JSON.stringify(entry.replicas);
    entry.topic = r.topic;
    entry.partition = r.partition;
    entry.replicas = r.replicas;
    if (Array.isArray(entry.log_dirs) && before !== JSON.stringify(r.replicas)) entry.log_dirs = r.replicas.map(() => 'any');
    return entry;
  });
  return Buffer.from(JSON.stringify({ ...raw, partitions }));
}
