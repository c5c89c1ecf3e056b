// `ktool topics --describe` (piped) on 100 and 10,000 partitions, against the raw Node floor
// (bench/lib/raw-describe.ts) and Kafka 0.9.0.1's kafka-topics.sh, all reading the same znodes.
import { join } from 'node:path';
import { registerBrokers } from '../test/helpers/cluster.js';
import { kafkaEnv, kafkaHome } from '../test/helpers/kafka.js';
import { connectChroot, isMain, runs, withZooKeeper } from './lib/cluster.js';
import { firstDifference } from './lib/compare.js';
import { ensureOk, timeKtool, timeNodeScript, timeProcess, type TimedRun } from './lib/proc.js';
import { seedTopics } from './lib/seed.js';
import { fmtMs, median, printFigure, spread, type Figure, machineNote } from './lib/stats.js';

const BENCH = 'topics-describe';

interface Size {
  topics: number;
  partitionsPerTopic: number;
  rawTarget: number;
  kafkaTarget: number;
  kafkaRuns: number;
}

const SIZES: Size[] = [
  { topics: 20, partitionsPerTopic: 5, rawTarget: 1.3, kafkaTarget: 8, kafkaRuns: 5 },
  { topics: 100, partitionsPerTopic: 100, rawTarget: 1.2, kafkaTarget: 15, kafkaRuns: 3 },
];

export async function run(): Promise<Figure[]> {
  process.stdout.write(`\n== ${BENCH}: ktool topics --describe (piped) vs raw node-zookeeper-client vs kafka-topics.sh 0.9.0.1 ${await machineNote()}\n`);
  kafkaHome();
  const figures: Figure[] = [];
  await withZooKeeper(async (server) => {
    for (const size of SIZES) {
      const total = size.topics * size.partitionsPerTopic;
      const { zk, connect } = await connectChroot(server.connect, `/describe${total}`);
      try {
        await registerBrokers(zk, [1, 2, 3]);
        await seedTopics(zk, {
          topics: size.topics,
          partitionsPerTopic: size.partitionsPerTopic,
          replicationFactor: 2,
          brokerIds: [1, 2, 3],
          // A few single-key overrides so the Configs column is exercised.
          config: (i) => (i % 7 === 0 ? new Map([['retention.ms', String(3_600_000 * (i + 1))]]) : undefined),
        });
        const ktoolArgs = ['topics', '--zookeeper', connect, '--describe'];
        // Warm-up (disk cache, ZooKeeper JIT), not measured.
        const k0 = ensureOk('ktool topics --describe', await timeKtool(ktoolArgs));
        const r0 = ensureOk('raw-describe', await timeNodeScript('raw-describe.js', [connect]));
        const diff = firstDifference(k0.stdout, r0.stdout, 'ktool', 'raw');
        const ktool: number[] = [];
        const raw: number[] = [];
        const kafka: number[] = [];
        const cpu = { ktool: [] as number[], raw: [] as number[], kafka: [] as number[] };
        const keep = (into: number[], cpuInto: number[], r: TimedRun): TimedRun => {
          into.push(r.ms);
          if (r.cpuMs !== undefined) cpuInto.push(r.cpuMs);
          return r;
        };
        let kafkaDiff: string | undefined;
        const script = join(kafkaHome(), 'bin', 'kafka-topics.sh');
        const n = runs(total > 1000 ? 7 : 9);
        const kafkaRuns = runs(size.kafkaRuns, 1);
        // Interleaved (the JVM runs spread over the first rounds) so machine noise hits all three alike.
        for (let i = 0; i < n; i++) {
          keep(ktool, cpu.ktool, ensureOk('ktool', await timeKtool(ktoolArgs)));
          keep(raw, cpu.raw, ensureOk('raw', await timeNodeScript('raw-describe.js', [connect])));
          if (i < kafkaRuns) {
            const r = ensureOk('kafka-topics.sh --describe', await timeProcess(script, ['--zookeeper', connect, '--describe'], { env: kafkaEnv() }));
            keep(kafka, cpu.kafka, r);
            if (i === 0) kafkaDiff = firstDifference(r.stdout, r0.stdout, 'kafka-topics.sh', 'raw');
          }
        }
        const km = median(ktool);
        const rm = median(raw);
        const jm = median(kafka);
        const label = `${total} partitions (${size.topics}×${size.partitionsPerTopic})`;
        process.stdout.write(
          `  ${label}: ktool ${fmtMs(km)} ${spread(ktool)}, raw ${fmtMs(rm)} ${spread(raw)}, kafka-topics.sh ${fmtMs(jm)} ${spread(kafka)}; output ${r0.stdout.length} bytes\n`,
        );
        if (cpu.ktool.length && cpu.raw.length && cpu.kafka.length) {
          process.stdout.write(`  CPU time (user+sys, medians): ktool ${fmtMs(median(cpu.ktool))}, raw ${fmtMs(median(cpu.raw))}, kafka-topics.sh ${fmtMs(median(cpu.kafka))}\n`);
        }
        process.stdout.write(`  output check: ktool vs raw ${diff ? `MISMATCH ${diff}` : 'identical'}; kafka-topics.sh vs raw ${kafkaDiff ? `MISMATCH ${kafkaDiff}` : 'identical'}\n`);
        const fRaw: Figure = {
          bench: BENCH,
          label: `describe ${total} partitions, ktool vs raw`,
          value: fmtMs(km),
          baseline: fmtMs(rm),
          ratio: `${(km / rm).toFixed(2)}x raw`,
          target: `≤ ${size.rawTarget}x`,
          met: km / rm <= size.rawTarget,
        };
        const fKafka: Figure = {
          bench: BENCH,
          label: `describe ${total} partitions, ktool vs kafka-topics.sh`,
          value: fmtMs(km),
          baseline: fmtMs(jm),
          ratio: `${(jm / km).toFixed(1)}x faster`,
          target: `≥ ${size.kafkaTarget}x faster`,
          met: jm / km >= size.kafkaTarget,
        };
        if (diff) fRaw.ratio += ' (OUTPUT MISMATCH)';
        const shown = [fRaw, fKafka];
        if (cpu.ktool.length && cpu.raw.length) {
          shown.push({
            bench: BENCH,
            label: `describe ${total} partitions, CPU time ktool vs raw`,
            value: fmtMs(median(cpu.ktool)),
            baseline: fmtMs(median(cpu.raw)),
            ratio: `${(median(cpu.ktool) / median(cpu.raw)).toFixed(2)}x raw`,
          });
        }
        for (const f of shown) {
          printFigure(f);
          figures.push(f);
        }
      } finally {
        await zk.close();
      }
    }
  });
  return figures;
}

if (isMain(import.meta.url)) await run();
