// Event-loop delay of running daemons: each answers SIGUSR2 with one "Event loop delay since last
// probe" log line (src/broker/event-loop.ts) and starts a new window, so probing at the start and
// at the end of a phase gives the phase's own figures.
import type { Daemon } from '../../test/helpers/daemons.js';
import { waitFor } from '../../test/helpers/zookeeper.js';

export interface LoopDelay {
  id: number;
  maxMs: number;
  p99Ms: number;
  /** The daemon's memory line logged on the same signal (start.ts), if any. */
  memory?: string;
}

const LINE = /Event loop delay since last probe: max (\d+) ms, p99 (\d+) ms/g;

/** Probe every daemon (a blocked loop answers late: that is part of the figure). */
export async function probeLoopDelay(daemons: Iterable<Daemon>): Promise<LoopDelay[]> {
  return Promise.all(
    [...daemons].map(async (d) => {
      const seen = [...d.output().matchAll(LINE)].length;
      await d.kill('SIGUSR2');
      const m = await waitFor(`broker ${d.id} to report its event-loop delay`, () => {
        const all = [...d.output().matchAll(LINE)];
        return all.length > seen ? all[all.length - 1] : undefined;
      }, 60_000, 50);
      const mem = [...d.output().matchAll(/Memory: (rss [^\n]*)/g)].pop()?.[1];
      return { id: d.id, maxMs: Number(m[1]), p99Ms: Number(m[2]), memory: mem };
    }),
  );
}
