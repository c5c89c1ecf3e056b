// Benchmark: the `minimal` reassignment planner (pure CPU, no ZooKeeper).
//   1. Time to plan 1M replicas over 100 target brokers (5 decommissioned, 5 new), next to two
//      baselines measured in the same run: merely copying the assignment, and Kafka's --generate
//      strategy (assignReplicasToBrokers per topic) on the same input. Target: ≤ 2 s.
//   2. Data moved: minimal plan vs the proven lower bound vs Kafka's strategy (random start per
//      topic, as kafka-reassign-partitions.sh --generate) for decommission, scale-out, RF change.
// Prints plain text; returns figures for run-all. Usage: node dist/bench/planner.js
import { pathToFileURL } from 'node:url';
import { assignReplicasToBrokers } from '../src/assignment/index.js';
import { planMinimal, planStats, type PlannerBroker, type TopicAssignments, type PlanResult } from '../src/assignment/planner/index.js';
import { fmtMs, median, printFigure, type Figure } from './lib/stats.js';

const topicName = (i: number): string => `bench-${String(i).padStart(4, '0')}`;

/** Kafka-style even layout (fixed start per topic so every run plans the same input). */
function kafkaLayout(topics: number, partitions: number, rf: number, brokers: PlannerBroker[]): TopicAssignments {
  const out: TopicAssignments = new Map();
  for (let t = 0; t < topics; t++) {
    out.set(topicName(t), assignReplicasToBrokers(brokers, partitions, rf, { fixedStartIndex: (t * 7) % brokers.length }));
  }
  return out;
}

/** Kafka 0.9's --generate: every topic re-assigned from scratch with a random start. */
function kafkaGenerate(current: TopicAssignments, brokers: PlannerBroker[], rf: number | undefined): TopicAssignments {
  const out: TopicAssignments = new Map();
  for (const [t, parts] of current) {
    const r = rf ?? parts.values().next().value!.length;
    out.set(t, assignReplicasToBrokers(brokers, parts.size, r));
  }
  return out;
}

function copyAssignment(a: TopicAssignments): TopicAssignments {
  const out: TopicAssignments = new Map();
  for (const [t, parts] of a) {
    const m = new Map<number, number[]>();
    for (const [p, reps] of parts) m.set(p, reps.slice());
    out.set(t, m);
  }
  return out;
}

/** Median wall time and median CPU time (user+system) of `runs` calls; CPU shows what a busy machine hides. */
function timeIt<T>(runs: number, fn: () => T): { ms: number; cpuMs: number; last: T } {
  const times: number[] = [];
  const cpu: number[] = [];
  let last!: T;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    last = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpu), last };
}

const ids = (from: number, to: number): PlannerBroker[] => Array.from({ length: to - from }, (_, i) => ({ id: from + i }));
const spreadOf = (r: PlanResult, targets: PlannerBroker[]): string => {
  const rows = r.after.filter((l) => targets.some((b) => b.id === l.broker));
  const reps = rows.map((l) => l.replicas);
  const leads = rows.map((l) => l.leaders);
  return `replicas ${Math.min(...reps)}..${Math.max(...reps)}, leaders ${Math.min(...leads)}..${Math.max(...leads)}`;
};

function speed(figures: Figure[]): void {
  process.stdout.write('== planner: 1M replicas (500 topics x 1000 partitions, RF 2) over 100 brokers\n');
  const current = kafkaLayout(500, 1000, 2, ids(0, 100));
  const targets = ids(5, 105); // brokers 0-4 decommissioned, 100-104 new
  const copy = timeIt(3, () => copyAssignment(current));
  const kafka = timeIt(3, () => kafkaGenerate(current, targets, undefined));
  const plan = timeIt(3, () => planMinimal({ current, brokers: targets }));
  const r = plan.last;
  const kafkaMoves = planStats(current, kafka.last, targets).moves;
  process.stdout.write(`  planMinimal: ${fmtMs(plan.ms)} wall, ${fmtMs(plan.cpuMs)} CPU (medians of 3); moves ${r.moves} (bound ${r.lowerBound}); ${spreadOf(r, targets)}\n`);
  process.stdout.write(`  baseline copy of the assignment: ${fmtMs(copy.ms)} (${fmtMs(copy.cpuMs)} CPU); Kafka --generate strategy: ${fmtMs(kafka.ms)} (${fmtMs(kafka.cpuMs)} CPU; moves ${kafkaMoves})\n`);
  const rf3 = kafkaLayout(334, 1000, 3, ids(0, 100)); // 1,002,000 replicas, RF 3
  const plan3 = timeIt(3, () => planMinimal({ current: rf3, brokers: targets }));
  process.stdout.write(`  RF 3 variant (334k partitions): ${fmtMs(plan3.ms)} (${fmtMs(plan3.cpuMs)} CPU); moves ${plan3.last.moves} (bound ${plan3.last.lowerBound}); ${spreadOf(plan3.last, targets)}\n`);
  const racked = targets.map((b) => ({ id: b.id, rack: `rack-${b.id % 4}` }));
  const plan4 = timeIt(3, () => planMinimal({ current, brokers: racked }));
  process.stdout.write(`  rack-aware variant (4 racks, input not rack-aware): ${fmtMs(plan4.ms)} (${fmtMs(plan4.cpuMs)} CPU); moves ${plan4.last.moves} (bound ${plan4.last.lowerBound}); ${spreadOf(plan4.last, racked)}\n`);
  const vsCopy: Figure = {
    bench: 'planner',
    label: 'plan 1M replicas / 100 brokers: minimal vs copying the assignment',
    value: fmtMs(plan.ms),
    baseline: fmtMs(copy.ms),
    ratio: `${(plan.ms / copy.ms).toFixed(1)}x copy`,
    target: '≤ 2 s',
    met: plan.ms <= 2000,
  };
  const vsKafka: Figure = {
    bench: 'planner',
    label: 'plan 1M replicas / 100 brokers: minimal vs Kafka --generate strategy',
    value: fmtMs(plan.ms),
    baseline: fmtMs(kafka.ms),
    ratio: `${(plan.ms / kafka.ms).toFixed(1)}x Kafka`,
  };
  for (const f of [vsCopy, vsKafka]) printFigure(f);
  figures.push(vsCopy, vsKafka);
}

interface Scenario {
  name: string;
  current: TopicAssignments;
  brokers: PlannerBroker[];
  rf?: number;
}

function movesTable(figures: Figure[]): void {
  const T = 100;
  const P = 100;
  const base = ids(1, 21); // 20 brokers
  const racked = base.map((b) => ({ id: b.id, rack: `r${b.id % 4}` }));
  const rf3 = kafkaLayout(T, P, 3, base);
  const rf2 = kafkaLayout(T, P, 2, base);
  const scenarios: Scenario[] = [
    { name: 'decommission 2 of 20', current: rf3, brokers: base.slice(2) },
    { name: 'scale-out 20 -> 24', current: rf3, brokers: ids(1, 25) },
    { name: 'replace 2 brokers', current: rf3, brokers: [...base.slice(2), ...ids(21, 23)] },
    { name: 'RF 2 -> 3', current: rf2, brokers: base, rf: 3 },
    { name: 'RF 3 -> 2', current: rf3, brokers: base, rf: 2 },
    { name: 'scale-out + RF 2 -> 3', current: rf2, brokers: ids(1, 25), rf: 3 },
    { name: 'no change', current: rf3, brokers: base },
    { name: 'racks: decommission 2', current: kafkaLayout(T, P, 3, racked), brokers: racked.slice(2) },
    { name: 'racks: scale-out +4', current: kafkaLayout(T, P, 3, racked), brokers: [...racked, ...ids(21, 25).map((b) => ({ id: b.id, rack: `r${b.id % 4}` }))] },
  ];
  process.stdout.write(`\n== planner: replicas moved, ${T} topics x ${P} partitions on 20 brokers (Kafka: mean of 5 random starts)\n`);
  const head = ['scenario', 'replicas', 'minimal', 'bound', 'Kafka', 'Kafka/minimal'];
  const rows: string[][] = [];
  for (const sc of scenarios) {
    const r = planMinimal({ current: sc.current, brokers: sc.brokers, replicationFactor: sc.rf });
    const kafkaRuns = Array.from({ length: 5 }, () => planStats(sc.current, kafkaGenerate(sc.current, sc.brokers, sc.rf), sc.brokers, sc.rf).moves);
    const kafka = kafkaRuns.reduce((a, b) => a + b, 0) / kafkaRuns.length;
    const replicas = r.after.reduce((n, l) => n + l.replicas, 0);
    rows.push([sc.name, String(replicas), String(r.moves), String(r.lowerBound), kafka.toFixed(0), r.moves === 0 ? '-' : `${(kafka / r.moves).toFixed(1)}x`]);
    if (sc.name === 'decommission 2 of 20') {
      figures.push({
        bench: 'planner',
        label: 'replicas moved, decommission 2 of 20 brokers: minimal vs Kafka',
        value: String(r.moves),
        baseline: kafka.toFixed(0),
        ratio: `${(kafka / Math.max(1, r.moves)).toFixed(1)}x fewer`,
      });
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]): string => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ') + '\n';
  process.stdout.write(fmt(head));
  for (const r of rows) process.stdout.write(fmt(r));
}

export async function main(): Promise<Figure[]> {
  const figures: Figure[] = [];
  speed(figures);
  movesTable(figures);
  return figures;
}

/** run-all.ts calls run(). */
export const run = main;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
