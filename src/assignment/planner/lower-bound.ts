// A proven lower bound on the data a balanced plan must move.
//
// Let T be the B target brokers, C_p the current replicas of partition p, r_p its wanted RF and
// R = Σ r_p. A plan picks new sets S_p ⊆ T (|S_p| = r_p); it moves Σ_p |S_p \ C_p| = R − kept,
// kept = Σ_p |S_p ∩ C_p|. Two independent caps on `kept`:
//  (A) per partition: |S_p ∩ C_p| ≤ min(r_p, |C_p ∩ T|)  ⇒  kept ≤ A = Σ_p min(r_p, |C_p ∩ T|).
//      (R − A = replicas leaving non-target brokers + replicas added by an RF increase.)
//  (K) per broker: replica balance means every target broker ends with ⌊R/B⌋ or ⌈R/B⌉ replicas;
//      since they sum to R, exactly e = R mod B brokers hold ⌈R/B⌉ = ⌊R/B⌋+1. Broker b keeps at
//      most min(n_b, final load) of the n_b partitions it holds now. Giving the e larger quotas to
//      brokers with n_b > ⌊R/B⌋ is the best case, so
//      kept ≤ K = Σ_b min(n_b, ⌊R/B⌋) + min(e, #{b : n_b > ⌊R/B⌋}).
// Hence every plan meeting replica balance moves at least R − min(A, K). Leaders and per-topic
// spread only add constraints, so the bound stays valid with them. With racks of unequal sizes the
// rack rule can force uneven counts (a lone rack must hold a replica of every partition with
// RF ≥ #racks), so there only (A) is claimed: lowerBound = R − A. Equal-sized racks admit even
// counts (every rack's share R/#racks fits its rack-rule minimum and maximum), so (K) applies.
import type { Model } from './model.js';

export interface BoundParts {
  R: number;
  A: number;
  K: number;
  lowerBound: number;
}

export function lowerBound(m: Model): BoundParts {
  const { B, P, curOff, cur, rf, R } = m;
  const n = new Int32Array(B);
  let A = 0;
  for (let p = 0; p < P; p++) {
    let onTargets = 0;
    for (let k = curOff[p]!; k < curOff[p + 1]!; k++) {
      const b = cur[k]!;
      if (b < B) {
        onTargets++;
        n[b]!++;
      }
    }
    A += Math.min(rf[p]!, onTargets);
  }
  const floor = Math.floor(R / B);
  const e = R % B;
  let K = 0;
  let above = 0;
  for (let b = 0; b < B; b++) {
    K += Math.min(n[b]!, floor);
    if (n[b]! > floor) above++;
  }
  K += Math.min(e, above);
  const balanceClaimed = !m.rackAware || equalRacks(m);
  return { R, A, K, lowerBound: R - (balanceClaimed ? Math.min(A, K) : A) };
}

/** Every rack has the same number of target brokers. */
export function equalRacks(m: Model): boolean {
  const size = new Int32Array(m.nRacks);
  for (let b = 0; b < m.B; b++) size[m.rackOf[b]!]!++;
  return size.every((n) => n === size[0]);
}
