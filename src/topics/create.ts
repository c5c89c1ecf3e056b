// --create: validate one topic against the cluster (Kafka 0.9's order of checks), then write
// /config/topics/<t> and /brokers/topics/<t> in ONE transaction, config first. No change
// notification (brokers read the config when they create the logs). The topic znode has the
// format the cluster's own tools write (topicZnodeVersion of the cluster's Kafka version).
import { DIALECT_0_9, dialectFor, type Dialect } from '../kafka/dialects/index.js';
import type { Op, ZkClient } from '../zk/client.js';
import { ZkMultiError, isZkCode } from '../zk/errors.js';
import { encodeEntityConfig } from '../zk/codecs/entityConfig.js';
import { encodeTopicAssignment } from '../zk/codecs/topicAssignment.js';
import * as P from '../zk/paths.js';
import { allTopics } from '../zk/readers.js';
import { AssignmentError, assignReplicasToBrokers, type BrokerInfo } from '../assignment/index.js';
import { TopicCommandError, withPreface } from './errors.js';
import { COLLISION_WARNING, collidingTopics, collisionError, hasCollisionChars, validateTopicName } from './name-rules.js';
import { checkBrokersLive } from './replica-assignment-arg.js';
import { liveBrokerInfos } from './cluster-reads.js';
import { assertWritable, type ClusterKnowledge } from '../kafka/cluster.js';
import { topicZnodeVersion } from '../kafka/features.js';
import { sortedConfigs } from './topic-configs.js';

export interface CreateSpec {
  topic: string;
  partitions?: number;
  replicationFactor?: number;
  /** Manual assignment, entry i = partition i (already parsed). */
  replicaAssignment?: number[][];
  /** Validated overrides. */
  configs: Map<string, string>;
  /** false = --disable-rack-aware. */
  rackAware: boolean;
}

export interface CreateContext {
  brokers: BrokerInfo[];
  /** Existing topics (plus topics planned earlier in the same batch). */
  topics: Set<string>;
}

export interface CreatePlan {
  topic: string;
  assignment: Map<number, number[]>;
  configs: Map<string, string>;
  warnings: string[];
  /** The topic exists already and --if-not-exists was given: nothing to write. */
  skip: boolean;
}

export const INCOMPLETE_RACKS_MESSAGE =
  'Not all brokers have rack information. Add --disable-rack-aware in command line to make replica assignment without rack information.';

export async function readCreateContext(zk: ZkClient): Promise<CreateContext> {
  const [brokers, topics] = await Promise.all([liveBrokerInfos(zk), allTopics(zk)]);
  return { brokers, topics: new Set(topics) };
}

/** Kafka's assignment errors, with the rack message of its "Enforced" mode. */
export function assignmentFailure(err: unknown): never {
  if (err instanceof AssignmentError) {
    throw new TopicCommandError(err.code === 'INCOMPLETE_RACK_INFO' ? INCOMPLETE_RACKS_MESSAGE : err.message);
  }
  throw err;
}

/** Every check Kafka makes, in Kafka's order; throws with the lines Kafka prints before failing. */
export function planCreate(spec: CreateSpec, ctx: CreateContext, opts: { ifNotExists: boolean; /** The cluster's text (default Kafka 0.9's). */ dialect?: Dialect }): CreatePlan {
  const warnings = hasCollisionChars(spec.topic) ? [COLLISION_WARNING] : [];
  try {
    let assignment: Map<number, number[]>;
    if (spec.replicaAssignment) {
      assignment = new Map(spec.replicaAssignment.map((r, p) => [p, r]));
      checkBrokersLive(assignment, ctx.brokers.map((b) => b.id));
    } else {
      try {
        assignment = assignReplicasToBrokers(ctx.brokers, spec.partitions ?? 0, spec.replicationFactor ?? 0, { rackAware: spec.rackAware });
      } catch (err) {
        assignmentFailure(err);
      }
    }
    validateTopicName(spec.topic);
    if (ctx.topics.has(spec.topic)) {
      if (opts.ifNotExists) return { topic: spec.topic, assignment, configs: spec.configs, warnings, skip: true };
      throw new TopicCommandError((opts.dialect ?? DIALECT_0_9).topicExists(spec.topic));
    }
    const colliding = collidingTopics(spec.topic, ctx.topics);
    if (colliding.length) throw collisionError(spec.topic, colliding);
    return { topic: spec.topic, assignment, configs: sortedConfigs(spec.configs), warnings, skip: false };
  } catch (err) {
    return withPreface(err, warnings);
  }
}

/** Parents Kafka's brokers normally create; a fresh ZooKeeper may not have them yet. */
export async function ensureCreateParents(zk: ZkClient): Promise<void> {
  await Promise.all([zk.mkdirp(P.CONFIG_TOPICS), zk.mkdirp(P.BROKER_TOPICS)]);
}

/**
 * Write one planned topic atomically. A leftover /config/topics/<t> (from a deleted topic) is
 * overwritten, as Kafka does. Returns false if the topic appeared meanwhile (NODE_EXISTS).
 */
export async function writeTopic(zk: ZkClient, plan: CreatePlan, znodeVersion: 1 | 2 | 3 = 1): Promise<boolean> {
  const configData = encodeEntityConfig(plan.configs);
  const topicOp: Op = { op: 'create', path: P.topicPath(plan.topic), data: encodeTopicAssignment(plan.assignment, znodeVersion) };
  for (let attempt = 0; ; attempt++) {
    let configOp: Op = { op: 'create', path: P.topicConfigPath(plan.topic), data: configData };
    if (attempt > 0) {
      const cur = await zk.exists(P.topicConfigPath(plan.topic));
      if (cur) configOp = { op: 'set', path: P.topicConfigPath(plan.topic), data: configData, version: cur.version };
    }
    try {
      await zk.multi([configOp, topicOp]);
      return true;
    } catch (err) {
      if (!(err instanceof ZkMultiError)) throw err;
      if (err.index === 1 && isZkCode(err, 'NODE_EXISTS')) return false;
      // The config znode was there (or changed) under us: retry with a versioned overwrite.
      const retriable = err.index === 0 && (isZkCode(err, 'NODE_EXISTS') || isZkCode(err, 'BAD_VERSION') || isZkCode(err, 'NO_NODE'));
      if (!retriable || attempt >= 4) throw err;
    }
  }
}

export interface CreateResult {
  topic: string;
  /** false: it existed and --if-not-exists was given. */
  created: boolean;
  assignment: Map<number, number[]>;
  configs: Map<string, string>;
  warnings: string[];
}

/** Plan, then write; NODE_EXISTS at write time (a concurrent create) is Kafka's "already exists". */
export async function createTopic(zk: ZkClient, spec: CreateSpec, opts: { ifNotExists: boolean }, k: ClusterKnowledge): Promise<CreateResult> {
  assertWritable(k);
  const dialect = dialectFor(k.version);
  const plan = planCreate(spec, await readCreateContext(zk), { ...opts, dialect });
  if (!plan.skip) await ensureCreateParents(zk);
  return executePlan(zk, plan, { ...opts, dialect }, topicZnodeVersion(k.version));
}

export async function executePlan(zk: ZkClient, plan: CreatePlan, opts: { ifNotExists: boolean; dialect?: Dialect }, znodeVersion: 1 | 2 | 3 = 1): Promise<CreateResult> {
  const result = { topic: plan.topic, assignment: plan.assignment, configs: plan.configs, warnings: plan.warnings };
  if (plan.skip) return { ...result, created: false };
  if (await writeTopic(zk, plan, znodeVersion)) return { ...result, created: true };
  if (opts.ifNotExists) return { ...result, created: false };
  throw new TopicCommandError((opts.dialect ?? DIALECT_0_9).topicExists(plan.topic), plan.warnings);
}
