// Errors a command raises to end with a given exit code: 2 for usage, 1 for runtime failures.

/** Bad flags or arguments: exit 2, nothing written. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A runtime failure the operator must act on (exists, not found, in progress...): exit 1. */
export class CommandError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CommandError';
    this.exitCode = exitCode;
  }
}

export function exitCodeOf(err: unknown): number {
  const code = (err as { exitCode?: unknown })?.exitCode;
  return typeof code === 'number' && code > 0 ? code : 1;
}
