// Starts real Apache ZooKeeper servers (Debian's jars) for tests and stops them by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { anyFreePort as freePort, zookeeperClasspath } from '../../src/cluster/zookeeper-process.js';

// Classpath and free-port lookup are the product's own (what `ktool cluster up` uses).
export { freePort, zookeeperClasspath };

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 30_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${(lastErr as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface ZkServer {
  /** 127.0.0.1:port */
  connect: string;
  port: number;
  dataDir: string;
  pid(): number | undefined;
  /** SIGKILL the JVM (data survives for restart). */
  kill(): Promise<void>;
  /** Start again on the same port and data dir. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface NodeSpec {
  dir: string;
  cfg: string;
  clientPort: number;
}

function startJvm(cfgPath: string, mainClass: string, logPath: string): ChildProcess {
  const child = spawn(
    'java',
    ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Dzookeeper.admin.enableServer=false', '-cp', zookeeperClasspath(), mainClass, cfgPath],
    { stdio: ['ignore', 'ignore', 'ignore'], detached: false, env: { ...process.env, ZOO_LOG_DIR: logPath } },
  );
  child.unref();
  return child;
}

async function killChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  // The child is unref'd while it runs; hold the event loop open until its exit is observed.
  child.ref();
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(child.pid!, 'SIGKILL');
    } catch {
      resolve();
    }
  });
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) {
    try {
      process.kill(c.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

class Node {
  child?: ChildProcess;
  constructor(
    readonly spec: NodeSpec,
    readonly mainClass: string,
  ) {}
  start(): void {
    this.child = startJvm(this.spec.cfg, this.mainClass, this.spec.dir);
    live.add(this.child);
    const c = this.child;
    c.once('exit', () => live.delete(c));
  }
  async kill(): Promise<void> {
    await killChild(this.child);
  }
}

/** A standalone ZooKeeper on a free port with a temp dataDir. */
export async function startZooKeeper(opts: { tickTime?: number } = {}): Promise<ZkServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ktool-zk-'));
  const cfg = join(dataDir, 'zoo.cfg');
  const writeCfg = (port: number): void =>
    writeFileSync(
      cfg,
      [
        `tickTime=${opts.tickTime ?? 500}`,
        `dataDir=${join(dataDir, 'data')}`,
        `clientPort=${port}`,
        'clientPortAddress=127.0.0.1',
        'admin.enableServer=false',
        'maxClientCnxns=0',
        '4lw.commands.whitelist=*',
        'minSessionTimeout=1000',
        'maxSessionTimeout=60000',
        'jute.maxbuffer=4194304',
      ].join('\n') + '\n',
    );
  let port = 0;
  let node: Node | undefined;
  // Up means our JVM answers `srvr` as a standalone server: an open port alone could be another
  // process that took the port between freePort() and the JVM binding it.
  const up = async (): Promise<void> => {
    node!.start();
    const child = node!.child!;
    await waitFor(
      `ZooKeeper on port ${port}`,
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`ZooKeeper JVM exited (${child.exitCode ?? child.signalCode})`);
        return /Mode: standalone/.test(await fourLetter(port, 'srvr'));
      },
      30_000,
      50,
    );
  };
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    writeCfg(port);
    node = new Node({ dir: dataDir, cfg, clientPort: port }, 'org.apache.zookeeper.server.ZooKeeperServerMain');
    try {
      await up();
      break;
    } catch (err) {
      await node.kill();
      if (attempt >= 3) throw err;
    }
  }
  const server = node!;
  return {
    connect: `127.0.0.1:${port}`,
    port,
    dataDir,
    pid: () => server.child?.pid,
    kill: () => server.kill(),
    restart: up,
    async stop() {
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ZkEnsemble {
  /** All client addresses, comma-separated. */
  connect: string;
  servers: Array<{ id: number; port: number; kill(): Promise<void>; restart(): Promise<void>; pid(): number | undefined }>;
  /** Id of the server that currently leads the quorum (via the `srvr` four-letter word). */
  leaderId(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** A four-letter-word answer, or '' when none comes within a second: a JVM that is still
 *  starting can accept the socket and never answer, and a probe must not wait for it forever. */
async function fourLetter(port: number, word: string): Promise<string> {
  return new Promise((resolve) => {
    const s = netConnect({ host: '127.0.0.1', port });
    let out = '';
    const timer = setTimeout(() => s.destroy(), 1000);
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    s.on('error', () => undefined);
    s.on('connect', () => s.write(word));
  });
}

/** A 3-node (or n-node) ensemble on loopback. */
export async function startEnsemble(n = 3): Promise<ZkEnsemble> {
  const root = mkdtempSync(join(tmpdir(), 'ktool-zkq-'));
  const ports = await Promise.all(Array.from({ length: n * 3 }, () => freePort()));
  const specs: Array<{ id: number; client: number; node: Node }> = [];
  const serverLines = Array.from({ length: n }, (_, i) => `server.${i + 1}=127.0.0.1:${ports[n + i]}:${ports[2 * n + i]}`);
  for (let i = 0; i < n; i++) {
    const id = i + 1;
    const dir = join(root, `zk${id}`);
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'myid'), `${id}\n`);
    const cfg = join(dir, 'zoo.cfg');
    writeFileSync(
      cfg,
      [
        'tickTime=500',
        'initLimit=10',
        'syncLimit=5',
        `dataDir=${join(dir, 'data')}`,
        `clientPort=${ports[i]}`,
        'clientPortAddress=127.0.0.1',
        'admin.enableServer=false',
        '4lw.commands.whitelist=*',
        'minSessionTimeout=1000',
        'maxSessionTimeout=60000',
        'jute.maxbuffer=4194304',
        ...serverLines,
      ].join('\n') + '\n',
    );
    specs.push({ id, client: ports[i]!, node: new Node({ dir, cfg, clientPort: ports[i]! }, 'org.apache.zookeeper.server.quorum.QuorumPeerMain') });
  }
  for (const s of specs) s.node.start();
  const serving = async (port: number): Promise<boolean> => /Mode: (leader|follower|standalone)/.test(await fourLetter(port, 'srvr'));
  await waitFor('ZooKeeper ensemble quorum', async () => (await Promise.all(specs.map((s) => serving(s.client)))).every(Boolean), 60_000, 100);
  return {
    connect: specs.map((s) => `127.0.0.1:${s.client}`).join(','),
    servers: specs.map((s) => ({
      id: s.id,
      port: s.client,
      pid: () => s.node.child?.pid,
      kill: () => s.node.kill(),
      restart: async () => {
        s.node.start();
        await waitFor(`ZooKeeper server ${s.id}`, () => serving(s.client), 60_000, 100);
      },
    })),
    async leaderId() {
      for (const s of specs) if (/Mode: leader/.test(await fourLetter(s.client, 'srvr'))) return s.id;
      return undefined;
    },
    async stop() {
      await Promise.all(specs.map((s) => s.node.kill()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
