// <dir>/cluster.json: what `ktool cluster up` started (PIDs, ports, paths), so that
// `ktool cluster down` and scripts/sample.sh can find the cluster again.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ZkNodeState {
  id: number;
  pid: number;
  clientPort: number;
  dir: string;
  log: string;
}

export interface BrokerState {
  id: number;
  pid: number;
  host: string;
  port: number;
  rack: string | null;
  dataDir: string;
  config: string;
  log: string;
}

export interface ClusterState {
  version: 1;
  dir: string;
  /** Connection string for clients: host:port[,host:port...] */
  zookeeper: { connect: string; nodes: ZkNodeState[] };
  brokers: BrokerState[];
  startedAt: string;
  /** PID of the foreground `cluster up` (null when detached). */
  supervisorPid: number | null;
}

export const stateFilePath = (dir: string): string => join(dir, 'cluster.json');

export function readClusterState(dir: string): ClusterState | null {
  const path = stateFilePath(dir);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ClusterState;
  } catch (err) {
    throw new Error(`Cannot read cluster state ${path}: ${(err as Error).message}`);
  }
}

/** Written atomically (temp file + rename) so readers never see half a file. */
export function writeClusterState(state: ClusterState): void {
  const path = stateFilePath(state.dir);
  writeFileSync(path + '.tmp', JSON.stringify(state, null, 2) + '\n');
  renameSync(path + '.tmp', path);
}

export function removeClusterState(dir: string): void {
  rmSync(stateFilePath(dir), { force: true });
}
