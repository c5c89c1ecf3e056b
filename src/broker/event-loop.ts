// Event-loop delay of the daemon (perf_hooks.monitorEventLoopDelay). A loop blocked for longer than
// the ZooKeeper session timeout loses the session, so a third of it is the alarm level: a warning
// when a check window saw more, and the figures on `kill -USR2 <pid>` (benchmarks read them).
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Logger } from './logger.js';

const CHECK_INTERVAL_MS = 5000;
const ms = (ns: number): number => Math.round(ns / 1e6);

export class EventLoopWatch {
  /** Since the last probe (SIGUSR2). */
  private readonly probe: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  /** Since the last periodic check. */
  private readonly window: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private timer?: NodeJS.Timeout;
  private readonly onSignal = (): void => this.report();

  constructor(
    private readonly sessionTimeoutMs: () => number,
    private readonly log: Logger,
  ) {}

  get limitMs(): number {
    return Math.floor(this.sessionTimeoutMs() / 3);
  }

  start(): void {
    if (this.timer) return;
    this.probe.enable();
    this.window.enable();
    this.timer = setInterval(() => {
      const max = ms(this.window.max);
      if (max > this.limitMs) this.log.warn(`Event loop was blocked for up to ${max} ms in the last ${CHECK_INTERVAL_MS / 1000} s (over a third of the ZooKeeper session timeout, ${this.limitMs} ms)`);
      this.window.reset();
    }, CHECK_INTERVAL_MS);
    this.timer.unref();
    process.on('SIGUSR2', this.onSignal);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.probe.disable();
    this.window.disable();
    process.off('SIGUSR2', this.onSignal);
  }

  /** Log the delay figures since the last report and start a new window. */
  report(): void {
    const h = this.probe;
    this.log.info(
      `Event loop delay since last probe: max ${ms(h.max)} ms, p99 ${ms(h.percentile(99))} ms, mean ${ms(h.mean)} ms (limit ${this.limitMs} ms = a third of the session timeout)`,
    );
    h.reset();
  }
}
