// Per-partition rules every replica placement keeps: no duplicate broker, the rack rule.
import { rackNeed, type PlanState } from './state.js';

/** Can broker v replace the replica in slot k (partition p) without breaking the rack rule? */
export function canReplace(s: PlanState, p: number, k: number, v: number): boolean {
  const { m, slot, slotOff } = s;
  const a = slotOff[p]!;
  const z = slotOff[p + 1]!;
  for (let q = a; q < z; q++) if (q !== k && slot[q] === v) return false;
  if (!m.rackAware) return true;
  // Racks spanned without slot k, and whether v's rack is among them.
  let spanned = 0;
  let vRackTaken = false;
  for (let q = a; q < z; q++) {
    if (q === k || slot[q]! < 0) continue;
    const r = m.rackOf[slot[q]!]!;
    let first = true;
    for (let q2 = a; q2 < q; q2++) if (q2 !== k && slot[q2]! >= 0 && m.rackOf[slot[q2]!] === r) first = false;
    if (first) spanned++;
    if (r === m.rackOf[v]) vRackTaken = true;
  }
  return spanned >= rackNeed(m, p) || !vRackTaken;
}

/** Did partition p hold broker b before the plan? */
export function heldBefore(s: PlanState, p: number, b: number): boolean {
  const { curOff, cur } = s.m;
  for (let q = curOff[p]!; q < curOff[p + 1]!; q++) if (cur[q] === b) return true;
  return false;
}
