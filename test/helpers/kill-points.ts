// Kill-point testing: run the real ktool binary and SIGKILL it at a seeded random point, either
// once ZooKeeper shows a given amount of progress (a count the test reads, polled every few ms)
// or after a seeded random delay. No hook inside ktool: the kill is a real one from outside.
import { spawn } from 'node:child_process';
import { KTOOL_BIN, type RunResult } from './ktool.js';

export interface KillOutcome {
  /** Progress read just after the kill (or at exit when the run finished first). */
  progress: number;
  /** The process had already exited by itself before the kill point came. */
  finished: boolean;
  result: RunResult;
}

export async function runAndKill(
  args: string[],
  o: { progress?: () => Promise<number>; killAtProgress?: number; killAfterMs?: number; env?: Record<string, string | undefined>; timeoutMs?: number },
): Promise<KillOutcome> {
  const child = spawn(process.execPath, [KTOOL_BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', KTOOL_FORCE_TTY: undefined, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let exited = false;
  const done = new Promise<RunResult>((resolve) =>
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ stdout, stderr, code: code ?? (signal ? -1 : -2) });
    }),
  );
  const started = Date.now();
  const deadline = started + (o.timeoutMs ?? 60_000);
  let killed = false;
  const kill = (): void => {
    if (!exited) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  while (!exited) {
    if (o.killAfterMs !== undefined && Date.now() - started >= o.killAfterMs) {
      kill();
      break;
    }
    if (o.killAtProgress !== undefined && o.progress && (await o.progress().catch(() => 0)) >= o.killAtProgress) {
      kill();
      break;
    }
    if (Date.now() > deadline) {
      kill();
      throw new Error(`ktool ${args.join(' ')} neither reached the kill point nor finished within ${o.timeoutMs ?? 60_000} ms\n${stdout}${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const result = await done;
  const progress = o.progress ? await o.progress().catch(() => -1) : -1;
  return { progress, finished: !killed, result };
}
