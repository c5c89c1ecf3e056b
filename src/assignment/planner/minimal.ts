// `--strategy minimal`: the plan that keeps the most replicas in place while reaching replica,
// leader and rack balance on the target brokers. Deterministic: partitions are handled in
// (topic name, partition id) order and every tie goes to the lower broker index (= lower id).
//
// Phases: keep (RF decrease / rack rule drops; which replicas a shrinking partition keeps is
// balanced) → targets (⌊R/B⌋ or ⌈R/B⌉ per broker; water-filled per rack) → shed (kept replicas
// above target become holes, over-represented topics first) → fill (holes onto brokers below
// target: rack rule, then per-topic spread; exact augmenting chains when the greedy gets stuck)
// → repair (only if some hole had to exceed a target) → exact (negative-cycle cancelling until
// no set of replica moves saves data: the minimum number of moves, racks included, exact.ts)
// → leaders (reordering only).
//
// How close to the bound (lower-bound.ts): without racks and with each partition's RF kept, the
// shed leaves exactly K replicas kept, so moves == bound whenever the holes fit under the targets,
// which the fill's augmenting chains find whenever any placement of those holes exists. Checked
// against an exact min-cost-flow optimum on thousands of random clusters (planner-properties
// test): equal to the optimum in every sampled RF-kept case, and to the bound whenever RF < B/2.
// Per-topic spread is a tie-break only: it never costs an extra move.
import { chooseLeaders } from './leaders.js';
import { exactMoves } from './exact.js';
import { keepReplicas } from './keep.js';
import { lowerBound } from './lower-bound.js';
import { buildModel } from './model.js';
import { countSpread, fillHoles, repairBalance, shedExcess } from './fill.js';
import { setTargets } from './targets.js';
import { newState } from './state.js';
import { toBrokerLoads } from './stats.js';
import type { PlanInput, PlanResult, TopicAssignments } from './types.js';

export function planMinimal(input: PlanInput): PlanResult {
  const m = buildModel(input.current, input.brokers, input.replicationFactor, input.rackAware);
  const s = newState(m);
  keepReplicas(s);
  setTargets(s);
  countSpread(s);
  shedExcess(s);
  fillHoles(s);
  repairBalance(s);
  const bound = lowerBound(m).lowerBound;
  exactMoves(s, bound);
  const leaderSlot = chooseLeaders(s);

  const { P, ids, topics, topicOf, partId, curOff, cur } = m;
  const { slot, slotOff } = s;
  const nIds = ids.length;
  const repBefore = new Int32Array(nIds);
  const leadBefore = new Int32Array(nIds);
  const repAfter = new Int32Array(nIds);
  const leadAfter = new Int32Array(nIds);
  const proposed: TopicAssignments = new Map(topics.map((t) => [t, new Map<number, number[]>()]));
  let moves = 0;
  for (let p = 0; p < P; p++) {
    const a = curOff[p]!;
    const z = curOff[p + 1]!;
    if (z > a) leadBefore[cur[a]!]!++;
    for (let k = a; k < z; k++) repBefore[cur[k]!]!++;
    const lead = slot[leaderSlot[p]!]!;
    const reps = [ids[lead]!];
    leadAfter[lead]!++;
    for (let k = slotOff[p]!; k < slotOff[p + 1]!; k++) {
      const b = slot[k]!;
      repAfter[b]!++;
      if (k !== leaderSlot[p]) reps.push(ids[b]!);
      let had = false;
      for (let q = a; q < z; q++) if (cur[q] === b) had = true;
      if (!had) moves++;
    }
    proposed.get(topics[topicOf[p]!]!)!.set(partId[p]!, reps);
  }
  return {
    proposed,
    moves,
    lowerBound: bound,
    before: toBrokerLoads(ids, repBefore, leadBefore),
    after: toBrokerLoads(ids, repAfter, leadAfter),
  };
}
