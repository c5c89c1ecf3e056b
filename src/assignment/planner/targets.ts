// Phase 2: the load every target broker should end with.
import { rackNeed, type PlanState } from './state.js';

/**
 * Without racks: ⌊R/B⌋ everywhere plus one for the R mod B brokers that keep the most (ties: lower
 * id), the choice that keeps the most data (lower-bound.ts, cap K).
 * With racks the rule pins how much each rack can hold: rack g must hold at least one replica of
 * every partition spanning all racks (L_g) and at most min(|g|, RF − need + 1) of each partition
 * (U_g). Rack totals are water-filled — X_g = clamp(λ·|g|, L_g, U_g) with Σ X_g = R, rounded by
 * largest remainder — then spread inside each rack as above. With equal-sized racks this gives
 * every broker ⌊R/B⌋ or ⌈R/B⌉ again; with a lone small rack its brokers take what the rule forces
 * and the rest is even over the others.
 */
export function setTargets(s: PlanState): void {
  const { B, R, rackAware, nRacks, rackOf } = s.m;
  const byLoad = (a: number, b: number): number => s.load[b]! - s.load[a]! || a - b;
  if (!rackAware) {
    spreadTotal(s, Array.from({ length: B }, (_, b) => b).sort(byLoad), R);
    return;
  }
  const members: number[][] = Array.from({ length: nRacks }, () => []);
  for (let b = 0; b < B; b++) members[rackOf[b]!]!.push(b);
  const size = members.map((l) => l.length);
  const lo = new Float64Array(nRacks);
  const hi = new Float64Array(nRacks);
  for (let p = 0; p < s.m.P; p++) {
    const rf = s.m.rf[p]!;
    const need = rackNeed(s.m, p);
    for (let g = 0; g < nRacks; g++) {
      if (need === nRacks) lo[g]!++;
      hi[g]! += Math.min(size[g]!, rf - need + 1);
    }
  }
  const at = (lambda: number, g: number): number => Math.min(hi[g]!, Math.max(lo[g]!, lambda * size[g]!));
  const total = (lambda: number): number => members.reduce((n, _, g) => n + at(lambda, g), 0);
  let a = 0;
  let z = R + 1;
  for (let i = 0; i < 100; i++) {
    const mid = (a + z) / 2;
    if (total(mid) < R) a = mid;
    else z = mid;
  }
  const share = members.map((_, g) => at(z, g));
  const whole = share.map((x) => Math.floor(x + 1e-9));
  let left = R - whole.reduce((n, x) => n + x, 0);
  const rackLoad = members.map((l) => l.reduce((n, b) => n + s.load[b]!, 0));
  const order = members
    .map((_, g) => g)
    .sort((g, h) => share[h]! - whole[h]! - (share[g]! - whole[g]!) || rackLoad[h]! - rackLoad[g]! || g - h);
  for (let i = 0; left > 0; i = (i + 1) % nRacks) {
    whole[order[i]!]!++;
    left--;
  }
  members.forEach((list, g) => spreadTotal(s, list.sort(byLoad), whole[g]!));
}

/** Gives the brokers in `order` (most-loaded first) `total` replicas as evenly as possible. */
function spreadTotal(s: PlanState, order: number[], total: number): void {
  const floor = Math.floor(total / order.length);
  order.forEach((b, i) => (s.target[b] = floor + (i < total % order.length ? 1 : 0)));
}
