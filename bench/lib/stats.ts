// Medians and the one-line figures every bench prints (figure, baseline, ratio, target).

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Run `fn` n times in sequence and return every measured duration (ms). */
export async function sample(n: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

export interface Figure {
  bench: string;
  /** What was measured, e.g. "describe 100 partitions: ktool vs raw node". */
  label: string;
  value: string;
  baseline: string;
  /** Human-readable ratio, e.g. "1.21x raw" or "12.3x faster". */
  ratio: string;
  target?: string;
  /** Whether the target was met; undefined when there is no target. Printed, never asserted. */
  met?: boolean;
}

export const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

export function printFigure(f: Figure): void {
  const tgt = f.target ? `  target ${f.target} ${f.met === undefined ? '' : f.met ? '[met]' : '[MISSED]'}` : '';
  process.stdout.write(`  ${f.label}: ${f.value} vs ${f.baseline} → ${f.ratio}${tgt}\n`);
}

export const spread = (xs: readonly number[]): string => `[${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))}] (${xs.length})`;

/** Printed with every bench: figures from an overloaded machine should be read as such. */
export async function machineNote(): Promise<string> {
  const os = await import('node:os');
  return `(load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`;
}
