// Base of every ktool command: the shared flags (--zookeeper, --json), output helpers and the
// mapping from errors to exit codes (2 usage, 1 runtime) with one JSON envelope under --json.
import { Command, Flags, Interfaces } from '@oclif/core';
import { exitCodeOf } from './errors.js';
import { errorText } from './error-text.js';
import { installLastResortHandlers } from './last-resort.js';
import { redactSecrets } from './redact.js';
import { validateConnectionString } from '../zk/connection-string.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof KtoolCommand)['baseFlags'] & T['flags']>;

export const zookeeperFlag = Flags.string({
  description: 'ZooKeeper connection string host:port[,host:port...][/chroot] (env KTOOL_ZOOKEEPER, default 127.0.0.1:2181)',
  helpValue: '<urls>',
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
