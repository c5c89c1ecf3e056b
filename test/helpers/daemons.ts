// Runs `ktool broker start` daemons as separate processes for integration tests and benchmarks,
// and waits (with a deadline) until each has registered its /brokers/ids/<id> znode.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZkClient } from '../../src/zk/client.js';
import { decodeBrokerRegistration } from '../../src/zk/codecs/brokerRegistration.js';
import { brokerPath } from '../../src/zk/paths.js';
import { KTOOL_BIN } from './ktool.js';
import { tempDir } from './tmp.js';
import { after, before } from 'node:test';
import { startZooKeeper, waitFor, type ZkServer } from './zookeeper.js';

export interface DaemonOptions {
  zkConnect: string;
  brokerId: number;
  rack?: string;
  dataDir?: string;
  /** Kafka property names → values, written to a temp server.properties passed with --config. */
  config?: Record<string, string>;
  /** Use this properties file as is instead of writing one from `config`. */
  configFile?: string;
  /** Pass only --config/--log-level (broker.id, zookeeper.connect, log.dirs must come from the file). */
  fileOnly?: boolean;
  /** Extra command-line arguments. */
  args?: string[];
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How long to wait for the registration (default 20 s). */
  timeoutMs?: number;
}

export interface Daemon {
  id: number;
  pid: number;
  port: number;
  dataDir: string;
  /** Send a signal (default SIGKILL); with SIGKILL, resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (controlled shutdown) and wait for the exit; returns the exit code. */
  stop(timeoutMs?: number): Promise<number | null>;
  waitExit(timeoutMs?: number): Promise<number | null>;
  exited(): boolean;
  /** Captured stderr (the daemon's log). */
  output(): string;
}

/** Short timeouts so that failure detection in tests takes seconds. */
export const TEST_DAEMON_CONFIG: Record<string, string> = {
  'zookeeper.session.timeout.ms': '3000',
  'controlled.shutdown.retry.backoff.ms': '500',
};

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) {
    try {
      process.kill(c.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const work = tempDir(`ktool-daemon-${opts.brokerId}-`);
  const dataDir = opts.dataDir ?? join(work, 'data');
  const props = { ...TEST_DAEMON_CONFIG, ...opts.config };
  const cfgPath = opts.configFile ?? join(work, 'server.properties');
  if (!opts.configFile) writeFileSync(cfgPath, Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  const args = [
    KTOOL_BIN, 'broker', 'start',
    ...(opts.fileOnly ? [] : ['--broker-id', String(opts.brokerId), '--zookeeper', opts.zkConnect, '--data-dir', dataDir]),
    '--config', cfgPath,
    '--log-level', opts.logLevel ?? 'info',
    ...(props.port === undefined && !opts.fileOnly && !opts.args?.includes('--port') ? ['--port', '0'] : []),
    ...(opts.rack ? ['--rack', opts.rack] : []),
    ...(opts.args ?? []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  live.add(child);
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  let exitCode: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      exitCode = code ?? (signal ? null : code);
      resolve(exitCode);
    });
  });
  const waitExit = async (timeoutMs = 30_000): Promise<number | null> => {
    let timer: NodeJS.Timeout | undefined;
    const t = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`broker ${opts.brokerId} (pid ${child.pid}) did not exit within ${timeoutMs} ms\n${log}`)), timeoutMs);
    });
    try {
      return await Promise.race([exit, t]);
    } finally {
      clearTimeout(timer);
    }
  };
  const daemon: Daemon = {
    id: opts.brokerId,
    pid: child.pid!,
    port: 0,
    dataDir,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (exitCode !== undefined) return;
      try {
        process.kill(child.pid!, signal);
      } catch {
        return;
      }
      if (signal === 'SIGKILL') await waitExit();
    },
    async stop(timeoutMs = 30_000) {
      if (exitCode === undefined) {
        try {
          process.kill(child.pid!, 'SIGTERM');
        } catch {
          /* already gone */
        }
      }
      return waitExit(timeoutMs);
    },
    waitExit,
    exited: () => exitCode !== undefined,
    output: () => log,
  };

  // Registered = our log line names the port, and the znode carries that port (not a stale one
  // left by a killed predecessor whose session has not expired yet).
  const zk = await ZkClient.connect(opts.zkConnect, { connectTimeoutMs: 10_000 });
  try {
    const registered = waitFor(
      `broker ${opts.brokerId} to register`,
      async () => {
        const m = /Registered broker \d+ at \S+ with address [^\s,]+:(\d+)/.exec(log);
        if (!m || exitCode !== undefined) return null;
        const got = await zk.tryGetData(brokerPath(opts.brokerId));
        if (!got) return null;
        const reg = decodeBrokerRegistration(opts.brokerId, got.data, brokerPath(opts.brokerId));
        return reg.port === Number(m[1]) ? reg.port : null;
      },
      opts.timeoutMs ?? 20_000,
      50,
    );
    const early = exit.then((code) => {
      throw new Error(`broker ${opts.brokerId} exited with ${code} before registering:\n${log}`);
    });
    daemon.port = await Promise.race([registered, early]);
    early.catch(() => undefined);
  } catch (err) {
    if (exitCode === undefined) await daemon.kill('SIGKILL');
    throw new Error(`${(err as Error).message}${(err as Error).message.includes(log) ? '' : `\n${log}`}`);
  } finally {
    await zk.close();
  }
  return daemon;
}

export async function startDaemons(zkConnect: string, ids: readonly number[], opts: Omit<DaemonOptions, 'zkConnect' | 'brokerId'> & { racks?: Record<number, string> } = {}): Promise<Daemon[]> {
  return Promise.all(ids.map((id) => startDaemon({ ...opts, zkConnect, brokerId: id, rack: opts.racks?.[id] ?? opts.rack })));
}

/** Stop daemons that are still running (SIGTERM, then SIGKILL if they hang). */
export async function stopAll(daemons: Iterable<Daemon>): Promise<void> {
  await Promise.all(
    [...daemons].map(async (d) => {
      if (d.exited()) return;
      try {
        await d.stop(15_000);
      } catch {
        await d.kill('SIGKILL');
      }
    }),
  );
}

/** Await `fn` while holding a ref'd timer: the ZooKeeper test servers are unref'd child processes,
 *  so awaiting their exit alone can let node:test see an idle event loop. */
export async function keepingAlive<T>(fn: () => Promise<T>): Promise<T> {
  const t = setInterval(() => undefined, 1000);
  try {
    return await fn();
  } finally {
    clearInterval(t);
  }
}

/**
 * Start broker `old.id` again on the same data dir once the killed predecessor's registration has
 * expired (a live registration makes the new process exit 1 as a duplicate id).
 */
export async function restartDaemon(old: Daemon, opts: Omit<DaemonOptions, 'brokerId' | 'dataDir'>, expiryTimeoutMs = 30_000): Promise<Daemon> {
  if (!old.exited()) throw new Error(`broker ${old.id} (pid ${old.pid}) is still running`);
  const zk = await ZkClient.connect(opts.zkConnect, { connectTimeoutMs: 10_000 });
  try {
    await waitFor(`old registration of broker ${old.id} to expire`, async () => !(await zk.exists(brokerPath(old.id))), expiryTimeoutMs, 100);
  } finally {
    await zk.close();
  }
  return startDaemon({ ...opts, brokerId: old.id, dataDir: old.dataDir });
}

/**
 * The per-file setup of daemon tests: one ZooKeeper for the file, and at the end every daemon the
 * tests pushed to `daemons` is stopped, then ZooKeeper. Call inside describe().
 */
export function daemonTestCluster(): { server: ZkServer; daemons: Daemon[] } {
  const ctx = { daemons: [] as Daemon[] } as { server: ZkServer; daemons: Daemon[] };
  before(async () => {
    ctx.server = await startZooKeeper();
  });
  after(() =>
    keepingAlive(async () => {
      await stopAll(ctx.daemons);
      await ctx.server?.stop();
    }),
  );
  return ctx;
}
