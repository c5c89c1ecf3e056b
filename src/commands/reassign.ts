// `ktool reassign`: kafka-reassign-partitions.sh (ZooKeeper mode, text in the cluster's dialect:
// src/kafka/dialects) plus --cancel, --list (2.6+ wording for every version), batches with a
// resumable journal, throttles, --wait with a progress bar and a minimal-move planner.
// --list --json: {"reassignments":[{"topic":"t","partition":0,"replicas":[1,0],"target":[1],
//   "current":[1,0],"adding":[1],"removing":[0],"source":"topic-znode"|"reassign_partitions"}]}
import { Flags } from '@oclif/core';
import { KtoolCommand, kafkaVersionFlag } from '../cli/base-command.js';
import { UsageError } from '../cli/errors.js';

type Action = 'generate' | 'execute' | 'verify' | 'cancel' | 'list';

/** Options each action accepts (besides --zookeeper and --json). */
const ALLOWED: Record<Action, string[]> = {
  generate: ['topics-to-move-json-file', 'broker-list', 'disable-rack-aware', 'strategy', 'replication-factor'],
  execute: ['reassignment-json-file', 'throttle', 'wait', 'batch-size', 'timeout', 'rollback-file', 'journal-file'],
  verify: ['reassignment-json-file', 'wait', 'timeout', 'journal-file'],
  cancel: ['reassignment-json-file', 'rollback-file', 'journal-file'],
  list: [],
};

export default class Reassign extends KtoolCommand {
  static override description = 'Move topic partitions between replicas (kafka-reassign-partitions.sh)';

  static override examples = [
    { description: '1. Plan: move the topics in topics.json ({"version":1,"topics":[{"topic":"orders"}]}) onto brokers 1-4, keeping every replica it can; prints the current assignment (save it for a rollback), the proposal and a before/after load chart', command: '<%= config.bin %> reassign --generate --topics-to-move-json-file topics.json --broker-list 1,2,3,4' },
    { description: '2. Start it with the proposal saved as plan.json (the rollback JSON is saved too)', command: '<%= config.bin %> reassign --execute --reassignment-json-file plan.json' },
    { description: '   ...with a replication throttle in bytes/s', command: '<%= config.bin %> reassign --execute --reassignment-json-file plan.json --throttle 50000000' },
    { description: '3. Check it, waiting until every partition finished (exit 1 if any failed)', command: '<%= config.bin %> reassign --verify --reassignment-json-file plan.json --wait' },
    { description: 'Decommission broker 4: plan onto the others only', command: '<%= config.bin %> reassign --generate --topics-to-move-json-file topics.json --broker-list 1,2,3' },
    { description: 'Put unfinished partitions back on their original replicas', command: '<%= config.bin %> reassign --cancel --reassignment-json-file plan.json' },
  ];

  static override flags = {
    'kafka-version': kafkaVersionFlag,
    generate: Flags.boolean({ description: 'Generate a candidate partition reassignment configuration (nothing is executed)' }),
    execute: Flags.boolean({ description: 'Kick off the reassignment as specified by --reassignment-json-file' }),
    verify: Flags.boolean({ description: 'Verify if the reassignment completed as specified by --reassignment-json-file' }),
    cancel: Flags.boolean({ description: 'Stop an in-flight reassignment: unfinished partitions go back to their original replicas' }),
    list: Flags.boolean({ description: 'List every partition reassignment in flight, with its replicas, adding and removing replicas (Kafka 2.6+)' }),
    'reassignment-json-file': Flags.string({ description: 'The JSON file with the partition reassignment configuration', helpValue: '<file>' }),
    'topics-to-move-json-file': Flags.string({ description: 'JSON file with the topics to move, {"topics":[{"topic":"foo"}],"version":1}', helpValue: '<file>' }),
    'broker-list': Flags.string({ description: 'Brokers to move the partitions to, in the form "0,1,2"', helpValue: '<brokerlist>' }),
    'disable-rack-aware': Flags.boolean({ description: 'Ignore broker racks when generating' }),
    strategy: Flags.string({ description: 'minimal: fewest replica moves (default); kafka: Kafka\'s random-start assignment', options: ['minimal', 'kafka'], default: 'minimal' }),
    'replication-factor': Flags.integer({ description: 'New replication factor of every partition (default: keep each topic\'s)' }),
    throttle: Flags.integer({ description: 'Replication throttle in bytes/s for the moving replicas', helpValue: '<bytes/s>' }),
    wait: Flags.boolean({ description: 'Wait until the reassignment finished (required for plans that run in batches)' }),
    'batch-size': Flags.integer({ description: 'At most this many partitions in flight at once (one batch per znode)' }),
    timeout: Flags.integer({ description: 'Give up waiting after this many seconds', helpValue: '<seconds>' }),
    'rollback-file': Flags.string({ description: 'Where --execute saves the original assignment (default ./reassign-rollback-<timestamp>.json); what --cancel restores', helpValue: '<file>' }),
    'journal-file': Flags.string({ description: 'Progress journal of --execute (default <reassignment-json-file>.ktool-journal.json)', helpValue: '<file>' }),
  };

  protected override errorPrefix = 'Partitions reassignment failed due to ';

  /** Failures read as the cluster's tool prints them (2.6+: the bare message). */
  protected override async know(k: Parameters<KtoolCommand['know']>[0]): Promise<void> {
    await super.know(k);
    if (this.dialect) this.errorPrefix = this.dialect.reassignErrorPrefix;
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Reassign);
    this.jsonMode = flags.json;
    this.parseKafkaVersion(flags['kafka-version']);
    const actions = (['generate', 'execute', 'verify', 'cancel', 'list'] as const).filter((a) => flags[a]);
    if (actions.length !== 1) throw new UsageError('Command must include exactly one action: --generate, --execute or --verify');
    const action: Action = actions[0]!;
    this.action = action;
    const given = Object.keys(flags).filter((k) => !['zookeeper', 'json', 'kafka-version', action, 'strategy'].includes(k) && flags[k as keyof typeof flags] !== undefined && flags[k as keyof typeof flags] !== false);
    if (flags.strategy !== 'minimal') given.push('strategy');
    for (const k of given) {
      if (!ALLOWED[action].includes(k)) throw new UsageError(`Option "[${k}]" can't be used with option"[${action}]"`);
    }
    for (const k of ['throttle', 'batch-size', 'timeout', 'replication-factor'] as const) {
      const v = flags[k];
      // oclif accepts any digits; beyond 2^53 Number() has already rounded the value.
      if (v !== undefined && (v < 1 || !Number.isSafeInteger(v))) throw new UsageError(`--${k} must be a positive integer, got ${v}`);
    }
    if (flags.timeout !== undefined && !flags.wait) throw new UsageError('--timeout needs --wait');
    const timeoutMs = flags.timeout !== undefined ? flags.timeout * 1000 : undefined;

    const { readTextFile } = await import('../reassign/read-json-file.js');
    const { parseReassignmentFile } = await import('../reassign/parse-reassignment-file.js');
    const { ProgressReporter, stderrIsTty } = await import('../reassign/progress-bar.js');
    const progress = this.jsonMode ? undefined : new ProgressReporter(process.stderr, stderrIsTty(), 'Reassignment:');
    const notes: string[] = [];
    const print = (t: string): void => {
      if (!this.jsonMode) this.out(t);
    };
    const note = (t: string): void => {
      notes.push(t);
      if (!this.jsonMode && this.isTty) this.line(t);
    };

    if (action === 'list') {
      const { listReassignments, renderReassignmentList } = await import('../reassign/list.js');
      const list = await this.withCluster(flags.zookeeper, (zk) => listReassignments(zk));
      if (this.jsonMode) return this.envelope({ reassignments: list });
      this.out(renderReassignmentList(list));
      return;
    }

    if (action === 'generate') {
      if (!flags['topics-to-move-json-file'] || !flags['broker-list']) {
        throw new UsageError('If --generate option is used, command must include both --topics-to-move-json-file and --broker-list options');
      }
      const { parseBrokerList, parseTopicsToMoveFile } = await import('../reassign/parse-generate-input.js');
      const brokerList = parseBrokerList(flags['broker-list']);
      const path = flags['topics-to-move-json-file'];
      const topics = parseTopicsToMoveFile(await readTextFile(path), path);
      const { generatePlan } = await import('../reassign/generate.js');
      const r = await this.withCluster(flags.zookeeper, (zk) =>
        generatePlan(zk, {
          topics,
          brokerList,
          strategy: flags.strategy as 'minimal' | 'kafka',
          rackAware: !flags['disable-rack-aware'],
          replicationFactor: flags['replication-factor'],
        }),
      );
      if (this.jsonMode) return this.envelope(r);
      const { generateBlocks } = await import('../reassign/format.js');
      this.out(generateBlocks(r.current, r.proposed, this.dialect));
      if (this.isTty) {
        const { renderLoadChart } = await import('../reassign/chart.js');
        this.line(`\nReplica moves: ${r.stats.moves} (proven lower bound: ${r.stats.lowerBound})`);
        this.out(renderLoadChart(r.stats.before, r.stats.after));
      }
      return;
    }

    if (action === 'cancel') {
      const planFile = flags['reassignment-json-file'];
      if (!planFile && !flags['rollback-file'] && !flags['journal-file']) {
        throw new UsageError(
          'If --cancel option is used, command must include --reassignment-json-file that was used during the --execute option (its journal holds the original replicas), --journal-file or --rollback-file',
        );
      }
      const { defaultJournalPath } = await import('../reassign/journal.js');
      const { cancelReassignment } = await import('../reassign/cancel-run.js');
      const { scalaSet } = await import('../reassign/format.js');
      const r = await this.withCluster(flags.zookeeper, (zk, k) =>
        cancelReassignment(zk, k, {
          rollbackFile: flags['rollback-file'],
          journalFile: flags['rollback-file'] ? undefined : (flags['journal-file'] ?? defaultJournalPath(planFile!)),
        }),
      );
      if (this.jsonMode) return this.envelope(r);
      if (!r.inFlight) this.line('No partition reassignment is in progress; nothing to restore');
      else this.line(`Successfully cancelled reassignment of partitions ${scalaSet(r.restored)}: their original replicas are being restored`);
      if (r.foreign.length) this.line(`Left unchanged (no original replica list in ${r.source}): ${scalaSet(r.foreign)}`);
      if (r.skippedBatches) this.line(`${r.skippedBatches} remaining batches will not be submitted`);
      return;
    }

    const planFile = flags['reassignment-json-file'];
    if (!planFile) {
      throw new UsageError(
        action === 'execute'
          ? 'If --execute option is used, command must include --reassignment-json-file that was output during the --generate option'
          : 'If --verify option is used, command must include --reassignment-json-file that was used during the --execute option',
      );
    }
    const plan = parseReassignmentFile(await readTextFile(planFile), planFile);

    if (action === 'execute') {
      const { executeReassignment } = await import('../reassign/execute.js');
      const { renderVerify } = await import('../reassign/verify.js');
      const r = await this.withCluster(flags.zookeeper, (zk, k) =>
        executeReassignment(zk, k, {
          planFile,
          plan,
          throttle: flags.throttle,
          wait: flags.wait,
          batchSize: flags['batch-size'],
          maxBatchBytes: process.env.KTOOL_REASSIGN_MAX_BATCH_BYTES ? Number(process.env.KTOOL_REASSIGN_MAX_BATCH_BYTES) : undefined,
          rollbackFile: flags['rollback-file'],
          journalFile: flags['journal-file'],
          timeoutMs,
          print,
          note,
          progress,
          dialect: this.dialect,
        }),
      );
      const failed = r.status?.some((e) => e.status !== 'completed') ?? false;
      if (this.jsonMode) this.envelope({ ...r, notes });
      else {
        if (r.cancelled) this.line('The reassignment was cancelled; no further batches were submitted');
        if (r.status) this.out(renderVerify(r.status, this.dialect, { throttleRemoved: Boolean(r.throttleRemoved) }));
        // stderr: stdout stays Kafka's text.
        if (r.throttleNote) process.stderr.write(r.throttleNote + '\n');
      }
      if (failed || r.cancelled) process.exitCode = 1;
      return;
    }

    const { runVerify } = await import('../reassign/verify-run.js');
    const { renderVerify } = await import('../reassign/verify.js');
    const { throttleScope } = await import('../reassign/throttle-scope.js');
    const { scope, ...r } = await this.withCluster(flags.zookeeper, async (zk, k) => {
      const v = await runVerify(zk, k, { planFile, plan, journalFile: flags['journal-file'], wait: flags.wait, timeoutMs, progress });
      // 2.6+ text names the brokers and topics whose throttles are cleared.
      return { ...v, scope: await throttleScope(zk, plan) };
    });
    const bad = r.entries.some((e) => e.status === 'failed') || r.waitOutcome === 'timeout';
    if (this.jsonMode) this.envelope(r);
    else {
      this.out(renderVerify(r.entries, this.dialect, { throttleRemoved: r.throttleRemoved, scope }));
      if (r.throttleNote) process.stderr.write(r.throttleNote + '\n');
      if (r.waitOutcome === 'timeout') process.stderr.write(`Timed out after ${flags.timeout} s with partitions still in progress\n`);
    }
    if (bad) process.exitCode = 1;
  }
}
