// --create --from-file F: many topics from one JSON file (schemas/topics-file.schema.json).
// The whole file is validated first (schema, then every entry against the cluster and against
// the other entries); nothing is written if any entry is bad. Then one transaction per topic,
// many in flight.
import { InputFileError, parseJsonStrict, readInputText } from '../cli/input-file.js';
import { dialectFor } from '../kafka/dialects/index.js';
import type { KafkaVersion } from '../kafka/version.js';
import type { ZkClient } from '../zk/client.js';
import { DEFAULT_PIPELINE, mapLimit } from '../zk/pipeline.js';
import { describeErrors, schemaValidator } from '../schemas.js';
import { UsageError } from '../cli/errors.js';
import { TopicCommandError } from './errors.js';
import { ensureCreateParents, planCreate, readCreateContext, writeTopic, type CreatePlan, type CreateResult, type CreateSpec } from './create.js';
import { validateTopicConfigs } from './topic-configs.js';
import { MAX_PARTITIONS } from './usage-rules.js';
import { assertWritable, type ClusterKnowledge } from '../kafka/cluster.js';
import { topicZnodeVersion } from '../kafka/features.js';

interface FileEntry {
  topic: string;
  partitions?: number;
  replication_factor?: number;
  replica_assignment?: Record<string, number[]>;
  configs?: Record<string, string | number | boolean>;
}

export interface TopicsFile {
  version: 1;
  topics: FileEntry[];
}

const label = (i: number, e: { topic?: unknown }): string => `topics[${i}]${typeof e.topic === 'string' ? ` (topic "${e.topic}")` : ''}`;

/** Read and schema-check the file; exit 2 when it is unreadable or malformed. */
export async function readTopicsFile(path: string): Promise<TopicsFile> {
  let text: string;
  try {
    text = await readInputText(path);
  } catch (err) {
    throw new UsageError(`--from-file: cannot read ${path}: ${err instanceof InputFileError ? err.reason : (err as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseJsonStrict(text);
  } catch (err) {
    throw new UsageError(`--from-file: ${path} is not valid JSON: ${(err as Error).message}`);
  }
  const v = schemaValidator('topics-file');
  if (!v(value)) {
    const e = v.errors?.[0];
    const m = e ? /^\/topics\/(\d+)/.exec(e.instancePath) : null;
    const where = m ? `${label(Number(m[1]), (value as TopicsFile).topics[Number(m[1])]!)}: ` : '';
    throw new UsageError(`--from-file ${path}: ${where}${describeErrors(v)}`);
  }
  return value as TopicsFile;
}

/** One file entry as a create spec; errors name the entry and the field. */
export function entryToSpec(e: FileEntry, i: number, rackAware: boolean, version?: KafkaVersion): CreateSpec {
  const fail = (msg: string): never => {
    throw new UsageError(`${label(i, e)}: ${msg}`);
  };
  let replicaAssignment: number[][] | undefined;
  if (e.replica_assignment) {
    if (e.partitions !== undefined || e.replication_factor !== undefined) {
      fail('replica_assignment cannot be combined with partitions or replication_factor');
    }
    const ids = Object.keys(e.replica_assignment).map(Number).sort((a, b) => a - b);
    ids.forEach((p, k) => {
      if (p !== k) fail(`replica_assignment partition ids must be 0..${ids.length - 1}, missing ${k}`);
    });
    replicaAssignment = ids.map((p) => e.replica_assignment![String(p)]!);
    replicaAssignment.forEach((r, p) => {
      if (new Set(r).size !== r.length) fail(`replica_assignment.${p} lists a broker twice: [${r.join(',')}]`);
      if (r.length !== replicaAssignment![0]!.length) fail(`replica_assignment.${p} has ${r.length} replicas but partition 0 has ${replicaAssignment![0]!.length}`);
    });
  } else {
    if (e.partitions === undefined) fail('partitions is required (or give replica_assignment)');
    if (e.replication_factor === undefined) fail('replication_factor is required (or give replica_assignment)');
    if (e.partitions! > MAX_PARTITIONS) fail(`partitions is too large: ${e.partitions} (at most ${MAX_PARTITIONS})`);
  }
  const configs = new Map(Object.entries(e.configs ?? {}).map(([k, v]) => [k, String(v)]));
  try {
    validateTopicConfigs(configs, version);
  } catch (err) {
    fail(`configs: ${(err as Error).message}`);
  }
  return { topic: e.topic, partitions: e.partitions, replicationFactor: e.replication_factor, replicaAssignment, configs, rackAware };
}

export async function createTopicsFromFile(
  zk: ZkClient,
  source: string | TopicsFile,
  opts: { ifNotExists: boolean; rackAware: boolean; pipeline?: number },
  k: ClusterKnowledge,
): Promise<CreateResult[]> {
  // The command reads the file before it connects, so bad files fail without touching ZooKeeper.
  const file = typeof source === 'string' ? await readTopicsFile(source) : source;
  const specs = file.topics.map((e, i) => entryToSpec(e, i, opts.rackAware, k.version));
  assertWritable(k);
  const znodeVersion = topicZnodeVersion(k.version);
  const ctx = await readCreateContext(zk);
  const seen = new Map<string, number>();
  const plans: CreatePlan[] = specs.map((spec, i) => {
    const dup = seen.get(spec.topic);
    if (dup !== undefined) throw new UsageError(`${label(i, spec)}: topic "${spec.topic}" is also listed at topics[${dup}]`);
    seen.set(spec.topic, i);
    try {
      const plan = planCreate(spec, ctx, { ...opts, dialect: dialectFor(k.version) });
      // Later entries must not collide with earlier ones either.
      ctx.topics.add(spec.topic);
      return plan;
    } catch (err) {
      const e = err as TopicCommandError;
      throw new TopicCommandError(`${label(i, spec)}: ${e.message}`, [], e.exitCode ?? 1);
    }
  });
  if (plans.some((p) => !p.skip)) await ensureCreateParents(zk);
  const written = await mapLimit(plans, opts.pipeline ?? DEFAULT_PIPELINE, async (plan) => (plan.skip ? false : writeTopic(zk, plan, znodeVersion)));
  const raced = plans.filter((p, i) => !p.skip && !written[i]);
  if (raced.length && !opts.ifNotExists) {
    const made = plans.filter((p, i) => written[i]).map((p) => p.topic);
    throw new TopicCommandError(
      `Topic${raced.length > 1 ? 's' : ''} ${raced.map((p) => `"${p.topic}"`).join(', ')} already exist${raced.length > 1 ? '' : 's'} (created by someone else meanwhile); created: ${made.length ? made.join(', ') : 'none'}`,
    );
  }
  return plans.map((p, i) => ({ topic: p.topic, created: Boolean(written[i]), assignment: p.assignment, configs: p.configs, warnings: p.warnings }));
}
