// Phase 6: make the number of moves exactly minimal, racks included.
//
// The plan is a flow: partition p sends rf[p] replicas to brokers, a broker's load must stay in
// its range [lo, hi] and every replica placed on a broker that did not hold p costs one move.
// A flow is minimum-cost iff its residual graph has no negative cycle. Collapsed onto brokers,
// a residual cycle is a ring of single replica moves u→v (partition p's replica on u goes to v)
// — each changes the cost by Δ = c(p,v) − c(p,u) ∈ {−1, 0, +1}, c = 0 where p was before — plus,
// per balance group, a node Z that lets a broker at hi hand one unit of load to a broker at lo.
// So: keep, for every broker pair, the cheapest single move that keeps the partition's rack rule,
// look for a negative cycle (Bellman-Ford over B + groups nodes), apply it, repeat. Every round
// saves at least one move, and the phases before leave only a few to save, so this is cheap even
// at 1M replicas (only moved replicas can give Δ = −1; Δ = 0 and +1 edges are found after a few
// replicas per broker). A cycle whose moves stop being valid together (two moves of the same
// partition) is undone and its first failing pair is skipped for that round.
//
// Balance groups: one group of all target brokers (⌊R/B⌋..⌈R/B⌉) without racks or with
// equal-sized racks. With uneven racks the rack rule can pin rack totals (targets.ts): each rack's
// target total gives its brokers a range, and racks with the same range form one group.
import { canReplace, heldBefore } from './rules.js';
import type { PlanState } from './state.js';

const MAX_ROUNDS = 100_000;

/** `bound`: the proven lower bound (lower-bound.ts); a plan already at it is left as it is. */
export function exactMoves(s: PlanState, bound: number): void {
  const { m, slot, slotOff, load } = s;
  const { B, P } = m;
  if (B < 2) return;
  let moves = 0;
  for (let p = 0; p < P; p++) for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) if (slot[k]! >= 0 && !heldBefore(s, p, slot[k]!)) moves++;
  if (moves <= bound) return;
  const { group, nGroups, lo, hi } = balanceGroups(s);
  const N = B + nGroups;
  const partOf = new Int32Array(slot.length);
  for (let p = 0; p < P; p++) for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) partOf[k] = p;
  const held = (p: number, b: number): number => (heldBefore(s, p, b) ? 0 : 1);
  const inSlots = (p: number, b: number): boolean => {
    for (let q = slotOff[p]!; q < slotOff[p + 1]!; q++) if (slot[q] === b) return true;
    return false;
  };
  const moved = new Uint8Array(slot.length);
  const byBroker = new Int32Array(slot.length);
  const dropped = new Uint8Array(P);
  const best = new Int8Array(B * B);
  const rep = new Int32Array(B * B);
  const banned = new Uint8Array(B * B);
  const nRackGroups = m.rackAware ? m.nRacks : 1;
  const rackGroup = (b: number): number => (m.rackAware ? m.rackOf[b]! : 0);
  const dist = new Int32Array(N);
  const pred = new Int32Array(N);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Slots per broker, moved ones (cost 1) apart: they alone can give Δ = −1. `dropped`: p held
    // a target broker its new slots do not use (a kept replica can go back there for Δ = 0).
    // (CSR arrays: this runs over every replica each round.)
    const count = new Int32Array(B + 1);
    dropped.fill(0);
    for (let p = 0; p < P; p++) {
      for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) {
        const b = slot[k]!;
        if (b < 0) continue;
        count[b + 1]!++;
        moved[k] = held(p, b);
      }
      for (let q = m.curOff[p]!; q < m.curOff[p + 1]!; q++) if (m.cur[q]! < B && !inSlots(p, m.cur[q]!)) dropped[p] = 1;
    }
    for (let b = 0; b < B; b++) count[b + 1]! += count[b]!;
    const fillAt = count.slice(0, B);
    for (let k = 0; k < slot.length; k++) if (slot[k]! >= 0) byBroker[fillAt[slot[k]!]!++] = k;
    best.fill(2);
    for (let u = 0; u < B; u++) {
      const row = u * B;
      let open = B - 1; // pairs (u, v) still without a Δ ≤ 0 edge
      let unset = B - 1; // pairs (u, v) still without any edge
      const consider = (k: number, p: number, cu: number, v: number): void => {
        if (v === u || banned[row + v]) return;
        const d = held(p, v) - cu;
        const was = best[row + v]!;
        if (d >= was || inSlots(p, v) || !canReplace(s, p, k, v)) return;
        if (was > 0 && d <= 0) open--;
        if (was > 1) unset--;
        best[row + v] = d;
        rep[row + v] = k;
      };
      for (let i = count[u]!; i < count[u + 1]!; i++) {
        const k = byBroker[i]!;
        if (!moved[k]) continue;
        const p = partOf[k]!;
        if (open > 0) for (let v = 0; v < B; v++) consider(k, p, 1, v);
        else for (let q = m.curOff[p]!; q < m.curOff[p + 1]!; q++) if (m.cur[q]! < B) consider(k, p, 1, m.cur[q]!);
      }
      // +1 edges: the first kept replica that can go to v is as good as any. Whether it can depends
      // on v only through v's rack (once v is not already a replica), so brokers still without an
      // edge are tried rack by rack: O(kept replicas × racks) even where a rack is never reachable.
      const waiting: number[][] = Array.from({ length: nRackGroups }, () => []);
      for (let v = 0; v < B; v++) if (v !== u && !banned[row + v] && best[row + v]! > 1) waiting[rackGroup(v)]!.push(v);
      for (let i = count[u]!; i < count[u + 1]!; i++) {
        const k = byBroker[i]!;
        if (moved[k]) continue;
        const p = partOf[k]!;
        if (dropped[p]) for (let q = m.curOff[p]!; q < m.curOff[p + 1]!; q++) if (m.cur[q]! < B) consider(k, p, 0, m.cur[q]!);
        if (unset === 0) continue;
        for (const list of waiting) {
          if (list.length === 0) continue;
          let w = 0;
          let blocked = false;
          for (let i = 0; i < list.length; i++) {
            const v = list[i]!;
            if (best[row + v]! <= 1) continue;
            if (!blocked && !inSlots(p, v)) {
              consider(k, p, 0, v);
              if (best[row + v]! > 1) blocked = true; // the rack rule: no broker of this rack, for p
              else continue;
            }
            list[w++] = v;
          }
          list.length = w;
        }
      }
    }
    const cycle = negativeCycle();
    if (!cycle) return;
    if (!applyCycle(cycle)) continue;
    banned.fill(0);
  }

  /** Bellman-Ford from a virtual source at distance 0 to all; a cycle of broker/group nodes or undefined. */
  function negativeCycle(): number[] | undefined {
    dist.fill(0);
    pred.fill(-1);
    let last = -1;
    for (let i = 0; i < N; i++) {
      last = -1;
      for (let u = 0; u < B; u++) {
        const du = dist[u]!;
        for (let v = 0; v < B; v++) {
          const w = best[u * B + v]!;
          if (w < 2 && du + w < dist[v]!) {
            dist[v] = du + w;
            pred[v] = u;
            last = v;
          }
        }
        // u → Z(g): u may take one more replica.
        const z = B + group[u]!;
        if (load[u]! < hi[u]! && du < dist[z]!) {
          dist[z] = du;
          pred[z] = u;
          last = z;
        }
      }
      for (let g = 0; g < nGroups; g++) {
        const z = B + g;
        // Z(g) → u: u may give one replica away.
        for (let u = 0; u < B; u++) {
          if (group[u] === g && load[u]! > lo[u]! && dist[z]! < dist[u]!) {
            dist[u] = dist[z]!;
            pred[u] = z;
            last = u;
          }
        }
      }
      if (last < 0) return undefined;
    }
    let x = last;
    for (let i = 0; i < N; i++) x = pred[x]!;
    const cyc: number[] = [];
    for (let y = x; ; y = pred[y]!) {
      cyc.push(y);
      if (cyc.length > 1 && y === x) break;
      if (cyc.length > N + 1) return undefined;
    }
    return cyc.reverse(); // x … x in edge order
  }

  /** Applies the moves of the cycle; false (and nothing changed) if they are not valid together. */
  function applyCycle(cyc: number[]): boolean {
    const done: Array<[number, number, number]> = [];
    let gain = 0;
    for (let i = 0; i + 1 < cyc.length; i++) {
      const u = cyc[i]!;
      const v = cyc[i + 1]!;
      if (u >= B || v >= B) continue; // through a balance node: loads only
      const k = rep[u * B + v]!;
      const p = partOf[k]!;
      if (slot[k] !== u || inSlots(p, v) || !canReplace(s, p, k, v)) {
        for (const [k2, from, to] of done.reverse()) move(k2, to, from);
        banned[u * B + v] = 1;
        return false;
      }
      gain += held(p, v) - held(p, u);
      move(k, u, v);
      done.push([k, u, v]);
    }
    if (gain >= 0) {
      // Not an improvement after all (moves of one partition interacting): undo, skip its first pair.
      for (const [k2, from, to] of done.reverse()) move(k2, to, from);
      banned[cyc[0]! < B && cyc[1]! < B ? cyc[0]! * B + cyc[1]! : firstPair(cyc)] = 1;
      return false;
    }
    return true;
  }

  function firstPair(cyc: number[]): number {
    for (let i = 0; i + 1 < cyc.length; i++) if (cyc[i]! < B && cyc[i + 1]! < B) return cyc[i]! * B + cyc[i + 1]!;
    return 0;
  }

  function move(k: number, u: number, v: number): void {
    const p = partOf[k]!;
    slot[k] = v;
    load[u]!--;
    load[v]!++;
    s.spread[s.spreadRow[p]! + u]!--;
    s.spread[s.spreadRow[p]! + v]!++;
  }
}

/** Brokers that share a balance range, and that range. */
function balanceGroups(s: PlanState): { group: Int32Array; nGroups: number; lo: Int32Array; hi: Int32Array } {
  const { B, R, rackAware, rackOf, nRacks } = s.m;
  const group = new Int32Array(B);
  const lo = new Int32Array(B);
  const hi = new Int32Array(B);
  const size = new Int32Array(Math.max(1, nRacks));
  for (let b = 0; b < B; b++) if (rackAware) size[rackOf[b]!]!++;
  const equal = !rackAware || size.every((n) => n === size[0]);
  if (equal) {
    lo.fill(Math.floor(R / B));
    hi.fill(Math.ceil(R / B));
    return { group, nGroups: 1, lo, hi };
  }
  // Per rack the range its target total gives each broker; racks with the same range form one
  // group (the +1s may move between them: the rack rule is checked move by move anyway).
  const total = new Int32Array(nRacks);
  for (let b = 0; b < B; b++) total[rackOf[b]!]! += s.target[b]!;
  const rangeGroup = new Map<string, number>();
  for (let b = 0; b < B; b++) {
    const g = rackOf[b]!;
    lo[b] = Math.floor(total[g]! / size[g]!);
    hi[b] = Math.ceil(total[g]! / size[g]!);
    const key = `${lo[b]}-${hi[b]}`;
    if (!rangeGroup.has(key)) rangeGroup.set(key, rangeGroup.size);
    group[b] = rangeGroup.get(key)!;
  }
  return { group, nGroups: rangeGroup.size, lo, hi };
}
