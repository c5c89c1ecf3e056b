// `ktool cluster up/down`: a local development cluster = a real ZooKeeper (standalone or an
// ensemble) + N broker/controller daemons, all detached processes recorded in <dir>/cluster.json.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommandError } from '../cli/errors.js';
import type { ZkClient } from '../zk/client.js';
import { CONTROLLER } from '../zk/paths.js';
import { decodeController } from '../zk/codecs/controller.js';
import { readClusterState, removeClusterState, writeClusterState, type BrokerState, type ClusterState } from './state-file.js';
import { spawnDaemon, waitRegistered } from './daemon-process.js';
import { startZooKeeperProcesses } from './zookeeper-process.js';
import { isAlive, isOurs, sleep, stopProcess } from './processes.js';

export const DEFAULT_CLUSTER_DIR = '.ktool/cluster';

export interface UpOptions {
  brokers: number;
  racks: string[];
  zookeeperPort: number;
  ensemble: number;
  dir: string;
  supervisorPid: number | null;
  properties?: Record<string, string>;
  timeoutMs?: number;
  onProgress?: (line: string) => void;
}

export interface UpResult {
  state: ClusterState;
  controller: number;
}

const BROKER_MARK = 'broker start';
const ZK_MARK = 'ktool.cluster=zookeeper';

/** Processes of a recorded cluster that are still running. */
export function runningPids(state: ClusterState): number[] {
  return [
    ...state.brokers.filter((b) => isOurs(b.pid, BROKER_MARK)).map((b) => b.pid),
    ...state.zookeeper.nodes.filter((n) => isOurs(n.pid, ZK_MARK)).map((n) => n.pid),
  ];
}

async function waitController(zk: ZkClient, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await zk.tryGetData(CONTROLLER);
    if (r) return decodeController(r.data, CONTROLLER).brokerId;
    if (Date.now() > deadline) throw new CommandError(`No controller was elected within ${timeoutMs} ms`);
    await sleep(100);
  }
}

export async function clusterUp(opts: UpOptions): Promise<UpResult> {
  const dir = resolve(opts.dir);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const progress = opts.onProgress ?? (() => undefined);
  const prev = readClusterState(dir);
  if (prev && runningPids(prev).length) {
    throw new CommandError(`A cluster started from ${dir} is still running (PIDs ${runningPids(prev).join(', ')}); run \`ktool cluster down --dir ${opts.dir}\` first`);
  }
  mkdirSync(dir, { recursive: true });
  const zkStarted = await startZooKeeperProcesses({ clientPort: opts.zookeeperPort, nodes: opts.ensemble, dir });
  const state: ClusterState = {
    version: 1,
    dir,
    zookeeper: zkStarted,
    brokers: [],
    startedAt: new Date().toISOString(),
    supervisorPid: opts.supervisorPid,
  };
  writeClusterState(state);
  for (const n of zkStarted.nodes) progress(`ZooKeeper ${opts.ensemble > 1 ? `${n.id} ` : ''}on 127.0.0.1:${n.clientPort} (pid ${n.pid})`);
  try {
    const brokers: BrokerState[] = [];
    for (let i = 0; i < opts.brokers; i++) {
      const rack = opts.racks.length ? opts.racks[i % opts.racks.length]! : null;
      brokers.push(spawnDaemon({ id: i + 1, zookeeper: zkStarted.connect, rack, dir, properties: opts.properties }));
    }
    state.brokers = brokers;
    writeClusterState(state);
    const ports = await Promise.all(brokers.map((b) => waitRegistered(b, timeoutMs)));
    brokers.forEach((b, i) => {
      b.port = ports[i]!;
      progress(`Broker ${b.id} on ${b.host}:${b.port} (pid ${b.pid}${b.rack ? `, rack ${b.rack}` : ''})`);
    });
    writeClusterState(state);
    const { ZkClient } = await import('../zk/client.js');
    const zk = await ZkClient.connect(zkStarted.connect, { connectTimeoutMs: 10_000 });
    try {
      const controller = await waitController(zk, timeoutMs);
      return { state, controller };
    } finally {
      await zk.close();
    }
  } catch (err) {
    await clusterDown({ dir }).catch(() => undefined);
    throw err;
  }
}

export interface DownResult {
  brokers: Array<{ id: number; pid: number; result: string }>;
  zookeeper: Array<{ id: number; pid: number; result: string }>;
}

/**
 * Stop brokers one at a time with SIGTERM (controlled shutdown; the controller last so that
 * leadership moves once), then ZooKeeper. Removes the state file; with `clean` the whole dir.
 */
export async function clusterDown(opts: { dir: string; clean?: boolean; brokerTimeoutMs?: number }): Promise<DownResult> {
  const dir = resolve(opts.dir);
  let state = readClusterState(dir);
  if (!state) throw new CommandError(`No cluster state found at ${dir}/cluster.json (is a cluster running from --dir ${opts.dir}?)`);
  // A foreground `cluster up` supervises this cluster: let it stop everything (as on Ctrl-C).
  const sup = state.supervisorPid;
  if (sup && sup !== process.pid && isOurs(sup, 'cluster up')) {
    const result = await stopProcess(sup, 'SIGTERM', 120_000);
    const after = readClusterState(dir);
    if (!after) {
      if (opts.clean) rmSync(dir, { recursive: true, force: true });
      const by = `stopped by the foreground cluster up (pid ${sup}, ${result})`;
      return {
        brokers: state.brokers.map((b) => ({ id: b.id, pid: b.pid, result: isAlive(b.pid) ? 'still running' : by })),
        zookeeper: state.zookeeper.nodes.map((n) => ({ id: n.id, pid: n.pid, result: isAlive(n.pid) ? 'still running' : by })),
      };
    }
    state = after;
  }
  let controller: number | undefined;
  const liveZk = state.zookeeper.nodes.filter((n) => isOurs(n.pid, ZK_MARK));
  if (liveZk.length) {
    try {
      const { ZkClient } = await import('../zk/client.js');
      const zk = await ZkClient.connect(state.zookeeper.connect, { connectTimeoutMs: 3000 });
      try {
        const r = await zk.tryGetData(CONTROLLER);
        if (r) controller = decodeController(r.data, CONTROLLER).brokerId;
      } finally {
        await zk.close();
      }
    } catch {
      /* order does not matter much without a controller */
    }
  }
  const order = [...state.brokers].sort((a, b) => Number(a.id === controller) - Number(b.id === controller) || a.id - b.id);
  const out: DownResult = { brokers: [], zookeeper: [] };
  for (const b of order) {
    const result = isOurs(b.pid, BROKER_MARK) ? await stopProcess(b.pid, 'SIGTERM', opts.brokerTimeoutMs ?? 30_000) : 'not running';
    out.brokers.push({ id: b.id, pid: b.pid, result });
  }
  for (const n of state.zookeeper.nodes) {
    const result = isOurs(n.pid, ZK_MARK) ? await stopProcess(n.pid, 'SIGTERM', 10_000) : 'not running';
    out.zookeeper.push({ id: n.id, pid: n.pid, result });
  }
  removeClusterState(dir);
  if (opts.clean) rmSync(dir, { recursive: true, force: true });
  return out;
}

/** Foreground supervision: reports each broker or ZooKeeper process that dies, until stopped. */
export async function watchCluster(state: ClusterState, onEvent: (line: string) => void, stopped: () => boolean): Promise<void> {
  const reported = new Set<number>();
  while (!stopped()) {
    await sleep(500);
    if (stopped()) return;
    for (const b of state.brokers) {
      if (!reported.has(b.pid) && !isAlive(b.pid)) {
        reported.add(b.pid);
        onEvent(`Broker ${b.id} (pid ${b.pid}) exited; see ${b.log}`);
      }
    }
    for (const n of state.zookeeper.nodes) {
      if (!reported.has(n.pid) && !isAlive(n.pid)) {
        reported.add(n.pid);
        onEvent(`ZooKeeper ${n.id} (pid ${n.pid}) exited; see ${n.log}`);
      }
    }
  }
}
