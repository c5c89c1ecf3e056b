// Terminal bar chart of per-broker replicas and leaders before and after a plan.
import type { BrokerLoad } from '../assignment/planner/index.js';

function bar(n: number, max: number, width: number): string {
  const len = max > 0 ? Math.round((n / max) * width) : 0;
  return '█'.repeat(len) + ' '.repeat(width - len);
}

function section(title: string, before: BrokerLoad[], after: BrokerLoad[], pick: (l: BrokerLoad) => number, width: number): string[] {
  const ids = [...new Set([...before, ...after].map((l) => l.broker))].sort((a, b) => a - b);
  const b = new Map(before.map((l) => [l.broker, pick(l)]));
  const a = new Map(after.map((l) => [l.broker, pick(l)]));
  const max = Math.max(1, ...b.values(), ...a.values());
  const idW = Math.max(...ids.map((i) => String(i).length));
  const numW = String(max).length;
  const lines = [`${title} per broker (before | after)`];
  for (const id of ids) {
    const x = b.get(id) ?? 0;
    const y = a.get(id) ?? 0;
    lines.push(`  broker ${String(id).padStart(idW)}  ${bar(x, max, width)} ${String(x).padStart(numW)} | ${bar(y, max, width)} ${String(y).padStart(numW)}`);
  }
  return lines;
}

export function renderLoadChart(before: BrokerLoad[], after: BrokerLoad[], width = 24): string {
  return [
    ...section('Replicas', before, after, (l) => l.replicas, width),
    ...section('Leaders', before, after, (l) => l.leaders, width),
  ].join('\n') + '\n';
}
