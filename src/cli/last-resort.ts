// The last line of defence: an error nothing else caught (a throw inside a library callback, a
// rejected promise nobody awaited) ends the tool with one line and exit 1, never a stack trace
// (unless KTOOL_DEBUG is set).
import { redactSecrets } from './redact.js';

let installed = false;

export function lastResortMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return `ktool: unexpected error: ${redactSecrets(msg.split('\n')[0] ?? '')}`;
}

function fail(err: unknown): void {
  process.stderr.write(lastResortMessage(err) + '\n');
  if (process.env.KTOOL_DEBUG) process.stderr.write(redactSecrets(String((err as Error)?.stack ?? err)) + '\n');
  process.exit(1);
}

export function installLastResortHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', (err) => {
    // A daemon that registered its own handler logs the rejection and keeps running.
    if (process.listenerCount('unhandledRejection') > 1) return;
    fail(err);
  });
}
