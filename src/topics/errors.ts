// Errors of the topics service. Kafka prints some lines (warnings) before it fails; ktool validates
// everything before writing, so a failure carries the lines Kafka would have printed first.
import { CommandError } from '../cli/errors.js';

export class TopicCommandError extends CommandError {
  constructor(
    message: string,
    /** stdout lines Kafka prints before this error (e.g. the '.'/'_' WARNING). */
    readonly preface: readonly string[] = [],
    exitCode = 1,
  ) {
    super(message, exitCode);
    this.name = 'TopicCommandError';
  }
}

/** Re-throw `err` with `preface` lines attached (for errors raised below the service). */
export function withPreface(err: unknown, preface: readonly string[]): never {
  if (err instanceof TopicCommandError) throw new TopicCommandError(err.message, [...preface, ...err.preface], err.exitCode);
  if (err instanceof Error && preface.length) {
    const code = (err as { exitCode?: number }).exitCode;
    throw new TopicCommandError(err.message, preface, typeof code === 'number' ? code : 1);
  }
  throw err;
}
