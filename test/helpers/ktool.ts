// Runs the real ktool binary as a separate process, the way operators and CI scripts do.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const KTOOL_BIN = fileURLToPath(new URL('../../../bin/ktool.js', import.meta.url));

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export async function runKtool(args: string[], opts: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KTOOL_BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', KTOOL_FORCE_TTY: undefined, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ktool ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 60_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: code ?? -1 });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Parse a --json envelope, check it names the Kafka version it used (admin tools, once ZooKeeper
 * was read) and return it without that part, for exact comparisons of the rest.
 */
export function envelopeWithoutKafka(stdout: string, expectLine = '0.9.0'): Record<string, unknown> {
  const env = JSON.parse(stdout) as Record<string, unknown> & { kafka?: { line?: string; source?: string } };
  if (!env.kafka || env.kafka.line !== expectLine) throw new Error(`envelope should name Kafka ${expectLine}: ${stdout}`);
  delete env.kafka;
  return env;
}
