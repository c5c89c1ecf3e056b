// --alter: config overrides (+ change notification) and/or more partitions for every selected
// topic. Everything is validated for all topics before the first write; each topic's changes are
// then written in ONE transaction conditional on the versions read (re-planned if they moved).
// Rewrites keep every field the znodes had (topic_id, adding/removing replicas, unknown keys,
// their version field: kafka-zk-safety.md H1); adding partitions is refused while the topic is
// under any reassignment (H2) or has unequal replica counts, and for internal topics (H6).
import { dialectFor } from '../kafka/dialects/index.js';
import type { Op, ZkClient } from '../zk/client.js';
import { ZkMultiError, isZkCode } from '../zk/errors.js';
import { configChangeNoticeOp } from '../zk/entity-config-write.js';
import { encodeTopicAssignmentOver } from '../zk/codecs/topicAssignment.js';
import { encodeEntityConfigOver } from '../zk/codecs/entityConfig.js';
import { decodeReassignPartitions } from '../zk/codecs/reassignPartitions.js';
import * as P from '../zk/paths.js';
import { allTopics } from '../zk/readers.js';
import { assignAddedPartitions, type BrokerInfo } from '../assignment/index.js';
import { assertWritable, type ClusterKnowledge } from '../kafka/cluster.js';
import { configChangeNoticeVersion } from '../kafka/features.js';
import { TopicCommandError, withPreface } from './errors.js';
import { assignmentFailure } from './create.js';
import { liveBrokerInfos, readVersionedTopicAssignments, readVersionedTopicConfigs, type VersionedAssignment, type VersionedConfig } from './cluster-reads.js';
import { internalPartitionsMessage, protectedBecause, protectedTopicTest } from './internal.js';
import { checkBrokersLive } from './replica-assignment-arg.js';
import { selectTopics } from './select.js';
import { sortedConfigs } from './topic-configs.js';

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
  assignment: VersionedAssignment | null;
  config: VersionedConfig;
  /** Partitions of the topic listed in /admin/reassign_partitions. */
  zkReassigning: number[];
  /** zk version of /admin/reassign_partitions when it exists (the write is then conditional on it). */
  reassignVersion: number | null;
}

interface PlanContext {
  brokers: BrokerInfo[];
  k: ClusterKnowledge;
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

function planTopic(topic: string, spec: AlterSpec, st: TopicState, ctx: PlanContext): TopicPlan {
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
      const path = P.topicConfigPath(topic);
      const data = encodeEntityConfigOver(st.config.raw, plan.configs);
      ops.push(
        st.config.version === null ? { op: 'create', path, data } : { op: 'set', path, data, version: st.config.version },
        configChangeNoticeOp('topics', topic, configChangeNoticeVersion(ctx.k.version)),
      );
      lines.push(dialectFor(ctx.k.version).updatedConfig(topic));
    }
    if (spec.partitions !== undefined) {
      if (protectedTopicTest(ctx.k)(topic)) throw new TopicCommandError(internalPartitionsMessage(ctx.k.version, topic) + protectedBecause(ctx.k, topic));
      warnings.push(PARTITIONS_WARNING);
      lines.push(PARTITIONS_WARNING);
      if (!st.assignment) throw new TopicCommandError(`The topic ${topic} does not exist`);
      checkNotReassigning(topic, st);
      checkEqualReplicaCounts(topic, st.assignment.partitions);
      const existing = st.assignment.partitions;
      plan.addedPartitions = addedPartitions(topic, existing, spec.partitions, spec.replicaAssignment, ctx.brokers);
      const merged = new Map([...existing, ...plan.addedPartitions]);
      ops.push({ op: 'set', path: P.topicPath(topic), data: encodeTopicAssignmentOver(st.assignment.raw, merged), version: st.assignment.version });
      // A ZooKeeper-path reassignment of this topic written after our read fails the transaction (then re-planned).
      if (st.reassignVersion !== null) ops.push({ op: 'check', path: P.REASSIGN_PARTITIONS, version: st.reassignVersion });
      lines.push('Adding partitions succeeded!');
    }
    return plan;
  } catch (err) {
    return withPreface(err, warnings);
  }
}

const list = (ps: Iterable<number>): string => [...ps].sort((a, b) => a - b).join(',');

/**
 * Kafka 2.4+ refuses (ReassignmentInProgressException): the controller's own topic-znode writes
 * are unconditional, from memory, and would erase partitions added meanwhile (H2). ktool refuses
 * on every version, for ZooKeeper-path and API (adding/removing replicas) reassignments alike.
 */
function checkNotReassigning(topic: string, st: TopicState): void {
  const a = st.assignment!;
  const api = [...new Set([...a.adding.keys(), ...a.removing.keys()])].filter((p) => (a.adding.get(p)?.length ?? 0) + (a.removing.get(p)?.length ?? 0) > 0);
  if (!st.zkReassigning.length && !api.length) return;
  const where = [
    st.zkReassigning.length ? `partitions ${list(st.zkReassigning)} listed in ${P.REASSIGN_PARTITIONS}` : '',
    api.length ? `partitions ${list(api)} with adding/removing replicas` : '',
  ].filter(Boolean).join('; ');
  throw new TopicCommandError(
    `A partition reassignment is in progress for the topic '${topic}' (${where}); partitions cannot be added until it completes (Kafka 2.4+ refuses this too)`,
  );
}

/** Kafka: "All partitions should have the same number of replicas"; new partitions take partition 0's count. */
function checkEqualReplicaCounts(topic: string, existing: Map<number, number[]>): void {
  const counts = new Set([...existing.values()].map((r) => r.length));
  if (counts.size <= 1) return;
  const detail = [...existing].map(([p, r]) => `${p}:${r.length}`).join(', ');
  throw new TopicCommandError(`All partitions should have the same number of replicas: topic ${topic} has replica counts ${detail} (partition:count); finish or fix its reassignment before adding partitions`);
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

interface ZkReassignments {
  /** Topic → partitions listed in /admin/reassign_partitions. */
  byTopic: Map<string, number[]>;
  version: number | null;
}

async function zkReassignments(zk: ZkClient): Promise<ZkReassignments> {
  const r = await zk.tryGetData(P.REASSIGN_PARTITIONS);
  const byTopic = new Map<string, number[]>();
  if (!r) return { byTopic, version: null };
  if (r.data && r.data.length) {
    for (const e of decodeReassignPartitions(r.data, P.REASSIGN_PARTITIONS)) (byTopic.get(e.topic) ?? byTopic.set(e.topic, []).get(e.topic)!).push(e.partition);
  }
  return { byTopic, version: r.stat.version };
}

async function readStates(zk: ZkClient, topics: readonly string[], spec: AlterSpec): Promise<Map<string, TopicState>> {
  const [assignments, configs, reassigning] = await Promise.all([
    readVersionedTopicAssignments(zk, topics),
    hasConfigChanges(spec) ? readVersionedTopicConfigs(zk, topics) : Promise.resolve(new Map<string, VersionedConfig>()),
    spec.partitions !== undefined ? zkReassignments(zk) : Promise.resolve<ZkReassignments>({ byTopic: new Map(), version: null }),
  ]);
  const out = new Map<string, TopicState>();
  for (const t of topics) {
    out.set(t, {
      assignment: assignments.get(t) ?? null,
      config: configs.get(t) ?? { version: null, raw: null, config: new Map() },
      zkReassigning: reassigning.byTopic.get(t) ?? [],
      reassignVersion: reassigning.version,
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
export async function alterTopics(zk: ZkClient, topicArg: string, spec: AlterSpec, opts: { ifExists: boolean }, k: ClusterKnowledge): Promise<AlterResult> {
  assertWritable(k);
  const selected = selectTopics(await allTopics(zk), topicArg);
  if (!selected.length) {
    if (opts.ifExists) return { topics: [] };
    throw new TopicCommandError(dialectFor(k.version).topicNotFound(topicArg, zk.connectionString));
  }
  const needBrokers = spec.partitions !== undefined;
  const [states, brokers] = await Promise.all([readStates(zk, selected, spec), needBrokers ? liveBrokerInfos(zk) : Promise.resolve([])]);
  // Validate all topics before writing any.
  const ctx: PlanContext = { brokers, k };
  const plans = selected.map((t) => planTopic(t, spec, states.get(t)!, ctx));
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
      plan = planTopic(plan.topic, spec, fresh.get(plan.topic)!, ctx);
    }
    const { ops: _ops, ...result } = plan;
    results.push(result);
  }
  return { topics: results };
}
