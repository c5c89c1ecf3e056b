// Process helpers for the processes `ktool cluster` starts: liveness checks that also confirm the
// PID still belongs to our process (PIDs get reused), and stop with a deadline.
import { readFileSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A detached child whose parent is gone may sit as a zombie until init reaps it: that is dead.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** The process's command line contains `marker` (Linux /proc; elsewhere assume yes). */
export function isOurs(pid: number, marker: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(marker);
  } catch {
    return process.platform !== 'linux';
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Send `signal`, wait up to `timeoutMs`, then SIGKILL. Returns how it ended. */
export async function stopProcess(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<'stopped' | 'killed' | 'not running'> {
  if (!isAlive(pid)) return 'not running';
  try {
    process.kill(pid, signal);
  } catch {
    return 'not running';
  }
  if (await waitGone(pid, timeoutMs)) return 'stopped';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone meanwhile */
  }
  await waitGone(pid, 5000);
  return 'killed';
}
