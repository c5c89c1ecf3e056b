// Bench fixtures: create many topics the way the admin tools do (config znode + assignment znode),
// batched into multi transactions so the writer itself is never the bottleneck being measured.
import type { ZkClient, Op } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { mapLimit, chunk } from '../../src/zk/pipeline.js';
import { encodeTopicAssignment, type Assignment } from '../../src/zk/codecs/topicAssignment.js';
import type { PartitionRef } from '../../src/zk/readers.js';

export interface TopicSpec {
  topic: string;
  assignment: Assignment;
}

/** `topics` × `partitions` with RF `rf` over `brokers`, replicas rotated so leaders spread evenly. */
export function planTopics(prefix: string, topics: number, partitions: number, rf: number, brokers: readonly number[]): TopicSpec[] {
  const out: TopicSpec[] = [];
  for (let t = 0; t < topics; t++) {
    const assignment: Assignment = new Map();
    for (let p = 0; p < partitions; p++) {
      const start = (t + p) % brokers.length;
      assignment.set(p, Array.from({ length: rf }, (_, i) => brokers[(start + i) % brokers.length]!));
    }
    out.push({ topic: `${prefix}${String(t).padStart(5, '0')}`, assignment });
  }
  return out;
}

export function partitionRefs(specs: readonly TopicSpec[]): PartitionRef[] {
  return specs.flatMap((s) => [...s.assignment.keys()].map((partition) => ({ topic: s.topic, partition })));
}

/** Writes /config/topics/<t> then /brokers/topics/<t> per topic, 50 topics per multi, 10 multis in flight. */
export async function writeTopics(zk: ZkClient, specs: readonly TopicSpec[]): Promise<void> {
  await zk.mkdirp(P.BROKER_TOPICS);
  await zk.mkdirp(P.CONFIG_TOPICS);
  const config = Buffer.from(JSON.stringify({ version: 1, config: {} }));
  await mapLimit(chunk(specs, 50), 10, (batch) =>
    zk.multi(
      batch.flatMap((s): Op[] => [
        { op: 'create', path: P.topicConfigPath(s.topic), data: config },
        { op: 'create', path: P.topicPath(s.topic), data: encodeTopicAssignment(s.assignment) },
      ]),
    ),
  );
}

/** Resident set size of a process in MB (VmRSS from /proc), or undefined if it is gone. */
export async function rssMb(pid: number): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
