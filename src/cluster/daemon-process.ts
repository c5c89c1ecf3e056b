// A `ktool broker start` daemon as a detached child of `ktool cluster up`, with its own
// server.properties and log file, and a wait (with deadline) for its registration.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommandError } from '../cli/errors.js';
import type { BrokerState } from './state-file.js';
import { isAlive, sleep } from './processes.js';

export const KTOOL_BIN = fileURLToPath(new URL('../../../bin/ktool.js', import.meta.url));

export interface DaemonSpec {
  id: number;
  zookeeper: string;
  rack: string | null;
  dir: string;
  /** Extra Kafka properties for server.properties. */
  properties?: Record<string, string>;
}

/** Defaults for a local development cluster: quick failure detection and shutdown. */
export const CLUSTER_DAEMON_PROPERTIES: Record<string, string> = {
  'zookeeper.session.timeout.ms': '6000',
  'controlled.shutdown.retry.backoff.ms': '500',
};

export function spawnDaemon(spec: DaemonSpec): BrokerState {
  const home = join(spec.dir, `broker-${spec.id}`);
  const dataDir = join(home, 'data');
  mkdirSync(dataDir, { recursive: true });
  const props: Record<string, string> = {
    'broker.id': String(spec.id),
    'zookeeper.connect': spec.zookeeper,
    'host.name': '127.0.0.1',
    port: '0',
    'log.dirs': dataDir,
    ...(spec.rack ? { 'broker.rack': spec.rack } : {}),
    ...CLUSTER_DAEMON_PROPERTIES,
    ...spec.properties,
  };
  const config = join(home, 'server.properties');
  writeFileSync(config, `# written by ktool cluster up\n${Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  const log = join(home, 'broker.log');
  const fd = openSync(log, 'a');
  const child = spawn(process.execPath, [KTOOL_BIN, 'broker', 'start', '--config', config], {
    stdio: ['ignore', fd, fd],
    detached: true,
    env: { ...process.env, NO_COLOR: '1' },
  });
  closeSync(fd);
  child.unref();
  return { id: spec.id, pid: child.pid!, host: '127.0.0.1', port: 0, rack: spec.rack, dataDir, config, log };
}

/** Wait until the daemon logged its registration; returns the registered port. */
export async function waitRegistered(b: BrokerState, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const re = new RegExp(`Registered broker ${b.id} at \\S+ with address [^\\s,]+:(\\d+)`);
  for (;;) {
    let text = '';
    try {
      text = readFileSync(b.log, 'utf8');
    } catch {
      /* not created yet */
    }
    const m = re.exec(text);
    if (m) return Number(m[1]);
    if (!isAlive(b.pid)) {
      const tail = text.trim().split('\n').slice(-5).join('\n');
      throw new CommandError(`Broker ${b.id} exited during start-up; see ${b.log}${tail ? `:\n${tail}` : ''}`);
    }
    if (Date.now() > deadline) throw new CommandError(`Broker ${b.id} did not register within ${timeoutMs} ms; see ${b.log}`);
    await sleep(100);
  }
}
