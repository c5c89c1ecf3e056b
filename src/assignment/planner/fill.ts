// Phases 3–4: shed what overloaded brokers cannot keep, and fill every hole (decommissioned, added
// by an RF increase, or shed) on brokers below their target (targets.ts).
import { SlotChains } from './chains.js';
import { canReplace, heldBefore } from './rules.js';
import { rackNeed, type PlanState } from './state.js';

/** Counts kept replicas per topic and broker (for spread tie-breaks). */
export function countSpread(s: PlanState): void {
  const { slot, slotOff, spread, spreadRow } = s;
  for (let p = 0; p < s.m.P; p++) {
    for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) if (slot[k]! >= 0) spread[spreadRow[p]! + slot[k]!]!++;
  }
}

/** Turns kept replicas above a broker's target into holes, topics it holds too much of first. */
export function shedExcess(s: PlanState): void {
  const { m, slot, load, target, spread, spreadRow, spreadCap, slotOff } = s;
  const { B, P, R } = m;
  let any = false;
  for (let b = 0; b < B; b++) if (load[b]! > target[b]!) any = true;
  if (!any) return;
  const slotsOf: number[][] = Array.from({ length: B }, () => []);
  const partOf = new Int32Array(R);
  for (let p = 0; p < P; p++) {
    for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) {
      partOf[k] = p;
      const b = slot[k]!;
      if (b >= 0 && load[b]! > target[b]!) slotsOf[b]!.push(k);
    }
  }
  // Holes go to brokers below target; a partition already on all of them is shed only as a last resort.
  const under: number[] = [];
  for (let b = 0; b < B; b++) if (load[b]! < target[b]!) under.push(b);
  const placeable = (p: number): boolean => {
    for (const v of under) {
      let member = false;
      for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) if (slot[k] === v) member = true;
      if (!member) return true;
    }
    return under.length === 0;
  };
  for (let b = 0; b < B; b++) {
    const list = slotsOf[b]!;
    // Pass 0: topics above their even share on b; 1: at it; 2: any placeable; 3: anything.
    for (let pass = 0; pass < 4 && load[b]! > target[b]!; pass++) {
      // Brokers start at different points of their lists so they rarely shed the same partition.
      const start = Math.floor((b * list.length) / B);
      for (let j = 0; j < list.length; j++) {
        const k = list[(start + j) % list.length]!;
        if (load[b]! <= target[b]!) break;
        if (slot[k] !== b) continue;
        const p = partOf[k]!;
        const c = spread[spreadRow[p]! + b]!;
        if (pass === 0 && c <= spreadCap[p]!) continue;
        if (pass === 1 && c < spreadCap[p]!) continue;
        if (pass < 3 && !placeable(p)) continue;
        slot[k] = -1;
        load[b]!--;
        spread[spreadRow[p]! + b]!--;
      }
    }
  }
}

/** Fills every hole; returns nothing, sets s.overshoot when a hole could only go above a target. */
export function fillHoles(s: PlanState): void {
  const { m, slot, slotOff, load, target, spread, spreadRow } = s;
  const { B, P, rackOf, rackAware } = m;
  const inP = new Uint8Array(B);
  const rackCnt = new Int32Array(Math.max(1, m.nRacks));
  let chains: SlotChains | null = null; // built on first need: most plans never get there
  for (let p = 0; p < P; p++) {
    const a = slotOff[p]!;
    const z = slotOff[p + 1]!;
    let holes = 0;
    for (let k = a; k < z; k++) if (slot[k]! < 0) holes++;
    if (holes === 0) continue;
    const row = spreadRow[p]!;
    const need = rackNeed(m, p);
    for (let k = a; k < z; k++) {
      if (slot[k]! >= 0) continue;
      let covered = 0;
      if (rackAware) {
        rackCnt.fill(0);
        for (let q = a; q < z; q++) if (slot[q]! >= 0 && rackCnt[rackOf[slot[q]!]!]!++ === 0) covered++;
      }
      for (let q = a; q < z; q++) if (slot[q]! >= 0) inP[slot[q]!] = 1;
      const newRackOnly = covered < need;
      let best = -1;
      for (let v = 0; v < B; v++) {
        if (load[v]! >= target[v]! || inP[v]) continue;
        if (newRackOnly && rackCnt[rackOf[v]!]! > 0) continue;
        if (best < 0) {
          best = v;
          continue;
        }
        const d = spread[row + v]! - spread[row + best]!;
        if (d < 0 || (d === 0 && load[v]! - target[v]! < load[best]! - target[best]!)) best = v;
      }
      if (best < 0) best = swapTarget(s, inP, newRackOnly ? rackCnt : null);
      if (best < 0) best = exchange(s, p, inP, newRackOnly ? rackCnt : null, chains);
      if (best < 0) {
        chains ??= new SlotChains(s);
        best = chains.fillVia(inP, newRackOnly ? rackCnt : null);
      }
      if (best < 0) {
        // No placement within targets exists: least-loaded valid broker; repairBalance evens out.
        for (let v = 0; v < B; v++) {
          if (inP[v] || (newRackOnly && rackCnt[rackOf[v]!]! > 0)) continue;
          if (best < 0 || load[v]! - target[v]! < load[best]! - target[best]!) best = v;
        }
      }
      for (let q = a; q < z; q++) if (slot[q]! >= 0) inP[slot[q]!] = 0;
      slot[k] = best;
      load[best]!++;
      spread[row + best]!++;
      chains?.placed(k, best);
      if (load[best]! > target[best]!) s.overshoot = true;
    }
  }
}

/**
 * Which brokers of a rack (or of the cluster, without racks) get the +1 targets is free among
 * equals: if p may use a full broker w while a broker v of the same class, one target above w, has
 * room even at w's target, move v's +1 to w. Returns w, or -1.
 */
function swapTarget(s: PlanState, inP: Uint8Array, rackCnt: Int32Array | null): number {
  const { m, load, target } = s;
  for (let w = 0; w < m.B; w++) {
    if (inP[w] || load[w]! !== target[w]!) continue;
    if (rackCnt !== null && rackCnt[m.rackOf[w]!]! > 0) continue;
    for (let v = 0; v < m.B; v++) {
      if (target[v] !== target[w]! + 1 || load[v]! > target[w]! || (m.rackAware && m.rackOf[v] !== m.rackOf[w])) continue;
      target[v]!--;
      target[w]!++;
      return w;
    }
  }
  return -1;
}

/**
 * Partition p's hole fits no broker below target (they all hold p already, or the rack rule
 * forbids them). Find a replica of another partition q on a broker w that p may use, such that a
 * below-target broker v may replace it in q: w goes to p, v to q. That costs one move like a plain
 * fill when q's replica on w was itself a move or w held p before (w was shed from p); other
 * exchanges would cost two and are not taken. Returns w, or -1.
 */
function exchange(s: PlanState, p: number, inP: Uint8Array, rackCnt: Int32Array | null, chains: SlotChains | null): number {
  const { m, slot, slotOff, load, target, spread, spreadRow } = s;
  const under: number[] = [];
  for (let v = 0; v < m.B; v++) if (load[v]! < target[v]!) under.push(v);
  if (under.length === 0) return -1;
  for (let q = 0; q < m.P; q++) {
    if (q === p) continue;
    for (let f = slotOff[q]!; f < slotOff[q + 1]!; f++) {
      const w = slot[f]!;
      if (w < 0 || inP[w] || (rackCnt !== null && rackCnt[m.rackOf[w]!]! > 0)) continue;
      if (heldBefore(s, q, w) && !heldBefore(s, p, w)) continue; // would cost two moves
      for (const v of under) {
        if (!canReplace(s, q, f, v)) continue;
        slot[f] = v;
        chains?.placed(f, v);
        load[v]!++;
        load[w]!--;
        spread[spreadRow[q]! + w]!--;
        spread[spreadRow[q]! + v]!++;
        return w;
      }
    }
  }
  return -1;
}

/** After an overshoot, move replicas along chains until every broker is at or below target. */
export function repairBalance(s: PlanState): void {
  if (!s.overshoot) return;
  const chains = new SlotChains(s);
  const stuck = new Uint8Array(s.m.B);
  for (;;) {
    let u = -1;
    for (let b = 0; b < s.m.B && u < 0; b++) if (!stuck[b] && s.load[b]! > s.target[b]!) u = b;
    if (u < 0) return;
    if (!chains.relieve(u, false) && !chains.relieve(u, true)) stuck[u] = 1;
  }
}
