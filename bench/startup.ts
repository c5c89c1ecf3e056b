// Start-up cost: `ktool --version` and `ktool topics --list` on an empty cluster, against the
// floor of any Node CLI (`node -e 0`), interleaved in one run so machine load hits all alike.
// Targets (issue 11): --version ≤ 1.5×, topics --list ≤ 1.8× node -e 0. The V8 code cache
// (bin/ktool.js) is warm after the warm-up runs; one cold run (empty cache dir) is shown apart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectChroot, isMain, runs, withZooKeeper } from './lib/cluster.js';
import { ensureOk, timeKtool, timeProcess } from './lib/proc.js';
import { fmtMs, median, printFigure, spread, type Figure, machineNote } from './lib/stats.js';

const BENCH = 'startup';

export async function run(): Promise<Figure[]> {
  process.stdout.write(`\n== ${BENCH}: ktool start-up vs node -e 0 ${await machineNote()}\n`);
  return withZooKeeper(async (server) => {
    const { zk, connect } = await connectChroot(server.connect, '/startup');
    await zk.mkdirp('/brokers/topics');
    await zk.close();
    const node: number[] = [];
    const version: number[] = [];
    const list: number[] = [];
    const cpu = { node: [] as number[], version: [] as number[], list: [] as number[] };
    const keep = (into: number[], cpuInto: number[], r: { ms: number; cpuMs?: number }): number => {
      if (r.cpuMs !== undefined) cpuInto.push(r.cpuMs);
      into.push(r.ms);
      return r.ms;
    };
    const listArgs = ['topics', '--zookeeper', connect, '--list'];
    // Cold: a fresh per-user cache directory, so this run compiles the bundle and writes the cache.
    const cacheHome = mkdtempSync(join(tmpdir(), 'ktool-bench-cache-'));
    let cold: number;
    try {
      cold = ensureOk('ktool --version (cold cache)', await timeKtool(['--version'], { env: { XDG_CACHE_HOME: cacheHome } })).ms;
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
    // Warm-up: page cache and the code cache in the user's own cache directory.
    ensureOk('ktool --version', await timeKtool(['--version']));
    ensureOk('ktool topics --list', await timeKtool(listArgs));
    for (let i = 0; i < runs(11); i++) {
      keep(node, cpu.node, ensureOk('node -e 0', await timeProcess(process.execPath, ['-e', '0'])));
      keep(version, cpu.version, ensureOk('ktool --version', await timeKtool(['--version'])));
      keep(list, cpu.list, ensureOk('ktool topics --list', await timeKtool(listArgs)));
    }
    const nm = median(node);
    process.stdout.write(`  (wall) node -e 0 ${fmtMs(nm)} ${spread(node)}, ktool --version ${fmtMs(median(version))} ${spread(version)}, ktool topics --list ${fmtMs(median(list))} ${spread(list)}; --version with a cold code cache ${fmtMs(cold)}\n`);
    if (cpu.node.length && cpu.version.length && cpu.list.length) {
      // CPU time (user+sys) is what a loaded machine distorts least.
      const cn = median(cpu.node);
      process.stdout.write(`  CPU time (medians): node -e 0 ${fmtMs(cn)}, ktool --version ${fmtMs(median(cpu.version))} (${(median(cpu.version) / cn).toFixed(2)}x), ktool topics --list ${fmtMs(median(cpu.list))} (${(median(cpu.list) / cn).toFixed(2)}x)\n`);
    }
    const vr = median(version) / nm;
    const lr = median(list) / nm;
    const figures: Figure[] = [
      { bench: BENCH, label: 'ktool --version vs node -e 0', value: fmtMs(median(version)), baseline: fmtMs(nm), ratio: `${vr.toFixed(2)}x node`, target: '≤ 1.5x', met: vr <= 1.5 },
      { bench: BENCH, label: 'ktool topics --list (empty cluster) vs node -e 0', value: fmtMs(median(list)), baseline: fmtMs(nm), ratio: `${lr.toFixed(2)}x node`, target: '≤ 1.8x', met: lr <= 1.8 },
    ];
    for (const f of figures) printFigure(f);
    return figures;
  });
}

if (isMain(import.meta.url)) await run();
