// A real Apache ZooKeeper for `ktool cluster up`: standalone or an n-node ensemble on loopback,
// from $ZOOKEEPER_HOME or Debian's jars in /usr/share/java. Started as detached JVMs (their own
// process group, so a terminal's Ctrl-C reaches only `cluster up`, which stops brokers first).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { connect as netConnect, createServer } from 'node:net';
import { join } from 'node:path';
import { CommandError } from '../cli/errors.js';
import type { ZkNodeState } from './state-file.js';
import { isAlive, sleep } from './processes.js';

const INSTALL_HINT = 'install it with `apt-get install -y zookeeper` (Debian/Ubuntu) or set ZOOKEEPER_HOME to an Apache ZooKeeper directory';

export function zookeeperClasspath(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.ZOOKEEPER_HOME;
  if (home) {
    if (!existsSync(join(home, 'lib'))) throw new CommandError(`ZooKeeper not found: ZOOKEEPER_HOME=${home} has no lib/ directory; ${INSTALL_HINT}`);
    return [join(home, 'lib', '*'), join(home, '*')].join(':');
  }
  const dir = '/usr/share/java';
  const core = ['zookeeper.jar', 'zookeeper-jute.jar', 'slf4j-api.jar'].map((j) => join(dir, j));
  const missing = core.filter((j) => !existsSync(j));
  if (missing.length) throw new CommandError(`ZooKeeper not found (missing ${missing.join(', ')}); ${INSTALL_HINT}`);
  const extra = ['slf4j-simple.jar', 'commons-cli.jar', 'netty.jar', 'metrics-core.jar', 'snappy-java.jar', 'commons-io.jar'].map((j) => join(dir, j)).filter(existsSync);
  return [...core, ...extra].join(':');
}

export function checkJava(): void {
  const r = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (r.error || r.status !== 0) throw new CommandError('java not found on PATH: ZooKeeper needs a Java runtime (`apt-get install -y default-jre-headless`)');
}

export async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export async function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Ask a server with the `srvr` four-letter word whether it serves clients. */
export async function serving(port: number): Promise<boolean> {
  const out = await new Promise<string>((resolve) => {
    const s = netConnect({ host: '127.0.0.1', port });
    let buf = '';
    const timer = setTimeout(() => s.destroy(), 1000);
    s.on('data', (d) => (buf += d.toString()));
    s.on('close', () => {
      clearTimeout(timer);
      resolve(buf);
    });
    s.on('error', () => undefined);
    s.on('connect', () => s.write('srvr'));
  });
  return /Mode: (leader|follower|standalone)/.test(out);
}

export interface ZooKeeperSpec {
  /** Client port of the first node; node i gets clientPort + i. */
  clientPort: number;
  nodes: number;
  dir: string;
}

export interface StartedZooKeeper {
  connect: string;
  nodes: ZkNodeState[];
}

export async function startZooKeeperProcesses(spec: ZooKeeperSpec, timeoutMs = 60_000): Promise<StartedZooKeeper> {
  checkJava();
  const cp = zookeeperClasspath();
  const clientPorts = Array.from({ length: spec.nodes }, (_, i) => spec.clientPort + i);
  for (const p of clientPorts) {
    if (!(await portFree(p))) throw new CommandError(`Port ${p} is already in use (another ZooKeeper?); choose another with --zookeeper-port`);
  }
  const quorum = spec.nodes > 1 ? await Promise.all(Array.from({ length: spec.nodes * 2 }, () => anyFreePort())) : [];
  const nodes: ZkNodeState[] = [];
  for (let i = 0; i < spec.nodes; i++) {
    const id = i + 1;
    const dir = join(spec.dir, spec.nodes > 1 ? `zookeeper-${id}` : 'zookeeper');
    mkdirSync(join(dir, 'data'), { recursive: true });
    const lines = [
      'tickTime=500',
      `dataDir=${join(dir, 'data')}`,
      `clientPort=${clientPorts[i]}`,
      'clientPortAddress=127.0.0.1',
      'admin.enableServer=false',
      'maxClientCnxns=0',
      '4lw.commands.whitelist=srvr,ruok,stat,mntr',
      'minSessionTimeout=1000',
      'maxSessionTimeout=60000',
      'jute.maxbuffer=4194304',
    ];
    if (spec.nodes > 1) {
      writeFileSync(join(dir, 'data', 'myid'), `${id}\n`);
      lines.push('initLimit=10', 'syncLimit=5');
      for (let j = 0; j < spec.nodes; j++) lines.push(`server.${j + 1}=127.0.0.1:${quorum[2 * j]}:${quorum[2 * j + 1]}`);
    }
    const cfg = join(dir, 'zoo.cfg');
    writeFileSync(cfg, lines.join('\n') + '\n');
    const log = join(dir, 'zookeeper.log');
    const fd = openSync(log, 'a');
    const mainClass = spec.nodes > 1 ? 'org.apache.zookeeper.server.quorum.QuorumPeerMain' : 'org.apache.zookeeper.server.ZooKeeperServerMain';
    const child = spawn('java', ['-Xmx256m', '-XX:+UseSerialGC', '-Dzookeeper.admin.enableServer=false', '-Dktool.cluster=zookeeper', '-cp', cp, mainClass, cfg], {
      stdio: ['ignore', fd, fd],
      detached: true,
      env: { ...process.env, ZOO_LOG_DIR: dir },
    });
    closeSync(fd);
    child.unref();
    nodes.push({ id, pid: child.pid!, clientPort: clientPorts[i]!, dir, log });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = nodes.find((n) => !isAlive(n.pid));
    if (dead) throw new CommandError(`ZooKeeper ${dead.id} exited during start-up; see ${dead.log}`);
    if ((await Promise.all(nodes.map((n) => serving(n.clientPort)))).every(Boolean)) break;
    if (Date.now() > deadline) throw new CommandError(`ZooKeeper did not start serving within ${timeoutMs} ms; see ${nodes.map((n) => n.log).join(', ')}`);
    await sleep(100);
  }
  return { connect: nodes.map((n) => `127.0.0.1:${n.clientPort}`).join(','), nodes };
}
