// State-change logging: one info line per change for small batches; for big batches (10k
// partitions) one summary line at info (and the first lines at debug): formatting 10k lines
// would cost more than the state change itself.
import type { Logger } from '../broker/logger.js';

const DETAIL_LIMIT = 50;

export class ChangeLog {
  private readonly lines: string[] = [];
  private count = 0;

  constructor(
    private readonly log: Logger,
    private readonly what: string,
  ) {}

  /** `line` is only called for the first lines. */
  add(line: () => string): void {
    if (this.count++ < DETAIL_LIMIT) this.lines.push(line());
  }

  flush(): void {
    if (!this.count) return;
    if (this.count <= DETAIL_LIMIT) for (const l of this.lines) this.log.info(l);
    else {
      this.log.info(`${this.what}: ${this.count} partitions changed (full list at debug), e.g. ${this.lines.slice(0, 3).join('; ')}`);
      for (const l of this.lines) this.log.debug(l);
    }
    this.lines.length = 0;
    this.count = 0;
  }
}

/** A list for an info line: all of it when short, else the first few and the count. */
export function listSummary(items: readonly string[], max = 10): string {
  return items.length <= max ? `[${items.join(',')}]` : `[${items.slice(0, max).join(',')},...] (${items.length} in all)`;
}
