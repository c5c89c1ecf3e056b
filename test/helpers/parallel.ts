// Helpers for bulk CLI suites: many independent jobs with a bounded number in flight (node
// start-up dominates, and the machine has few cores), seeded randomness, the stack-trace pattern.
// The product's bounded pipeline does exactly this (it stops starting jobs after a failure).
export { mapLimit as inParallel } from '../../src/zk/pipeline.js';

/** A small seeded PRNG (mulberry32) so random kill points and inputs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Output that looks like a JavaScript stack trace or a Node internal error dump. */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$|node:internal|^\w*Error \[ERR_[A-Z_]+\]/m;
