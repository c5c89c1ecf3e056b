// Benchmark: a 1,000-partition reassignment end to end on 3 daemons: `ktool reassign --execute`
// until the controller removes /admin/reassign_partitions, then `ktool reassign --verify`.
// With --kafka, the same reassignment also runs on 3 real Kafka 0.9.0.1 brokers driven by
// kafka-reassign-partitions.sh, in the same run. Times are printed, never asserted.
// Usage: node dist/bench/reassign-e2e.js [--kafka]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startZooKeeper, waitFor } from '../test/helpers/zookeeper.js';
import { startDaemons } from '../test/helpers/daemons.js';
import { startKafkaBroker, runKafkaTool } from '../test/helpers/kafka.js';
import { runKtool } from '../test/helpers/ktool.js';
import { ZkClient } from '../src/zk/client.js';
import * as P from '../src/zk/paths.js';
import { readAssignments } from '../src/zk/readers.js';
import { PartitionWatcher } from './lib/daemon-partition-watch.js';
import { planTopics, partitionRefs, writeTopics } from './lib/daemon-topics.js';
import { BENCH_DAEMON_CONFIG, BENCH_LOG_LEVEL, currentController, waitFullIsr } from './lib/daemon-cluster.js';
import { sec, line, heading, ratio } from './lib/daemon-report.js';
import { machineNote, fmtMs, type Figure } from './lib/stats.js';

const BROKERS = [1, 2, 3];

interface Target {
  name: string;
  /** Start 3 brokers on this ZooKeeper; returns how to kill them. */
  start(zkConnect: string): Promise<() => Promise<void>>;
  execute(zkConnect: string, file: string): Promise<{ code: number; stdout: string; stderr: string }>;
  verify?(zkConnect: string, file: string): Promise<{ code: number; stdout: string; stderr: string }>;
}

const ktoolTarget: Target = {
  name: 'ktool daemons + ktool reassign',
  async start(zkConnect) {
    const daemons = await startDaemons(zkConnect, BROKERS, { config: BENCH_DAEMON_CONFIG, logLevel: BENCH_LOG_LEVEL });
    return async () => {
      await Promise.all(daemons.map((d) => d.kill('SIGKILL')));
      for (const d of daemons) {
        const work = dirname(d.dataDir);
        rmSync(basename(work).startsWith('ktool-daemon-') ? work : d.dataDir, { recursive: true, force: true });
      }
    };
  },
  execute: (zk, file) => runKtool(['reassign', '--zookeeper', zk, '--execute', '--reassignment-json-file', file, '--rollback-file', file + '.rollback.json'], { timeoutMs: 120_000 }),
  verify: (zk, file) => runKtool(['reassign', '--zookeeper', zk, '--verify', '--reassignment-json-file', file], { timeoutMs: 120_000 }),
};

const kafkaTarget: Target = {
  name: 'Kafka 0.9.0.1 brokers + kafka-reassign-partitions.sh',
  async start(zkConnect) {
    const brokers = await Promise.all(BROKERS.map((brokerId) => startKafkaBroker({ zkConnect, brokerId, extraProps: { 'zookeeper.session.timeout.ms': 6000 } })));
    return async () => {
      await Promise.all(brokers.map((b) => b.kill()));
    };
  },
  execute: (zk, file) => runKafkaTool('kafka-reassign-partitions.sh', ['--zookeeper', zk, '--execute', '--reassignment-json-file', file]),
};

/** Returns ms from the start of --execute until the controller removed /admin/reassign_partitions. */
async function measure(target: Target): Promise<number | undefined> {
  console.log(`  -- ${target.name}`);
  const server = await startZooKeeper();
  const work = mkdtempSync(join(tmpdir(), 'ktool-bench-reassign-'));
  let stop: (() => Promise<void>) | undefined;
  let zk: ZkClient | undefined;
  // The ZooKeeper helper awaits the exit of an unref'd JVM on stop: keep the event loop open.
  const hold = setInterval(() => undefined, 1000);
  try {
    stop = await target.start(server.connect);
    zk = await ZkClient.connect(server.connect, { sessionTimeoutMs: 60_000 });
    await waitFor('a controller', () => currentController(zk!), 30_000);
    const specs = planTopics('r', 10, 100, 2, BROKERS);
    const leaders = new PartitionWatcher(zk, partitionRefs(specs), (s) => s.leader >= 0);
    await leaders.arm();
    await writeTopics(zk, specs);
    if (!(await leaders.wait(300_000))) throw new Error('partitions did not all get leaders within 300 s');
    if (!(await waitFullIsr(zk, 300_000))) throw new Error('ISRs did not fill within 300 s');

    // [a,b] -> [b,c]: b stays (becomes preferred), a leaves, the third broker c joins.
    const moves = specs.flatMap((s) =>
      [...s.assignment].map(([partition, [a, b]]) => ({ topic: s.topic, partition, replicas: [b!, BROKERS.find((x) => x !== a && x !== b)!] })),
    );
    const file = join(work, 'reassign.json');
    writeFileSync(file, JSON.stringify({ version: 1, partitions: moves }));

    const t0 = Date.now();
    const exec = await target.execute(server.connect, file);
    const executed = Date.now();
    if (exec.code !== 0 || !/Successfully started reassignment/.test(exec.stdout)) throw new Error(`--execute failed (${exec.code}): ${exec.stdout}${exec.stderr}`);
    const finished = await waitFor('/admin/reassign_partitions removed', async () => (await zk!.exists(P.REASSIGN_PARTITIONS)) === null, 900_000, 25)
      .then(() => Date.now())
      .catch(() => undefined);
    line('--execute (process start to exit)', sec(executed - t0));
    line('--execute start -> /admin/reassign_partitions removed', finished ? sec(finished - t0) : 'TIMEOUT (900 s)', 'end to end');
    if (target.verify) {
      const v = await target.verify(server.connect, file);
      line('--verify', sec(Date.now() - (finished ?? Date.now())), `${v.stdout.split('\n').filter((l) => / completed successfully$/.test(l)).length}/${moves.length} "completed successfully"`);
    }
    const assigned = await readAssignments(zk, specs.map((s) => s.topic));
    const matching = moves.filter((m) => assigned.get(m.topic)?.partitions.get(m.partition)?.join() === m.replicas.join()).length;
    line('partitions whose assignment now matches the request', `${matching}/${moves.length}`);
    return finished ? finished - t0 : undefined;
  } finally {
    await zk?.close().catch(() => undefined);
    await stop?.().catch(() => undefined);
    await server.stop();
    clearInterval(hold);
    rmSync(work, { recursive: true, force: true });
  }
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<Figure[]> {
  heading(`reassign-e2e: 1,000 partitions (10 topics x 100), RF 2, 3 brokers; every partition moves one replica ${await machineNote()}`);
  const ours = await measure(ktoolTarget);
  let theirs: number | undefined;
  if (argv.includes('--kafka')) {
    theirs = await measure(kafkaTarget);
    line('ktool / Kafka 0.9, end to end', ratio(ours, theirs));
  }
  return [
    {
      bench: 'reassign-e2e',
      label: '1,000-partition reassignment, --execute -> znode removed',
      value: ours === undefined ? 'n/a' : fmtMs(ours),
      baseline: theirs === undefined ? 'Kafka 0.9 not run (pass --kafka)' : `Kafka 0.9 ${fmtMs(theirs)}`,
      ratio: ours !== undefined && theirs !== undefined ? `${(ours / theirs).toFixed(2)}x Kafka` : 'n/a',
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
