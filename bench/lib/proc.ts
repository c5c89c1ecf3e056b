// Wall-clock timing of whole processes: every figure in bench/ is what an operator waits for,
// start-up included.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export const KTOOL_BIN = fileURLToPath(new URL('../../../bin/ktool.js', import.meta.url));

export interface TimedRun {
  ms: number;
  /** User + system CPU time of the process and its children (ms, 10 ms resolution), when GNU time is installed. */
  cpuMs?: number;
  stdout: string;
  stderr: string;
  code: number;
}

export async function timeProcess(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    // CPU time tells work from waiting on a loaded machine; GNU time adds ~1 ms of wall time.
    const cpuFile = GNU_TIME ? join(mkdtempSync(join(tmpdir(), 'ktool-bench-cpu-')), 'cpu') : undefined;
    const [file, argv] = cpuFile ? [GNU_TIME!, ['-f', '%U %S', '-o', cpuFile, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timeoutMs = opts.timeoutMs ?? 300_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let cpuMs: number | undefined;
      if (cpuFile) {
        const m = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(existsSync(cpuFile) ? readFileSync(cpuFile, 'utf8') : '');
        if (m) cpuMs = (Number(m[1]) + Number(m[2])) * 1000;
        rmSync(join(cpuFile, '..'), { recursive: true, force: true });
      }
      resolve({ ms, cpuMs, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1 });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** ktool as users run it: piped, no colour. */
export function timeKtool(args: string[], opts: { input?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<TimedRun> {
  const { env: extra, ...rest } = opts;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env.KTOOL_FORCE_TTY;
  return timeProcess(process.execPath, [KTOOL_BIN, ...args], { env, ...rest });
}

/** A compiled helper script under dist/bench/lib, run as its own node process. */
export function timeNodeScript(name: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<TimedRun> {
  return timeProcess(process.execPath, [fileURLToPath(new URL(`./${name}`, import.meta.url)), ...args], opts);
}

/** Throw with the process output when a timed run failed: a failed run's time means nothing. */
export function ensureOk(what: string, r: TimedRun): TimedRun {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`);
  return r;
}
