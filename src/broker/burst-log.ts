// Per-partition events that come in bursts (a leader shrinking 30k ISRs after a broker died): up to
// DETAIL_LIMIT lines per burst are logged at info as they are; beyond that one info summary per kind
// (count and a few examples) and the full list at debug. A burst ends when nothing new came for
// BURST_QUIET_MS.
import type { Logger } from './logger.js';

const DETAIL_LIMIT = 20;
const EXAMPLES = 3;
const BURST_QUIET_MS = 200;

export class BurstLog {
  private readonly pending = new Map<string, string[]>();
  private count = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly log: Logger) {}

  /** `kind` groups lines in the summary, e.g. "Shrinking ISR". */
  add(kind: string, line: string): void {
    let l = this.pending.get(kind);
    if (!l) this.pending.set(kind, (l = []));
    l.push(line);
    this.count++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), BURST_QUIET_MS);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.count) return;
    if (this.count <= DETAIL_LIMIT) {
      for (const lines of this.pending.values()) for (const l of lines) this.log.info(l);
    } else {
      for (const [kind, lines] of this.pending) {
        this.log.info(`${kind}: ${lines.length} partitions (full list at debug), e.g. ${lines.slice(0, EXAMPLES).join('; ')}`);
        for (const l of lines) this.log.debug(l);
      }
    }
    this.pending.clear();
    this.count = 0;
  }
}
