// Progress of a wait: a redrawn bar on a terminal, plain lines (only when the count changes) otherwise.

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** `[#####.........] 5/15 partitions  ETA 10s`; ETA from the average rate so far ('?' until known). */
export function renderBar(done: number, total: number, elapsedMs: number, width = 30): string {
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(frac * width);
  const eta = done >= total ? 'done' : done > 0 ? `ETA ${formatDuration((elapsedMs / done) * (total - done))}` : 'ETA ?';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} partitions  ${eta}`;
}

export class ProgressReporter {
  private last = -1;
  private readonly started = Date.now();
  private drawn = false;

  constructor(
    private readonly stream: { write(s: string): unknown },
    private readonly tty: boolean,
    private readonly label: string,
  ) {}

  update(done: number, total: number): void {
    if (this.tty) {
      this.stream.write(`\r${this.label} ${renderBar(done, total, Date.now() - this.started)}\x1b[K`);
      this.drawn = true;
    } else if (done !== this.last) {
      this.stream.write(`${this.label} ${done}/${total} partitions done\n`);
    }
    this.last = done;
  }

  finish(): void {
    if (this.tty && this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

export const stderrIsTty = (): boolean => Boolean(process.stderr.isTTY) || process.env.KTOOL_FORCE_TTY === '1';
