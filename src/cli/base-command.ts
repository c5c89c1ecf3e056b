// Base of every ktool command: the shared flags (--zookeeper, --json), output helpers and the
// mapping from errors to exit codes (2 usage, 1 runtime) with one JSON envelope under --json.
import { Command, Flags, Interfaces } from '@oclif/core';
import { exitCodeOf } from './errors.js';
import { errorText } from './error-text.js';
import { installLastResortHandlers } from './last-resort.js';
import { redactSecrets } from './redact.js';
import { validateConnectionString } from '../zk/connection-string.js';
import type { ClusterKnowledge } from '../kafka/cluster.js';
import type { Dialect } from '../kafka/dialects/index.js';
import { versionOverride, type VersionOverride } from '../kafka/override.js';
import type { ZkClient } from '../zk/client.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof KtoolCommand)['baseFlags'] & T['flags']>;

export const zookeeperFlag = Flags.string({
  description: 'ZooKeeper connection string host:port[,host:port...][/chroot] (env KTOOL_ZOOKEEPER, default 127.0.0.1:2181)',
  helpValue: '<urls>',
});

/**
 * --kafka-version (all three admin tools): the cluster's Kafka release, overriding what ktool infers
 * from ZooKeeper (src/kafka). Parse it with versionOverride() from src/kafka/cluster.ts before any
 * ZooKeeper access, so a bad value is a usage error (exit 2) that lists the supported lines.
 */
export const kafkaVersionFlag = Flags.string({
  description: "The cluster's Kafka release (0.9.0 to 3.9.x), overriding what ktool infers from ZooKeeper (env KTOOL_KAFKA_VERSION)",
  helpValue: '<version>',
});

/**
 * JSON envelope printed under --json, one object on stdout:
 *   {"ok":true,"command":"topics","action":"create","result":{...}}
 *   {"ok":false,"command":"topics","action":"create","error":{"message":"...","exitCode":1}}
 */
export interface Envelope {
  ok: boolean;
  command: string;
  action?: string;
  result?: unknown;
  error?: { message: string; exitCode: number };
  /** Which Kafka version the command used and why (admin tools, once ZooKeeper was read). */
  kafka?: Record<string, unknown>;
}

export abstract class KtoolCommand extends Command {
  static override baseFlags = {
    zookeeper: zookeeperFlag,
    json: Flags.boolean({ description: 'Print one JSON envelope instead of text', default: false }),
  };

  /** Set by subclasses once flags are parsed, for the envelope. */
  protected jsonMode = false;
  protected action?: string;
  /** Kafka-compatible prefix for runtime errors on stdout (e.g. "Error while executing topic command : "). */
  protected errorPrefix = 'Error: ';
  /** What the command learnt of the cluster (set by the admin tools through withCluster). */
  protected knowledge?: ClusterKnowledge;
  /** The text dialect of the cluster's Kafka version (src/kafka/dialects), once ZooKeeper was read. */
  protected dialect?: Dialect;
  private kafkaJson?: Record<string, unknown>;

  private override?: VersionOverride;

  /** Check --kafka-version / $KTOOL_KAFKA_VERSION before anything touches ZooKeeper (usage error, exit 2). */
  protected parseKafkaVersion(flag: string | undefined): void {
    this.override = versionOverride(flag);
  }

  /** Run `fn` with a tool connection and what ktool knows of the cluster (src/kafka). */
  protected async withCluster<T>(zookeeper: string | undefined, fn: (zk: ZkClient, k: ClusterKnowledge) => Promise<T>): Promise<T> {
    const { withCluster } = await import('./connection.js');
    return withCluster(zookeeper, this.override, fn, (k) => this.know(k));
  }

  /** Remember the cluster knowledge for the envelope (the JSON module is loaded only then). */
  protected async know(k: ClusterKnowledge): Promise<void> {
    this.knowledge = k;
    this.dialect = (await import('../kafka/dialects/index.js')).dialectFor(k.version);
    if (this.jsonMode) this.kafkaJson = (await import('../kafka/cluster.js')).knowledgeJson(k);
  }

  override async init(): Promise<void> {
    installLastResortHandlers();
    await super.init();
  }

  /** oclif's parse, then the shared flags checked before anything else runs. */
  protected override async parse<F extends Interfaces.OutputFlags<any>, B extends Interfaces.OutputFlags<any>, A extends Interfaces.OutputArgs<any>>(
    options?: Interfaces.Input<F, B, A>,
    argv?: string[],
  ): Promise<Interfaces.ParserOutput<F, B, A>> {
    const out = await super.parse(options, argv);
    this.jsonMode = Boolean((out.flags as { json?: boolean }).json);
    const zk = (out.flags as { zookeeper?: string }).zookeeper;
    if (zk !== undefined) validateConnectionString(zk, '--zookeeper');
    return out;
  }

  protected out(text: string): void {
    process.stdout.write(text);
  }

  protected line(text = ''): void {
    process.stdout.write(text + '\n');
  }

  protected envelope(result: unknown): void {
    const env: Envelope = { ok: true, command: this.id ?? '', action: this.action, result };
    if (this.kafkaJson) env.kafka = this.kafkaJson;
    process.stdout.write(JSON.stringify(env) + '\n');
  }

  /** stdout is a terminal (tables and colour) rather than a pipe (Kafka's exact text). */
  protected get isTty(): boolean {
    return Boolean(process.stdout.isTTY) || process.env.KTOOL_FORCE_TTY === '1';
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    // oclif's own parse errors and exits carry their exit code already.
    if (err.oclif && typeof err.oclif.exit === 'number' && !(err as { ktool?: boolean }).ktool) {
      if (this.jsonMode) {
        const env: Envelope = { ok: false, command: this.id ?? '', action: this.action, error: { message: redactSecrets(err.message), exitCode: err.oclif.exit } };
        process.stdout.write(JSON.stringify(env) + '\n');
        this.exit(err.oclif.exit);
      }
      throw err;
    }
    const exitCode = exitCodeOf(err);
    const message = redactSecrets(errorText(err));
    if (this.jsonMode) {
      const env: Envelope = { ok: false, command: this.id ?? '', action: this.action, error: { message, exitCode } };
      if (this.kafkaJson) env.kafka = this.kafkaJson;
      process.stdout.write(JSON.stringify(env) + '\n');
    } else if (exitCode === 2) {
      process.stderr.write(message + '\n');
    } else {
      process.stdout.write(this.errorPrefix + message + '\n');
    }
    if (process.env.KTOOL_DEBUG) process.stderr.write(redactSecrets(err.stack ?? '') + '\n');
    this.exit(exitCode);
  }
}
