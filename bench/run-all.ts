// `npm run bench`: every bench in sequence, then one summary of all figures. Nothing is asserted;
// targets are printed as met or missed.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printFigure, type Figure } from './lib/stats.js';

interface BenchModule {
  /** Some benches take flags (e.g. --skip-100k); run-all passes its own flags through. */
  run(argv?: string[]): Promise<unknown>;
}

// The topics benches first (seconds each), then planner, then any other bench found in dist/bench.
const FIRST = ['startup', 'topics-describe', 'topics-create-from-file', 'planner'];
const here = fileURLToPath(new URL('.', import.meta.url));
const found = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run-all.js')
  .map((f) => f.slice(0, -3));
// `node dist/bench/run-all.js [bench names...] [--flags for benches]`
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
const order = [...FIRST.filter((n) => found.includes(n)), ...found.filter((n) => !FIRST.includes(n)).sort()].filter((n) => only.length === 0 || only.includes(n));

const isFigure = (f: unknown): f is Figure => typeof f === 'object' && f !== null && 'label' in f && 'ratio' in f;
const all: Figure[] = [];
const failed: string[] = [];
const ran: string[] = [];
for (const name of order) {
  const t0 = Date.now();
  try {
    const mod = (await import(new URL(`./${name}.js`, import.meta.url).href)) as Partial<BenchModule>;
    // A bench without run() does its work on import and prints its own figures.
    const figs = typeof mod.run === 'function' ? await mod.run(flags) : undefined;
    if (Array.isArray(figs)) all.push(...figs.filter(isFigure));
    ran.push(`${name} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  } catch (err) {
    failed.push(name);
    process.stdout.write(`\n== ${name} FAILED: ${(err as Error).stack ?? String(err)}\n`);
  }
}

process.stdout.write('\n== Summary\n');
process.stdout.write(`  ran: ${ran.join(', ') || 'nothing'}\n`);
for (const f of all) printFigure(f);
if (failed.length) process.stdout.write(`  failed benches: ${failed.join(', ')}\n`);
process.stdout.write(`  ${all.length} figures; targets ${all.filter((f) => f.met).length} met, ${all.filter((f) => f.met === false).length} missed (figures that benches only print themselves are not counted)\n`);
// A crashed bench is a broken bench and shows in the exit code; a missed target never does.
// Exit explicitly so a handle some bench left open cannot keep the run hanging.
process.exit(failed.length ? 1 : 0);
