// Phase 1: decide which current replicas each partition keeps before any balancing by moves.
// A partition keeps all its replicas on target brokers unless it has more than its new RF (RF
// decrease) or keeping them would make the rack rule unreachable; drops never count as moves.
import { balanceChoices } from './balancer.js';
import { rackNeed, type PlanState } from './state.js';

export function keepReplicas(s: PlanState): void {
  const { m, slotOff, slot, load } = s;
  const { B, P, curOff, cur, rf, rackOf, rackAware } = m;
  // Drop decisions look at every replica a broker holds now, so drops hit the most-loaded first.
  for (let k = 0; k < cur.length; k++) if (cur[k]! < B) load[cur[k]!]!++;

  const cand = new Int32Array(B);
  const on = new Uint8Array(B);
  const rackCount = new Int32Array(Math.max(1, m.nRacks));
  const partial: number[] = []; // partitions with a target replica not kept: the balancer may swap them
  for (let p = 0; p < P; p++) {
    let n = 0;
    for (let k = curOff[p]!; k < curOff[p + 1]!; k++) if (cur[k]! < B) cand[n++] = cur[k]!;
    let keptN = n;
    for (let i = 0; i < n; i++) on[i] = 1;
    // RF decrease: drop from the most-loaded brokers, first where the rack has a second replica.
    while (keptN > rf[p]!) {
      dropOne(n, false);
      keptN--;
    }
    if (rackAware) {
      // Holes may each add a rack; if even that cannot reach the rack rule, free duplicate racks.
      rackCount.fill(0);
      let covered = 0;
      for (let i = 0; i < n; i++) if (on[i] && rackCount[rackOf[cand[i]!]!]!++ === 0) covered++;
      while (covered + (rf[p]! - keptN) < rackNeed(m, p)) {
        dropOne(n, true);
        keptN--;
      }
    }
    let k = slotOff[p]!;
    for (let i = 0; i < n; i++) {
      if (!on[i]) continue;
      slot[k++] = cand[i]!;
    }
    if (keptN < n) partial.push(p);
  }
  rebalanceKept(s, partial);

  function dropOne(n: number, dupRackOnly: boolean): void {
    let victim = -1;
    let victimDup = false;
    for (let i = n - 1; i >= 0; i--) {
      if (!on[i]) continue;
      const b = cand[i]!;
      let dup = false;
      if (rackAware) for (let j = 0; j < n; j++) if (j !== i && on[j] && rackOf[cand[j]!] === rackOf[b]) dup = true;
      if (dupRackOnly && !dup) continue;
      // Prefer a duplicate rack, then the higher load; ties keep the earlier replica (the leader).
      if (victim < 0 || (dup && !victimDup) || (dup === victimDup && load[b]! > load[cand[victim]!]!)) {
        victim = i;
        victimDup = dup;
      }
    }
    on[victim] = 0;
    load[cand[victim]!]!--;
  }
}

/**
 * Which replicas a partition with a choice keeps only matters through the loads it leaves: run the
 * balancer so no broker keeps more than it can hold while another that could take the partition
 * keeps fewer (swaps stay within a rack, so rack coverage never shrinks).
 */
function rebalanceKept(s: PlanState, partial: number[]): void {
  if (partial.length === 0) return;
  const { m, slotOff, slot, load } = s;
  const { B, curOff, cur, R } = m;
  const off = new Int32Array(partial.length + 1);
  let total = 0;
  for (let i = 0; i < partial.length; i++) {
    const p = partial[i]!;
    for (let k = curOff[p]!; k < curOff[p + 1]!; k++) if (cur[k]! < B) total++;
    off[i + 1] = total;
  }
  const member = new Int32Array(total);
  const chosen = new Uint8Array(total);
  for (let i = 0; i < partial.length; i++) {
    const p = partial[i]!;
    let j = off[i]!;
    for (let k = curOff[p]!; k < curOff[p + 1]!; k++) {
      const b = cur[k]!;
      if (b >= B) continue;
      member[j] = b;
      for (let q = slotOff[p]!; q < slotOff[p + 1]!; q++) if (slot[q] === b) chosen[j] = 1;
      j++;
    }
  }
  balanceChoices(B, load, { off, member, chosen }, Math.floor(R / B) + 1, m.rackAware ? m.rackOf : null);
  for (let i = 0; i < partial.length; i++) {
    const p = partial[i]!;
    let q = slotOff[p]!;
    for (let j = off[i]!; j < off[i + 1]!; j++) {
      if (!chosen[j]) continue;
      slot[q++] = member[j]!;
    }
    for (; q < slotOff[p + 1]!; q++) slot[q] = -1;
  }
}
