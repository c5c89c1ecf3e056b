// `ktool topics --create --from-file` with 1,000 topics (3 partitions, RF 2, 3 registered brokers)
// against a raw Node script writing the same znodes in pipelined multis. Each run gets a fresh
// chroot so every create is a real create.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerBrokers } from '../test/helpers/cluster.js';
import type { ZkClient } from '../src/zk/client.js';
import { decodeTopicAssignment } from '../src/zk/codecs/index.js';
import { topicPath } from '../src/zk/paths.js';
import { connectChroot, isMain, runs, withZooKeeper } from './lib/cluster.js';
import { ensureOk, timeKtool, timeNodeScript, type TimedRun } from './lib/proc.js';
import { fmtMs, median, printFigure, spread, type Figure, machineNote } from './lib/stats.js';

const BENCH = 'topics-create-from-file';
const TOPICS = 1000;
const BROKERS = [1, 2, 3];

function topicsFile(): string {
  const topics = Array.from({ length: TOPICS }, (_, i) => ({
    topic: `created-${String(i).padStart(5, '0')}`,
    partitions: 3,
    replication_factor: 2,
    ...(i % 10 === 0 ? { configs: { 'retention.ms': '86400000' } } : {}),
  }));
  return JSON.stringify({ version: 1, topics }, null, 1);
}

/** A chroot with Kafka's containers and 3 live broker registrations, like a running cluster. */
async function freshCluster(server: string, chroot: string): Promise<{ zk: ZkClient; connect: string }> {
  const c = await connectChroot(server, chroot);
  for (const p of ['/brokers/topics', '/config/topics', '/config/changes', '/admin/delete_topics']) await c.zk.mkdirp(p);
  await registerBrokers(c.zk, BROKERS);
  return c;
}

/** Every topic has its config znode and a 3-partition RF-2 assignment on distinct brokers. */
async function checkCreated(zk: ZkClient, which: string): Promise<void> {
  const topics = await zk.childrenOrEmpty('/brokers/topics');
  const configs = await zk.childrenOrEmpty('/config/topics');
  if (topics.length !== TOPICS || configs.length !== TOPICS) throw new Error(`${which} created ${topics.length} topics / ${configs.length} configs, expected ${TOPICS}`);
  for (const t of [topics[0]!, topics[TOPICS - 1]!]) {
    const a = decodeTopicAssignment((await zk.getData(topicPath(t))).data, topicPath(t)).partitions;
    const ok = a.size === 3 && [...a.values()].every((r) => r.length === 2 && r[0] !== r[1] && r.every((b) => BROKERS.includes(b)));
    if (!ok) throw new Error(`${which}: unexpected assignment of ${t}: ${JSON.stringify([...a])}`);
  }
}

export async function run(): Promise<Figure[]> {
  process.stdout.write(`\n== ${BENCH}: ktool topics --create --from-file (${TOPICS} topics × 3 partitions, RF 2) vs raw pipelined multis ${await machineNote()}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'ktool-bench-create-'));
  const file = join(dir, 'topics.json');
  writeFileSync(file, topicsFile());
  try {
    return await withZooKeeper(async (server) => {
      let seq = 0;
      const timed = async (which: 'ktool' | 'raw'): Promise<TimedRun> => {
        const { zk, connect } = await freshCluster(server.connect, `/create${++seq}`);
        try {
          const r =
            which === 'ktool'
              ? ensureOk('ktool topics --create --from-file', await timeKtool(['topics', '--zookeeper', connect, '--create', '--from-file', file]))
              : ensureOk('raw-create', await timeNodeScript('raw-create.js', [connect, file, BROKERS.join(',')]));
          await checkCreated(zk, which);
          return r;
        } finally {
          await zk.close();
        }
      };
      await timed('ktool');
      await timed('raw');
      const ktool: number[] = [];
      const raw: number[] = [];
      const cpu = { ktool: [] as number[], raw: [] as number[] };
      for (let i = 0; i < runs(7); i++) {
        for (const which of ['ktool', 'raw'] as const) {
          const r = await timed(which);
          (which === 'ktool' ? ktool : raw).push(r.ms);
          if (r.cpuMs !== undefined) cpu[which].push(r.cpuMs);
        }
      }
      const kt = TOPICS / (median(ktool) / 1000);
      const rt = TOPICS / (median(raw) / 1000);
      process.stdout.write(`  ktool ${fmtMs(median(ktool))} ${spread(ktool)}, raw ${fmtMs(median(raw))} ${spread(raw)} (whole process, start-up included)${cpu.ktool.length && cpu.raw.length ? `; CPU ktool ${fmtMs(median(cpu.ktool))}, raw ${fmtMs(median(cpu.raw))}` : ''}\n`);
      const f: Figure = {
        bench: BENCH,
        label: `create ${TOPICS} topics from file, ktool vs raw`,
        value: `${kt.toFixed(0)} topics/s`,
        baseline: `${rt.toFixed(0)} topics/s`,
        ratio: `${((100 * kt) / rt).toFixed(0)}% of raw`,
        target: '≥ 50%',
        met: kt / rt >= 0.5,
      };
      printFigure(f);
      return [f];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await run();
