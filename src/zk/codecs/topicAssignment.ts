// /brokers/topics/<t>: the replica assignment of a topic. New topics are written in the format the
// cluster's own tools write (v1 up to 2.3, v2 with empty adding/removing 2.4-2.7, v3 from 2.8);
// rewrites keep every field the znode had (topic_id, adding/removing replicas, unknown keys) and
// its version (kafka-zk-safety.md H1/H2). Read from any version.
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

function partitionsRecord(partitions: Assignment): Record<string, number[]> {
  const rec: Record<string, number[]> = {};
  // Integer-like keys serialize in ascending order whatever the insertion order.
  for (const [p, replicas] of partitions) rec[String(p)] = replicas;
  return rec;
}

/**
 * A new topic's znode as the cluster's own tools of that znode version write it. Version 3 carries
 * no topic_id: Kafka 2.8's `kafka-topics.sh --zookeeper` (AdminZkClient.createTopic with
 * usesTopicId=false) leaves it to the controller, which assigns one when IBP >= 2.8
 * (KafkaController.processTopicIds); only the broker's CreateTopics API invents ids.
 */
export function encodeTopicAssignment(partitions: Assignment, version: 1 | 2 | 3 = 1): Buffer {
  const rec = partitionsRecord(partitions);
  if (version === 1) return Buffer.from(JSON.stringify({ version: 1, partitions: rec }));
  // Key order as Kafka's controller leaves these znodes (fixtures/kafka-3.8.0), readers ignore it.
  return Buffer.from(JSON.stringify({ removing_replicas: {}, partitions: rec, adding_replicas: {}, version }));
}

/**
 * Rewrite an existing topic znode with new partitions, keeping every other field (version,
 * topic_id, adding_replicas, removing_replicas, keys ktool does not know) where it was.
 */
export function encodeTopicAssignmentOver(previous: Buffer | null, partitions: Assignment): Buffer {
  let raw: Record<string, unknown> = {};
  if (previous && previous.length) {
    const parsed: unknown = JSON.parse(previous.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  }
  const out: Record<string, unknown> = { ...raw };
  if (!('version' in out)) out.version = 1;
  out.partitions = partitionsRecord(partitions);
  return Buffer.from(JSON.stringify(out));
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
