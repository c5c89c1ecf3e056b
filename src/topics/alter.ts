// --alter: config overrides (+ change notification) and/or more partitions for every selected
// topic. Everything is validated for all topics before the first write; each topic's changes are
// then written in ONE transaction conditional on the versions read (re-planned if they moved).
import type { Op, ZkClient } from '../zk/client.js';
import { ZkMultiError, isZkCode } from '../zk/errors.js';
import { configChangeNoticeOp, entityConfigWriteOp } from '../zk/entity-config-write.js';
import { encodeTopicAssignment } from '../zk/codecs/topicAssignment.js';
import * as P from '../zk/paths.js';
import { allTopics, readAssignments } from '../zk/readers.js';
import { assignAddedPartitions, type BrokerInfo } from '../assignment/index.js';
import { TopicCommandError, withPreface } from './errors.js';
import { assignmentFailure } from './create.js';
import { liveBrokerInfos, readVersionedTopicConfigs, type VersionedConfig } from './cluster-reads.js';
import { isInternalTopic } from './internal.js';
import { checkBrokersLive } from './replica-assignment-arg.js';
import { selectTopics } from './select.js';
import { sortedConfigs } from './topic-configs.js';
import type { Dialect } from '../kafka/dialects/index.js';

export const CONFIG_DEPRECATION_WARNING = [
  'WARNING: Altering topic configuration from this script has been deprecated and may be removed in future releases.',
  '         Going forward, please use kafka-configs.sh for this functionality',
];
export const PARTITIONS_WARNING =
  'WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected';

export interface AlterSpec {
  /** Validated `--config` pairs (empty map when none). */
  configsToAdd: Map<string, string>;
  /** Validated `--delete-config` names. */
  configsToDelete: string[];
  partitions?: number;
  /** With --partitions: every partition, existing ones first (checked here against ZooKeeper). */
  replicaAssignment?: number[][];
}

interface TopicState {
  assignment: Map<number, number[]> | null;
  assignmentVersion: number;
  config: VersionedConfig;
}

export interface AlterTopicResult {
  topic: string;
  /** Overrides after the change, when configs were altered. */
  configs?: Map<string, string>;
  /** New partitions only, when partitions were added. */
  addedPartitions?: Map<number, number[]>;
  /** Kafka's stdout lines for this topic, in order. */
  lines: string[];
}

interface TopicPlan extends AlterTopicResult {
  ops: Op[];
}

export function hasConfigChanges(spec: AlterSpec): boolean {
  return spec.configsToAdd.size > 0 || spec.configsToDelete.length > 0;
}

function planTopic(topic: string, spec: AlterSpec, st: TopicState, brokers: BrokerInfo[], dialect?: Dialect): TopicPlan {
  const lines: string[] = [];
  const warnings: string[] = [];
  const ops: Op[] = [];
  const plan: TopicPlan = { topic, lines, ops };
  try {
    if (hasConfigChanges(spec)) {
      warnings.push(...CONFIG_DEPRECATION_WARNING);
      lines.push(...CONFIG_DEPRECATION_WARNING);
      if (!st.assignment) throw new TopicCommandError(`Topic "${topic}" does not exist.`);
      const next = new Map(st.config.config);
      for (const [k, v] of spec.configsToAdd) next.set(k, v);
      for (const k of spec.configsToDelete) next.delete(k);
      plan.configs = sortedConfigs(next);
      ops.push(entityConfigWriteOp('topics', topic, plan.configs, st.config.version), configChangeNoticeOp('topics', topic, 1));
      lines.push(dialect ? dialect.updatedConfig(topic) : `Updated config for topic "${topic}".`);
    }
    if (spec.partitions !== undefined) {
      if (isInternalTopic(topic)) throw new TopicCommandError('The number of partitions for the offsets topic cannot be changed.');
      warnings.push(PARTITIONS_WARNING);
      lines.push(PARTITIONS_WARNING);
      if (!st.assignment) throw new TopicCommandError(`The topic ${topic} does not exist`);
      plan.addedPartitions = addedPartitions(topic, st.assignment, spec.partitions, spec.replicaAssignment, brokers);
      const merged = new Map([...st.assignment, ...plan.addedPartitions]);
      ops.push({ op: 'set', path: P.topicPath(topic), data: encodeTopicAssignment(merged), version: st.assignmentVersion });
      lines.push('Adding partitions succeeded!');
    }
    return plan;
  } catch (err) {
    return withPreface(err, warnings);
  }
}

/** The partitions to add: computed like Kafka 0.10+, or taken (strictly checked) from the flag. */
function addedPartitions(
  topic: string,
  existing: Map<number, number[]>,
  total: number,
  manual: number[][] | undefined,
  brokers: BrokerInfo[],
): Map<number, number[]> {
  const current = existing.size;
  if (total <= current) throw new TopicCommandError('The number of partitions for a topic can only be increased');
  if (!manual) {
    try {
      return assignAddedPartitions(brokers, existing, total, { topic });
    } catch (err) {
      return assignmentFailure(err);
    }
  }
  // Kafka 0.9 silently ignores the first `current` entries; ktool insists they describe the topic as it is.
  for (let p = 0; p < current; p++) {
    const want = existing.get(p) ?? [];
    const got = manual[p]!;
    if (want.join(',') !== got.join(',')) {
      throw new TopicCommandError(
        `--replica-assignment: entry ${p} (${got.join(':')}) does not match the current replicas of partition ${p} (${want.join(':')}); --alter only adds partitions, use a reassignment to move replicas`,
      );
    }
  }
  const rf = existing.get(0)?.length ?? manual[0]!.length;
  const added = new Map<number, number[]>();
  for (let p = current; p < total; p++) {
    const replicas = manual[p]!;
    if (replicas.length !== rf) {
      throw new TopicCommandError(`--replica-assignment: partition ${p} has ${replicas.length} replicas but topic ${topic} has replication factor ${rf}`);
    }
    added.set(p, replicas);
  }
  checkBrokersLive(added, brokers.map((b) => b.id));
  return added;
}

async function readStates(zk: ZkClient, topics: readonly string[], spec: AlterSpec): Promise<Map<string, TopicState>> {
  const [assignments, configs] = await Promise.all([
    readAssignments(zk, topics),
    hasConfigChanges(spec) ? readVersionedTopicConfigs(zk, topics) : Promise.resolve(new Map<string, VersionedConfig>()),
  ]);
  const out = new Map<string, TopicState>();
  for (const t of topics) {
    const a = assignments.get(t);
    out.set(t, {
      assignment: a ? a.partitions : null,
      assignmentVersion: a ? a.version : -1,
      config: configs.get(t) ?? { version: null, config: new Map() },
    });
  }
  return out;
}

export interface AlterResult {
  topics: AlterTopicResult[];
}

/**
 * Alter every topic matching `topicArg`. Nothing matched: Kafka's "does not exist on ZK path"
 * error, or nothing at all with --if-exists.
 */
export async function alterTopics(zk: ZkClient, topicArg: string, spec: AlterSpec, opts: { ifExists: boolean; /** The cluster's text (default Kafka 0.9's). */ dialect?: Dialect }): Promise<AlterResult> {
  const selected = selectTopics(await allTopics(zk), topicArg);
  if (!selected.length) {
    if (opts.ifExists) return { topics: [] };
    throw new TopicCommandError(opts.dialect ? opts.dialect.topicNotFound(topicArg, zk.connectionString) : `Topic ${topicArg} does not exist on ZK path ${zk.connectionString}`);
  }
  const needBrokers = spec.partitions !== undefined;
  const [states, brokers] = await Promise.all([readStates(zk, selected, spec), needBrokers ? liveBrokerInfos(zk) : Promise.resolve([])]);
  // Validate all topics before writing any.
  const plans = selected.map((t) => planTopic(t, spec, states.get(t)!, brokers, opts.dialect));
  if (plans.some((p) => p.ops.some((o) => o.path === P.CONFIG_CHANGE_PREFIX))) await zk.mkdirp(P.CONFIG_CHANGES);
  const results: AlterTopicResult[] = [];
  for (let plan of plans) {
    for (let attempt = 0; ; attempt++) {
      try {
        if (plan.ops.length) await zk.multi(plan.ops);
        break;
      } catch (err) {
        // Someone changed the topic between our read and write: read again and re-plan.
        const raced = err instanceof ZkMultiError && (isZkCode(err, 'BAD_VERSION') || isZkCode(err, 'NODE_EXISTS') || isZkCode(err, 'NO_NODE'));
        if (!raced || attempt >= 8) throw err;
      }
      const fresh = await readStates(zk, [plan.topic], spec);
      states.set(plan.topic, fresh.get(plan.topic)!);
      plan = planTopic(plan.topic, spec, fresh.get(plan.topic)!, brokers, opts.dialect);
    }
    const { ops: _ops, ...result } = plan;
    results.push(result);
  }
  return { topics: results };
}
