// `ktool preferred-replica-election`: kafka-preferred-replica-election.sh (ZooKeeper mode, 0.9 text),
// stricter input checks, batches for big clusters and --wait with a report of what did not move.
import { Flags } from '@oclif/core';
import { KtoolCommand, kafkaVersionFlag } from '../cli/base-command.js';
import { UsageError } from '../cli/errors.js';

export default class PreferredReplicaElection extends KtoolCommand {
  static override description =
    "Transfer leadership of each partition back to the 'preferred replica' (kafka-preferred-replica-election.sh)";

  static override examples = [
    { description: 'Move leadership of every partition back to its first replica', command: '<%= config.bin %> preferred-replica-election' },
    { description: '...and wait, reporting partitions still not led by their preferred replica', command: '<%= config.bin %> preferred-replica-election --wait' },
    { description: 'Only the partitions in a file ({"partitions":[{"topic":"orders","partition":0}]})', command: '<%= config.bin %> preferred-replica-election --path-to-json-file partitions.json' },
  ];

  static override flags = {
    'kafka-version': kafkaVersionFlag,
    'path-to-json-file': Flags.string({
      description: 'JSON file with the partitions, {"partitions":[{"topic":"foo","partition":1}]}; defaults to all existing partitions',
      helpValue: '<file>',
    }),
    wait: Flags.boolean({ description: 'Wait until the controller finished, then report partitions not led by their preferred replica' }),
    'batch-size': Flags.integer({ description: 'At most this many partitions per election znode' }),
    timeout: Flags.integer({ description: 'Give up waiting after this many seconds', helpValue: '<seconds>' }),
  };

  protected override errorPrefix = 'Failed to start preferred replica election\n';

  async run(): Promise<void> {
    const { flags } = await this.parse(PreferredReplicaElection);
    this.jsonMode = flags.json;
    this.parseKafkaVersion(flags['kafka-version']);
    this.action = 'elect';
    for (const k of ['batch-size', 'timeout'] as const) {
      const v = flags[k];
      if (v !== undefined && (v < 1 || !Number.isSafeInteger(v))) throw new UsageError(`--${k} must be a positive integer, got ${v}`);
    }
    const timeoutMs = flags.timeout !== undefined ? flags.timeout * 1000 : undefined;
    const { tpText } = await import('../reassign/format.js');
    const { DIALECT_0_9 } = await import('../kafka/dialects/index.js');
    // The znode's JSON, as 0.10.2–1.0 print it.
    const znodeJson = (b: ReadonlyArray<{ topic: string; partition: number }>): string =>
      JSON.stringify({ version: 1, partitions: b.map((p) => ({ topic: p.topic, partition: p.partition })) });
    const { runElection } = await import('../election/run.js');

    let refs: Array<{ topic: string; partition: number }> | undefined;
    const path = flags['path-to-json-file'];
    if (path) {
      const { readTextFile } = await import('../reassign/read-json-file.js');
      const { parseElectionFile } = await import('../election/parse-file.js');
      refs = parseElectionFile(await readTextFile(path), path);
    }
    const started: Array<{ topic: string; partition: number }[]> = [];
    const result = await this.withCluster(flags.zookeeper, (zk, k) =>
      runElection(zk, k, {
        refs,
        batchSize: flags['batch-size'],
        maxBatchBytes: process.env.KTOOL_ELECTION_MAX_BATCH_BYTES ? Number(process.env.KTOOL_ELECTION_MAX_BATCH_BYTES) : undefined,
        timeoutMs,
        wait: flags.wait,
        onStarted: (batch) => {
          started.push(batch);
          if (!this.jsonMode) this.line((this.dialect ?? DIALECT_0_9).electionStarted(batch, znodeJson(batch)));
        },
      }),
    );
    if (result.timedOut) {
      this.errorPrefix = '';
      throw new Error(`Timed out after ${flags.timeout} s waiting for the controller to finish the election`);
    }
    if (this.jsonMode) this.envelope({ ...result, batches: started.length });
    else if (!result.partitions.length) this.line('There are no partitions to elect a leader for');
    else if (result.waited) {
      for (const n of result.notPreferred) {
        this.line(
          `Preferred replica ${n.preferred} is not the leader of partition ${tpText(n)} (leader: ${n.leader ?? 'none'}, ISR: ${n.isr.join(',')})`,
        );
      }
      if (!result.notPreferred.length) this.line(`The preferred replica leads all ${result.partitions.length} partition${result.partitions.length === 1 ? "" : "s"}`);
    }
    if (result.notPreferred.length) process.exitCode = 1;
  }
}
