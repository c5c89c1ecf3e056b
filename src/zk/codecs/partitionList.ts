// Znodes that hold a bare list of partitions: /admin/preferred_replica_election and
// /isr_change_notification/isr_change_<seq>. Both are {"version":1,"partitions":[{topic,partition}]}.
import { parseZnodeJson } from './validate.js';

export interface TopicPartition {
  topic: string;
  partition: number;
}

interface Raw {
  partitions?: TopicPartition[];
}

export function encodePartitionList(list: readonly TopicPartition[]): Buffer {
  return Buffer.from(JSON.stringify({ version: 1, partitions: list.map((p) => ({ topic: p.topic, partition: p.partition })) }));
}

export function decodePartitionList(data: Buffer | null, path: string): TopicPartition[] {
  const raw = parseZnodeJson<Raw>('znode-partition-list', data, path);
  return (raw.partitions ?? []).map((p) => ({ topic: p.topic, partition: p.partition }));
}
