// Evens out per-broker counts by changing which members of each item are "chosen", never which
// brokers are members. Used twice: which replicas a shrinking partition keeps, and which replica of
// each partition leads (a reordering, so it costs no data movement).
//
// Each item i has members (broker indexes) of which some are chosen; load[b] counts chosen
// memberships. Swapping chosen u for unchosen w inside one item moves one unit from u to w. A
// "cost-reducing path" u → … → v (a chain of such swaps, intermediate loads unchanged) with
// load[v] ≤ load[u] − 2 lowers Σ load². With no such path left the loads are decreasingly minimal
// (Harvey–Ladner–Lovász–Tamir, semi-matchings; Frank–Murota for the b-matching case): the maximum
// is as small and the minimum as large as any choice allows, simultaneously. So if some choice puts
// every broker within [lo, hi], the result does too.
//
// The search runs on the broker graph (edge u→w iff some item has u chosen and w unchosen), kept
// as a B×B count matrix, so one search costs O(B²) however many items there are.

export interface ChoiceItems {
  /** Members of item i: member[off[i] .. off[i+1]). */
  off: Int32Array;
  member: Int32Array;
  /** Per member slot: 1 when chosen. */
  chosen: Uint8Array;
}

/**
 * Applies cost-reducing paths until none starts at a broker with load ≥ minSourceLoad.
 * `sameGroup` (optional, per broker) restricts swaps to members of the same group (rack).
 * Mutates `load` and `items.chosen`; returns the number of units moved.
 */
export function balanceChoices(
  B: number,
  load: Int32Array,
  items: ChoiceItems,
  minSourceLoad: number,
  sameGroup: Int32Array | null = null,
): number {
  const { off, member, chosen } = items;
  const n = off.length - 1;
  const edgeOk = (u: number, w: number): boolean => sameGroup === null || sameGroup[u] === sameGroup[w];
  // Cheap first: sweeps of one-swap paths (item-local, O(members²) each) take most of the slack.
  let applied = directSweeps(load, items, minSourceLoad, edgeOk);
  if (!anyGap(B, load, minSourceLoad)) return applied;

  // broker -> items it is a member of (CSR)
  const bOff = new Int32Array(B + 1);
  for (let k = 0; k < off[n]!; k++) bOff[member[k]! + 1]!++;
  for (let b = 0; b < B; b++) bOff[b + 1]! += bOff[b]!;
  const bItem = new Int32Array(off[n]!);
  const fillPos = bOff.slice(0, B);
  for (let i = 0; i < n; i++) for (let k = off[i]!; k < off[i + 1]!; k++) bItem[fillPos[member[k]!]!++] = i;

  const pair = new Int32Array(B * B);
  const addPairs = (i: number, sign: number): void => {
    for (let a = off[i]!; a < off[i + 1]!; a++) {
      if (!chosen[a]) continue;
      const u = member[a]!;
      for (let c = off[i]!; c < off[i + 1]!; c++) {
        if (chosen[c]) continue;
        const w = member[c]!;
        if (edgeOk(u, w)) pair[u * B + w]! += sign;
      }
    }
  };
  for (let i = 0; i < n; i++) if (off[i + 1]! - off[i]! > 1) addPairs(i, 1);

  const stuck = new Uint8Array(B);
  const parent = new Int32Array(B);
  const queue = new Int32Array(B);
  for (;;) {
    let u = -1;
    for (let b = 0; b < B; b++) if (!stuck[b] && load[b]! >= minSourceLoad && (u < 0 || load[b]! > load[u]!)) u = b;
    if (u < 0) break;
    // BFS from u to the nearest broker at least two below it.
    parent.fill(-1);
    parent[u] = u;
    queue[0] = u;
    let head = 0;
    let tail = 1;
    let best = -1;
    const want = load[u]! - 2;
    bfs: while (head < tail) {
      const x = queue[head++]!;
      const row = x * B;
      for (let y = 0; y < B; y++) {
        if (pair[row + y]! > 0 && parent[y] === -1) {
          parent[y] = x;
          queue[tail++] = y;
          if (load[y]! <= want) {
            best = y; // nearest cost-reducing end: the shortest path to apply
            break bfs;
          }
        }
      }
    }
    if (best < 0) {
      // Nothing reachable from u is two below it; no later path can change that (see header).
      stuck[u] = 1;
      continue;
    }
    // Push as many units along the path as every edge carries and the two ends still differ by
    // two per unit: edges are independent (a swap on x→y only removes pairs starting at x or
    // ending at y, and the path visits each broker once), so one search serves many swaps.
    let amount = (load[u]! - load[best]!) >> 1;
    for (let y = best; y !== u; y = parent[y]!) amount = Math.min(amount, pair[parent[y]! * B + y]!);
    for (let y = best; y !== u; y = parent[y]!) swapMany(parent[y]!, y, amount);
    load[u]! -= amount;
    load[best]! += amount;
    applied += amount;
  }
  return applied;

  function swapMany(x: number, y: number, amount: number): void {
    let done = 0;
    for (let q = bOff[x]!; q < bOff[x + 1]! && done < amount; q++) {
      const i = bItem[q]!;
      let ax = -1;
      let ay = -1;
      for (let k = off[i]!; k < off[i + 1]!; k++) {
        if (member[k] === x && chosen[k]) ax = k;
        else if (member[k] === y && !chosen[k]) ay = k;
      }
      if (ax < 0 || ay < 0) continue;
      addPairs(i, -1);
      chosen[ax] = 0;
      chosen[ay] = 1;
      addPairs(i, 1);
      done++;
    }
    if (done < amount) throw new Error(`planner balancer: edge ${x}->${y} carried ${done} of ${amount}`); // pair counts are exact
  }
}

/** No broker at or above minSourceLoad is two above any broker: nothing left to improve. */
function anyGap(B: number, load: Int32Array, minSourceLoad: number): boolean {
  let hi = -1;
  let lo = Infinity;
  for (let b = 0; b < B; b++) {
    if (load[b]! >= minSourceLoad && load[b]! > hi) hi = load[b]!;
    if (load[b]! < lo) lo = load[b]!;
  }
  return hi >= 0 && hi - lo >= 2;
}

/**
 * Up to three passes over the items: swap a chosen member for the least-loaded unchosen one when
 * that is two or more below it. Each swap is a cost-reducing path of length one.
 */
function directSweeps(load: Int32Array, items: ChoiceItems, minSourceLoad: number, edgeOk: (u: number, w: number) => boolean): number {
  const { off, member, chosen } = items;
  const n = off.length - 1;
  let total = 0;
  for (let pass = 0; pass < 3; pass++) {
    let swaps = 0;
    for (let i = 0; i < n; i++) {
      const a = off[i]!;
      const z = off[i + 1]!;
      if (z - a < 2) continue;
      for (let k = a; k < z; k++) {
        if (!chosen[k]) continue;
        const u = member[k]!;
        if (load[u]! < minSourceLoad) continue;
        let best = -1;
        for (let c = a; c < z; c++) {
          if (chosen[c] || !edgeOk(u, member[c]!)) continue;
          if (load[member[c]!]! <= load[u]! - 2 && (best < 0 || load[member[c]!]! < load[member[best]!]!)) best = c;
        }
        if (best < 0) continue;
        chosen[k] = 0;
        chosen[best] = 1;
        load[u]!--;
        load[member[best]!]!++;
        swaps++;
      }
    }
    total += swaps;
    if (swaps === 0) break;
  }
  return total;
}
