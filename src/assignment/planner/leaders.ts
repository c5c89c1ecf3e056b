// Phase 5: pick each partition's preferred leader among its new replicas (a reordering: free).
// A greedy pass keeps current leaders where it can, then the balancer makes the
// leader counts decreasingly minimal, i.e. within ⌊P/B⌋..⌈P/B⌉ (or ±1 of the mean) whenever any
// choice of leaders for these replica sets allows it.
import { balanceChoices } from './balancer.js';
import type { PlanState } from './state.js';

/** Returns the chosen leader's slot index for every partition. */
export function chooseLeaders(s: PlanState): Int32Array {
  const { m, slot, slotOff } = s;
  const { B, P, curOff, cur } = m;
  // Pass 1 keeps current leaders up to ⌊P/B⌋ per broker; pass 2 gives every other partition to its
  // member leading least so far (ties: the current leader, then replica order). The balancer then
  // has little left to do, which matters: each of its paths costs O(B²).
  const keepUpTo = Math.floor(P / B);
  const leaders = new Int32Array(B);
  const chosen = new Uint8Array(slot.length);
  const pending: number[] = [];
  const wasLeader = (p: number): number => (curOff[p + 1]! > curOff[p]! ? cur[curOff[p]!]! : -1);
  for (let p = 0; p < P; p++) {
    const was = wasLeader(p);
    let pick = -1;
    for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) if (slot[k] === was && leaders[was]! < keepUpTo) pick = k;
    if (pick < 0) {
      pending.push(p);
      continue;
    }
    chosen[pick] = 1;
    leaders[was]!++;
  }
  for (const p of pending) {
    const was = wasLeader(p);
    let pick = -1;
    for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) {
      const b = slot[k]!;
      if (pick < 0 || leaders[b]! < leaders[slot[pick]!]! || (leaders[b] === leaders[slot[pick]!] && b === was)) pick = k;
    }
    chosen[pick] = 1;
    leaders[slot[pick]!]!++;
  }
  balanceChoices(B, leaders, { off: slotOff, member: slot, chosen }, 0);
  const leaderSlot = new Int32Array(P);
  for (let p = 0; p < P; p++) for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) if (chosen[k]) leaderSlot[p] = k;
  return leaderSlot;
}
