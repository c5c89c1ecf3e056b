// /brokers/topics/<t>: the replica assignment of a topic. Written as version 1 (Kafka 0.8-2.3);
// read from any version (2.4+ adds adding/removing replicas, 2.8 a topic id).
import { parseZnodeJson } from './validate.js';

/** partition id -> ordered replica list (first = preferred leader). */
export type Assignment = Map<number, number[]>;

export interface TopicAssignment {
  partitions: Assignment;
  addingReplicas: Assignment;
  removingReplicas: Assignment;
  topicId?: string;
}

interface Raw {
  version?: number;
  topic_id?: string;
  partitions: Record<string, number[]>;
  adding_replicas?: Record<string, number[]>;
  removing_replicas?: Record<string, number[]>;
}

function toMap(rec: Record<string, number[]> | undefined): Assignment {
  const m: Assignment = new Map();
  if (!rec) return m;
  for (const k of Object.keys(rec).sort((a, b) => Number(a) - Number(b))) m.set(Number(k), rec[k]!);
  return m;
}

export function encodeTopicAssignment(partitions: Assignment): Buffer {
  const rec: Record<string, number[]> = {};
  // Integer-like keys serialize in ascending order whatever the insertion order.
  for (const [p, replicas] of partitions) rec[String(p)] = replicas;
  return Buffer.from(JSON.stringify({ version: 1, partitions: rec }));
}

export function decodeTopicAssignment(data: Buffer | null, path: string): TopicAssignment {
  const raw = parseZnodeJson<Raw>('znode-topic-assignment', data, path);
  return {
    partitions: toMap(raw.partitions),
    addingReplicas: toMap(raw.adding_replicas),
    removingReplicas: toMap(raw.removing_replicas),
    topicId: raw.topic_id,
  };
}
