// Watches partition state znodes until each satisfies a predicate, and records the ZooKeeper mtime
// of the write that satisfied it. Event-driven (one data/exists watch per pending partition), so the
// observer adds no polling load to the ZooKeeper the daemons are racing on, and the finishing time
// comes from ZooKeeper's own clock rather than from when we happened to look.
import type { ZkClient } from '../../src/zk/client.js';
import { isZkCode } from '../../src/zk/errors.js';
import * as P from '../../src/zk/paths.js';
import { mapLimit, DEFAULT_PIPELINE } from '../../src/zk/pipeline.js';
import { decodePartitionState, type PartitionState } from '../../src/zk/codecs/partitionState.js';
import type { PartitionRef } from '../../src/zk/readers.js';

export interface Satisfied {
  /** mtime (ms since epoch, ZooKeeper server clock) of the state write that satisfied the predicate. */
  mtime: number;
  state: PartitionState;
}

export class PartitionWatcher {
  private readonly results = new Map<string, Satisfied>();
  private readonly waiters: Array<() => void> = [];
  private error: unknown;

  constructor(
    private readonly zk: ZkClient,
    readonly refs: readonly PartitionRef[],
    private readonly ok: (s: PartitionState) => boolean,
  ) {}

  /** Read every partition once and leave a watch on each one not yet satisfied. */
  async arm(): Promise<void> {
    await mapLimit(this.refs, DEFAULT_PIPELINE, (r) => this.check(r));
  }

  get satisfiedCount(): number {
    return this.results.size;
  }

  /** Wait until all partitions are satisfied (true) or the deadline passes (false). */
  async wait(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.results.size < this.refs.length) {
      if (this.error) throw this.error;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return true;
  }

  /** Latest and earliest satisfying write among the satisfied partitions. */
  span(): { first: number; last: number } | undefined {
    if (!this.results.size) return undefined;
    let first = Infinity;
    let last = -Infinity;
    for (const s of this.results.values()) {
      first = Math.min(first, s.mtime);
      last = Math.max(last, s.mtime);
    }
    return { first, last };
  }

  satisfied(): ReadonlyMap<string, Satisfied> {
    return this.results;
  }

  private key(r: PartitionRef): string {
    return `${r.topic}\u0000${r.partition}`;
  }

  private async check(r: PartitionRef): Promise<void> {
    const key = this.key(r);
    if (this.results.has(key)) return;
    const path = P.partitionStatePath(r.topic, r.partition);
    const onEvent = (): void => {
      this.check(r).catch((err) => this.fail(err));
    };
    let got;
    try {
      got = await this.zk.getData(path, onEvent);
    } catch (err) {
      if (!isZkCode(err, 'NO_NODE')) throw err;
      // Not there yet: an exists-watch fires on creation; re-read if it appeared meanwhile.
      if (await this.zk.exists(path, onEvent)) return this.check(r);
      return;
    }
    const state = decodePartitionState(got.data, path);
    if (!this.results.has(key) && this.ok(state)) {
      this.results.set(key, { mtime: got.stat.mtime, state });
      if (this.results.size === this.refs.length) this.wake();
    }
  }

  private fail(err: unknown): void {
    this.error ??= err;
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/**
 * Arms an exists-watch on `path` (the returned promise settles once it is armed) and gives back
 * `gone`, which resolves with Date.now() when the znode is deleted.
 */
export async function watchDeletion(zk: ZkClient, path: string): Promise<{ gone: Promise<number> }> {
  let resolveGone!: (t: number) => void;
  const gone = new Promise<number>((r) => (resolveGone = r));
  const arm = async (): Promise<void> => {
    const stat = await zk.exists(path, (e) => {
      if (e.type === 'deleted') resolveGone(Date.now());
      else arm().catch(() => undefined);
    });
    if (!stat) resolveGone(Date.now());
  };
  await arm();
  return { gone };
}
