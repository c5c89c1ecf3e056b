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
