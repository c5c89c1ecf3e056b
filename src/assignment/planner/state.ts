// Mutable working state of one planMinimal run: the new replica slots of every partition and the
// per-broker counters the phases keep in step with them.
import type { Model } from './model.js';

/** Above this many topic×broker counters, per-topic spread falls back to one shared row. */
const MAX_SPREAD_CELLS = 1 << 24;

export interface PlanState {
  m: Model;
  /** Partition p's new replicas live in slot[slotOff[p] .. slotOff[p+1]) (rf[p] slots). */
  slotOff: Int32Array;
  /** Target broker index, or -1 for a hole still to fill. */
  slot: Int32Array;
  /** Replicas in slots per target broker. */
  load: Int32Array;
  /** Load each target broker should end with: ⌊R/B⌋ or ⌈R/B⌉. */
  target: Int32Array;
  /** Replicas of one topic per broker: spread[spreadRow[p] + b]. */
  spread: Int32Array;
  spreadRow: Int32Array;
  /** Per partition: ⌈topic replicas / B⌉ of its topic, the most a broker should hold of it. */
  spreadCap: Int32Array;
  /** Set when a replica had to go above its broker's target (only possible with racks or odd shapes). */
  overshoot: boolean;
}

export function newState(m: Model): PlanState {
  const { P, B, R, rf } = m;
  const slotOff = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) slotOff[p + 1] = slotOff[p]! + rf[p]!;
  const perTopic = m.topics.length * B <= MAX_SPREAD_CELLS;
  const rows = perTopic ? m.topics.length : 1;
  const topicReplicas = new Float64Array(rows);
  for (let p = 0; p < P; p++) topicReplicas[perTopic ? m.topicOf[p]! : 0]! += rf[p]!;
  const spreadRow = new Int32Array(P);
  const spreadCap = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    const row = perTopic ? m.topicOf[p]! : 0;
    spreadRow[p] = row * B;
    spreadCap[p] = Math.ceil(topicReplicas[row]! / B);
  }
  return {
    m,
    slotOff,
    slot: new Int32Array(R).fill(-1),
    load: new Int32Array(B),
    target: new Int32Array(B),
    spread: new Int32Array(rows * B),
    spreadRow,
    spreadCap,
    overshoot: false,
  };
}

/** Racks partition p must span: min(RF, #racks) when rack-aware, else 0. */
export const rackNeed = (m: Model, p: number): number => (m.rackAware ? Math.min(m.rf[p]!, m.nRacks) : 0);
