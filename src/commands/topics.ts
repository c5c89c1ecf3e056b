/*
 * ktool topics — kafka-topics.sh (Kafka 0.9, ZooKeeper mode) with ktool's extras.
 *
 * Flag mapping (same spelling; `--flag value` and `--flag=value`; no prefix abbreviations):
 *   kafka-topics.sh                     ktool topics
 *   --zookeeper <urls>                  --zookeeper <urls> (optional: $KTOOL_ZOOKEEPER, else 127.0.0.1:2181)
 *   --create --topic T                  --create --topic T
 *     --partitions N --replication-factor R | --replica-assignment 1:2,2:3
 *     --config k=v (repeatable)         same; names/values checked against Kafka 0.9's topic configs
 *     (0.10) --if-not-exists            --if-not-exists
 *     (0.10) --disable-rack-aware       --disable-rack-aware (rack-aware when every live broker has a rack)
 *     —                                 --from-file F (many topics, schemas/topics-file.schema.json)
 *   --alter --topic REGEX               --alter --topic REGEX
 *     --partitions N                    same (never decreases); with --replica-assignment the list must
 *                                       name all N partitions, existing ones exactly as they are
 *     --config k=v / --delete-config k  same (+ /config/changes notification, one transaction)
 *     (0.10) --if-exists                --if-exists
 *   --list [--topic REGEX]              same; (2.1) --exclude-internal
 *   --describe [--topic REGEX]          same; --under-replicated-partitions | --unavailable-partitions |
 *                                       --topics-with-overrides | --non-preferred-leader-partitions (ktool);
 *                                       (2.1) --exclude-internal
 *   --delete --topic REGEX              same; (0.10) --if-exists
 *   —                                   --json (one envelope, below)
 * --topic is a full-match regex where ',' means '|' (except with --create, where it is the name).
 *
 * Stricter than Kafka 0.9 (refused up front, nothing written): every argument check runs before
 * ZooKeeper is touched and exits 2 (bad integers too, with jopt's message); a flag that does not
 * apply to the action is refused (e.g. --delete --partitions); --replica-assignment brokers must be
 * registered; alter --replica-assignment needs --partitions and must list all N partitions with the
 * existing ones unchanged (0.9 silently ignores it otherwise); unequal replica counts are printed as
 * lists, not JVM identity strings; names may be 249 characters (0.10 rule); --delete with a regex
 * that matches an internal topic marks nothing.
 *
 * --from-file F: {"version":1,"topics":[{"topic":"a","partitions":3,"replication_factor":2,
 *   "configs":{"retention.ms":"1000"}},{"topic":"b","replica_assignment":{"0":[1,2],"1":[2,3]}}]}
 *   Validated completely (errors name topics[i], the topic and the field), then one transaction per
 *   topic, many in flight. --if-not-exists skips topics that exist; --disable-rack-aware applies.
 *
 * Output: piped = kafka-topics.sh 0.9's exact text; terminal (or KTOOL_FORCE_TTY=1) = tables for
 * --describe, coloured --list; NO_COLOR honoured. Exit codes: 0 ok; 1 runtime failure
 * (`Error while executing topic command : <msg>` on stdout); 2 usage error (message on stderr).
 *
 * --json: {"ok":true,"command":"topics","action":"<action>","result":<below>}
 *   create:   {"topics":[{"topic":"t","created":true,"partitions":{"0":[1,2]},"configs":{"k":"v"}}],
 *              "warnings":["WARNING: ..."]}        (created=false: existed, --if-not-exists)
 *             (--from-file: the same, one entry per file entry in file order)
 *   alter:    {"topics":[{"topic":"t","configs":{"k":"v"},"addedPartitions":{"3":[1,2]}}],"warnings":[...]}
 *             (configs present when configs were altered: the overrides after the change;
 *              addedPartitions present when partitions were added)
 *   list:     {"topics":[{"topic":"t","markedForDeletion":false,"internal":false}]}
 *   describe: {"topics":[{"topic":"t","topicId":null,"partitionCount":2,"replicationFactor":2,"configs":{},
 *              "markedForDeletion":false,"internal":false,"partitions":[{"partition":0,"leader":1,
 *              "replicas":[1,2],"isr":[1,2],"underReplicated":false,"unavailable":false,
 *              "nonPreferredLeader":false,"addingReplicas":[],"removingReplicas":[],
 *              "targetReplicas":[1,2],"leaderRecoveryState":0,"recovering":false}]}]}
 *              (topicId: 2.8+ topic_id or null; adding/removing: a KIP-455 reassignment in flight,
 *              targetReplicas = replicas − removing; leaderRecoveryState null without a state
 *              znode, recovering = 1 (3.2+, KIP-704), which also counts as under-replicated;
 *              internal: an internal topic of the cluster's version (of 3.9 when the version is
 *              only inferred, a lower bound); leader null = no state znode; a partition report
 *              flag keeps only matching partitions and the topics that have some;
 *              --topics-with-overrides keeps topics with overrides)
 *   delete:   {"topics":[{"topic":"t","status":"marked"|"already-marked"}]}
 */
import { Flags } from '@oclif/core';
import { KtoolCommand, kafkaVersionFlag, type BaseFlags } from '../cli/base-command.js';
import { TopicCommandError } from '../topics/errors.js';
import { checkPartitionCount, checkTopicsArgs, parseIntFlag } from '../topics/usage-rules.js';
import type { DescribeFilter, TopicDescription } from '../topics/describe.js';
import type { CreateResult } from '../topics/create.js';

const bool = (description: string) => Flags.boolean({ description, default: false });
const str = (description: string, helpValue?: string) => Flags.string({ description, helpValue });
const strs = (description: string, helpValue?: string) => Flags.string({ description, helpValue, multiple: true, multipleNonGreedy: true });

const mapObj = (m: ReadonlyMap<number | string, unknown>): Record<string, unknown> => Object.fromEntries([...m].map(([k, v]) => [String(k), v]));

export default class Topics extends KtoolCommand {
  static override description = 'Create, delete, describe, or change a topic (kafka-topics.sh, ZooKeeper mode)';

  static override examples = [
    { description: 'Create a topic with 6 partitions, each on 3 brokers (rack-aware when every broker has a rack)', command: '<%= config.bin %> topics --zookeeper 127.0.0.1:2181 --create --topic orders --partitions 6 --replication-factor 3' },
    { description: 'Create it with an override, doing nothing if it exists', command: '<%= config.bin %> topics --create --topic audit --partitions 3 --replication-factor 2 --config retention.ms=86400000 --if-not-exists' },
    { description: 'List topics (ZooKeeper from $KTOOL_ZOOKEEPER, else 127.0.0.1:2181)', command: '<%= config.bin %> topics --list' },
    { description: 'Describe one topic: leader, replicas and ISR of every partition', command: '<%= config.bin %> topics --describe --topic orders' },
    { description: 'Only the partitions whose ISR is short of their replicas', command: '<%= config.bin %> topics --describe --under-replicated-partitions' },
    { description: 'Add partitions (never fewer) and change a config', command: '<%= config.bin %> topics --alter --topic orders --partitions 12' },
    { description: 'Change a config (the /config/changes notification is written in the same transaction)', command: '<%= config.bin %> topics --alter --topic orders --config max.message.bytes=2000000' },
    { description: 'Mark a topic for deletion', command: '<%= config.bin %> topics --delete --topic audit' },
    { description: 'Many topics from one JSON file, everything validated first', command: '<%= config.bin %> topics --create --from-file topics.json' },
  ];
  static override strict = true;

  static override flags = {
    'kafka-version': kafkaVersionFlag,
    create: bool('Create a new topic.'),
    alter: bool('Alter the number of partitions, replica assignment, and/or configuration for the topic.'),
    list: bool('List all available topics.'),
    describe: bool('List details for the given topics.'),
    delete: bool('Delete a topic'),
    topic: str('The topic to be create, alter or describe. Can also accept a regular expression except for --create option', '<topic>'),
    partitions: str('The number of partitions for the topic being created or altered', '<Integer: # of partitions>'),
    'replication-factor': str('The replication factor for each partition in the topic being created.', '<Integer: replication factor>'),
    'replica-assignment': str('A list of manual partition-to-broker assignments for the topic being created or altered.', '<b1:b2,b3:b4,...>'),
    config: strs('A topic configuration override for the topic being created or altered (repeatable).', '<name=value>'),
    'delete-config': strs('A topic configuration override to be removed for an existing topic (repeatable).', '<name>'),
    'under-replicated-partitions': bool('if set when describing topics, only show under replicated partitions'),
    'unavailable-partitions': bool('if set when describing topics, only show partitions whose leader is not available'),
    'topics-with-overrides': bool('if set when describing topics, only show topics that have overridden configs'),
    'non-preferred-leader-partitions': bool('if set when describing topics, only show partitions whose leader is not the preferred (first) replica'),
    'if-exists': bool('if set when altering or deleting topics, the action will only execute if the topic exists'),
    'if-not-exists': bool('if set when creating topics, the action will only execute if the topic does not already exist'),
    'disable-rack-aware': bool('Disable rack aware replica assignment'),
    'exclude-internal': bool('exclude internal topics when running list or describe command'),
    'from-file': str('Create the topics listed in a JSON file (see schemas/topics-file.schema.json)', '<file>'),
  };

  protected override errorPrefix = 'Error while executing topic command : ';

  async run(): Promise<void> {
    const { flags } = await this.parse(Topics);
    this.jsonMode = flags.json;
    this.parseKafkaVersion(flags['kafka-version']);
    const action = checkTopicsArgs(flags);
    this.action = action;
    const partitions = parseIntFlag('partitions', flags.partitions);
    checkPartitionCount(partitions);
    const replicationFactor = parseIntFlag('replication-factor', flags['replication-factor']);
    const { parseReplicaAssignment } = await import('../topics/replica-assignment-arg.js');
    const replicaAssignment = flags['replica-assignment'] === undefined ? undefined : parseReplicaAssignment(flags['replica-assignment']);
    if (action === 'alter' && replicaAssignment && partitions !== undefined && replicaAssignment.length !== partitions) {
      throw new TopicCommandError(
        `--replica-assignment lists ${replicaAssignment.length} partitions but --partitions is ${partitions}; with --alter it must list all ${partitions} partitions, existing ones first`,
        [],
        2,
      );
    }
    switch (action) {
      case 'create':
        return this.create(flags, partitions, replicationFactor, replicaAssignment);
      case 'alter':
        return this.alter(flags, partitions, replicaAssignment);
      case 'list':
        return this.list(flags);
      case 'describe':
        return this.describe(flags);
      case 'delete':
        return this.delete(flags);
    }
  }

  private async create(flags: TopicsFlagValues, partitions?: number, replicationFactor?: number, replicaAssignment?: number[][]): Promise<void> {
    const opts = { ifNotExists: flags['if-not-exists'], rackAware: !flags['disable-rack-aware'] };
    let results: CreateResult[];
    if (flags['from-file']) {
      const { createTopicsFromFile, readTopicsFile } = await import('../topics/from-file.js');
      const file = await readTopicsFile(flags['from-file']);
      results = await this.withCluster(flags.zookeeper, (zk, k) => createTopicsFromFile(zk, file, opts, k));
    } else {
      const { parseConfigPairs, validateTopicConfigs } = await import('../topics/topic-configs.js');
      const configs = parseConfigPairs(flags.config ?? []);
      const { createTopic } = await import('../topics/create.js');
      const spec = { topic: flags.topic!, partitions, replicationFactor, replicaAssignment, configs, rackAware: opts.rackAware };
      results = [
        await this.withCluster(flags.zookeeper, (zk, k) => {
          // Names and values are checked against the cluster's Kafka version (src/kafka/configs).
          validateTopicConfigs(configs, k.version);
          return createTopic(zk, spec, opts, k);
        }),
      ];
    }
    if (this.jsonMode) {
      this.envelope({
        topics: results.map((r) => ({ topic: r.topic, created: r.created, partitions: mapObj(r.assignment), configs: mapObj(r.configs) })),
        warnings: results.flatMap((r) => r.warnings),
      });
      return;
    }
    let out = '';
    for (const r of results) {
      for (const w of r.warnings) out += w + '\n';
      if (r.created) out += (this.dialect ?? (await import('../kafka/dialects/index.js')).DIALECT_0_9).createdTopic(r.topic) + '\n';
    }
    this.out(out);
  }

  private async alter(flags: TopicsFlagValues, partitions?: number, replicaAssignment?: number[][]): Promise<void> {
    const { parseConfigPairs, parseDeleteConfigArgs, validateTopicConfigs } = await import('../topics/topic-configs.js');
    const { alterTopics, CONFIG_DEPRECATION_WARNING } = await import('../topics/alter.js');
    const configFlags = (flags.config?.length ?? 0) + (flags['delete-config']?.length ?? 0) > 0;
    // Kafka prints its deprecation warning before it looks at the values.
    const withWarning = <T>(fn: () => T): T => {
      try {
        return fn();
      } catch (err) {
        throw new TopicCommandError((err as Error).message, configFlags ? CONFIG_DEPRECATION_WARNING : []);
      }
    };
    const configsToAdd = withWarning(() => parseConfigPairs(flags.config ?? []));
    const result = await this.withCluster(flags.zookeeper, (zk, k) => {
      // Names and values are checked against the cluster's Kafka version (src/kafka/configs).
      const spec = withWarning(() => {
        validateTopicConfigs(configsToAdd, k.version);
        return { configsToAdd, configsToDelete: parseDeleteConfigArgs(flags['delete-config'] ?? [], k.version), partitions, replicaAssignment };
      });
      return alterTopics(zk, flags.topic!, spec, { ifExists: flags['if-exists'] }, k);
    });
    if (this.jsonMode) {
      this.envelope({
        topics: result.topics.map((t) => ({
          topic: t.topic,
          ...(t.configs ? { configs: mapObj(t.configs) } : {}),
          ...(t.addedPartitions ? { addedPartitions: mapObj(t.addedPartitions) } : {}),
        })),
        warnings: [...new Set(result.topics.flatMap((t) => t.lines.filter((l) => l.startsWith('WARNING') || l.startsWith(' '))))],
      });
      return;
    }
    this.out(result.topics.flatMap((t) => t.lines.map((l) => l + '\n')).join(''));
  }

  private async list(flags: TopicsFlagValues): Promise<void> {
    const { listTopics } = await import('../topics/list.js');
    const { protectedTopicTest } = await import('../topics/internal.js');
    const topics = await this.withCluster(flags.zookeeper, (zk, k) =>
      listTopics(zk, { topic: flags.topic, excludeInternal: flags['exclude-internal'], isInternal: protectedTopicTest(k) }),
    );
    if (this.jsonMode) return this.envelope({ topics });
    const { renderListText, renderListTty } = await import('../output/list-text.js');
    this.out(this.isTty ? await renderListTty(topics) : renderListText(topics, this.dialect));
  }

  private async describe(flags: TopicsFlagValues): Promise<void> {
    const filter: DescribeFilter | undefined = flags['under-replicated-partitions']
      ? 'under-replicated'
      : flags['unavailable-partitions']
        ? 'unavailable'
        : flags['topics-with-overrides']
          ? 'topics-with-overrides'
          : flags['non-preferred-leader-partitions']
            ? 'non-preferred-leader'
            : undefined;
    const { describeTopics, partitionSelected } = await import('../topics/describe.js');
    const { protectedTopicTest } = await import('../topics/internal.js');
    const topics = await this.withCluster(flags.zookeeper, (zk, k) =>
      describeTopics(zk, { topic: flags.topic, excludeInternal: flags['exclude-internal'], filter, full: this.jsonMode, isInternal: protectedTopicTest(k) }),
    );
    if (this.jsonMode) return this.envelope({ topics: describeJson(topics, filter, partitionSelected) });
    if (this.isTty) {
      const { renderDescribeTable } = await import('../output/describe-table.js');
      this.out(await renderDescribeTable(topics, filter));
    } else {
      // 2.3+ tools fail when --topic matched nothing (piped text only: tables and --json stay the same for every version).
      const missing = flags.topic !== undefined && topics.length === 0 ? this.dialect?.describeNothingMatched(flags.topic) : null;
      if (missing) throw new TopicCommandError(missing);
      const { renderDescribeText } = await import('../output/describe-text.js');
      this.out(renderDescribeText(topics, filter, this.dialect));
    }
  }

  private async delete(flags: TopicsFlagValues): Promise<void> {
    const { deleteTopics, deleteLines } = await import('../topics/delete.js');
    const topics = await this.withCluster(flags.zookeeper, (zk, k) => deleteTopics(zk, flags.topic!, { ifExists: flags['if-exists'] }, k));
    if (this.jsonMode) return this.envelope({ topics });
    this.out(topics.flatMap((t) => deleteLines(t).map((l) => l + '\n')).join(''));
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    // Lines Kafka prints before failing (warnings) come first, on stdout, in text mode.
    if (!this.jsonMode && err instanceof TopicCommandError && err.preface.length) this.out(err.preface.map((l) => l + '\n').join(''));
    return super.catch(err);
  }
}

type TopicsFlagValues = BaseFlags<typeof Topics>;

function describeJson(
  topics: readonly TopicDescription[],
  filter: DescribeFilter | undefined,
  selected: (p: TopicDescription['partitions'][number], f: DescribeFilter | undefined) => boolean,
): unknown[] {
  const partitionFilter = filter !== undefined && filter !== 'topics-with-overrides';
  return topics
    .filter((t) => t.exists && (filter !== 'topics-with-overrides' || t.configs.size > 0))
    .filter((t) => !partitionFilter || t.partitions.some((p) => selected(p, filter)))
    .map((t) => ({
      topic: t.topic,
      topicId: t.topicId ?? null,
      partitionCount: t.partitionCount,
      replicationFactor: t.replicationFactor,
      configs: mapObj(t.configs),
      markedForDeletion: t.markedForDeletion,
      internal: t.internal,
      partitions: t.partitions.filter((p) => selected(p, filter)),
    }));
}
