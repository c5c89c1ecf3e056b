// Chains of single-replica moves: broker u's replica of p goes to w, w's replica of q goes to y, …
// until a broker below its target. Every hop keeps the rack rule and no-duplicates; only the two
// ends change load. A breadth-first search over brokers finds the shortest chain.
import { canReplace, heldBefore } from './rules.js';
import type { PlanState } from './state.js';

export class SlotChains {
  private readonly partOf: Int32Array;
  /** Slots per broker; entries go stale when a replica moves on (checked on use). */
  private readonly lists: number[][];
  private readonly parent: Int32Array;
  private readonly viaSlot: Int32Array;
  private readonly queue: Int32Array;

  constructor(private readonly s: PlanState) {
    const { B, P, R } = s.m;
    this.partOf = new Int32Array(R);
    this.lists = Array.from({ length: B }, () => []);
    for (let p = 0; p < P; p++) {
      for (let k = s.slotOff[p]!; k < s.slotOff[p + 1]!; k++) {
        this.partOf[k] = p;
        if (s.slot[k]! >= 0) this.lists[s.slot[k]!]!.push(k);
      }
    }
    this.parent = new Int32Array(B);
    this.viaSlot = new Int32Array(B);
    this.queue = new Int32Array(B);
  }

  /** Slot k now holds broker b. */
  placed(k: number, b: number): void {
    this.lists[b]!.push(k);
  }

  /**
   * Partition p's hole fits no broker with room. Search from every broker p may use (not in p; a
   * new rack when `rackCnt` says p still lacks racks) for a chain of replicas that are moves anyway
   * ending at a broker with room; shift them one step and return the chain's first broker, which
   * then has room for p (its load is unchanged once p lands there). -1 when no chain exists: then
   * the holes cannot all be placed within targets without moving a kept replica (augmenting-path
   * argument: the chain search is complete over the replicas that are moves already).
   */
  fillVia(inP: Uint8Array, rackCnt: Int32Array | null): number {
    const { s, parent, queue } = this;
    const { m } = s;
    parent.fill(-1);
    let tail = 0;
    for (let w = 0; w < m.B; w++) {
      if (inP[w] || (rackCnt !== null && rackCnt[m.rackOf[w]!]! > 0)) continue;
      parent[w] = w;
      queue[tail++] = w;
    }
    const end = this.search(0, tail, false);
    if (end < 0) return -1;
    const w = this.shift(end);
    s.load[w]!--;
    s.load[end]!++;
    return w;
  }

  /**
   * Moves one replica off u along a chain ending below target. With anySlot false only replicas
   * that are moves already (their broker did not hold the partition before) travel, so the plan's
   * move count does not grow. Returns whether a chain was found and applied.
   */
  relieve(u: number, anySlot: boolean): boolean {
    const { parent, queue, s } = this;
    parent.fill(-1);
    parent[u] = u;
    queue[0] = u;
    const end = this.search(0, 1, anySlot);
    if (end < 0) return false;
    this.shift(end);
    s.load[u]!--;
    s.load[end]!++;
    return true;
  }

  /** BFS over the queued brokers (parent[x] === x marks a start); returns a broker with room or -1. */
  private search(head: number, tail: number, anySlot: boolean): number {
    const { s, parent, viaSlot, queue, lists, partOf } = this;
    const { slot, load, target } = s;
    const B = s.m.B;
    while (head < tail) {
      const x = queue[head++]!;
      for (const k of lists[x]!) {
        if (slot[k] !== x) continue; // stale entry: the replica moved on
        const p = partOf[k]!;
        if (!anySlot && heldBefore(s, p, x)) continue;
        for (let y = 0; y < B; y++) {
          if (parent[y] !== -1 || !canReplace(s, p, k, y)) continue;
          parent[y] = x;
          viaSlot[y] = k;
          if (load[y]! < target[y]!) return y;
          queue[tail++] = y;
        }
      }
    }
    return -1;
  }

  /** Moves every replica on the chain ending at `end` one step on; returns the chain's start. */
  private shift(end: number): number {
    const { s, parent, viaSlot, lists, partOf } = this;
    let y = end;
    while (parent[y] !== y) {
      const k = viaSlot[y]!;
      const p = partOf[k]!;
      s.slot[k] = y;
      lists[y]!.push(k);
      s.spread[s.spreadRow[p]! + parent[y]!]!--;
      s.spread[s.spreadRow[p]! + y]!++;
      y = parent[y]!;
    }
    return y;
  }
}
