// Plain-text result lines for the daemon benchmarks, and their figures for bench/run-all.ts.
import { fmtMs, type Figure } from './stats.js';
export const sec = (ms: number | undefined): string => (ms === undefined || !Number.isFinite(ms) ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
export const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0 ? 'n/a' : `${(a / b).toFixed(2)}x`;
export const mb = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v.toFixed(0)} MB`);

export function line(label: string, value: string, note = ''): void {
  console.log(`  ${label.padEnd(58)} ${value.padStart(10)}${note ? `   ${note}` : ''}`);
}

export function heading(text: string): void {
  console.log(`\n== ${text}`);
}

/** A time against a baseline, with an optional ratio target (printed as met/missed, never asserted). */
export function ratioFigure(bench: string, label: string, value: number | undefined, baseline: number | undefined, baselineLabel: string, target?: number): Figure {
  const r = value !== undefined && baseline !== undefined && baseline > 0 ? value / baseline : undefined;
  return {
    bench,
    label,
    value: value === undefined ? 'n/a' : fmtMs(value),
    baseline: baseline === undefined ? baselineLabel : `${baselineLabel} ${fmtMs(baseline)}`,
    ratio: r === undefined ? 'n/a' : `${r.toFixed(2)}x`,
    target: target === undefined ? undefined : `<= ${target}x`,
    met: target === undefined || r === undefined ? undefined : r <= target,
  };
}
