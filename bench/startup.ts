// Start-up cost: `ktool --version` and `ktool topics --list` on an empty cluster, against the
// floor of any Node CLI (`node -e 0`).
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
    const listArgs = ['topics', '--zookeeper', connect, '--list'];
    // Warm-up: page cache and oclif's manifest-less command discovery.
    ensureOk('ktool --version', await timeKtool(['--version']));
    ensureOk('ktool topics --list', await timeKtool(listArgs));
    for (let i = 0; i < runs(11); i++) {
      node.push(ensureOk('node -e 0', await timeProcess(process.execPath, ['-e', '0'])).ms);
      version.push(ensureOk('ktool --version', await timeKtool(['--version'])).ms);
      list.push(ensureOk('ktool topics --list', await timeKtool(listArgs)).ms);
    }
    const nm = median(node);
    process.stdout.write(`  (wall) node -e 0 ${fmtMs(nm)} ${spread(node)}, ktool --version ${fmtMs(median(version))} ${spread(version)}, ktool topics --list ${fmtMs(median(list))} ${spread(list)}\n`);
    const figures: Figure[] = [
      { bench: BENCH, label: 'ktool --version vs node -e 0', value: fmtMs(median(version)), baseline: fmtMs(nm), ratio: `${(median(version) / nm).toFixed(1)}x node` },
      { bench: BENCH, label: 'ktool topics --list (empty cluster) vs node -e 0', value: fmtMs(median(list)), baseline: fmtMs(nm), ratio: `${(median(list) / nm).toFixed(1)}x node` },
    ];
    for (const f of figures) printFigure(f);
    return figures;
  });
}

if (isMain(import.meta.url)) await run();
