// Every ZooKeeper mutation of the controller goes through here: one multi whose first op is
// check(/controller_epoch, epochZkVersion), so a controller that was replaced writes nothing
// (KAFKA-6082). Many small groups are packed into multis and several multis are kept in flight.
import type { Op, OpResult, ZkClient } from '../zk/client.js';
import { ZkError, ZkMultiError, isZkCode, type ZkCode } from '../zk/errors.js';
import { CONTROLLER_EPOCH } from '../zk/paths.js';
import { mapLimit } from '../zk/pipeline.js';
import { ControllerMovedError } from './errors.js';

/** Ops per multi (~150 bytes each: far below ZooKeeper's 1 MB limit); small enough that the
 *  first commit comes early and client-side encoding overlaps the server's work. */
export const MAX_OPS_PER_MULTI = 200;
export const MULTIS_IN_FLIGHT = 10;

export type GroupOutcome = { ok: true; results: OpResult[] } | { ok: false; code: ZkCode; path: string; attempted: boolean };

export class FencedWriter {
  constructor(
    private readonly zk: ZkClient,
    private readonly epochZkVersion: number,
  ) {}

  /** One fenced transaction. ZkMultiError.index refers to `ops` (the check is not counted). */
  async multi(ops: Op[]): Promise<OpResult[]> {
    try {
      const res = await this.zk.multi([{ op: 'check', path: CONTROLLER_EPOCH, version: this.epochZkVersion }, ...ops]);
      return res.slice(1);
    } catch (err) {
      if (err instanceof ZkMultiError) {
        if (err.index === 0) throw new ControllerMovedError(`/controller_epoch is no longer at version ${this.epochZkVersion}`);
        throw new ZkMultiError(err.code, err.path, err.index - 1);
      }
      if (isZkCode(err, 'SESSION_EXPIRED')) throw new ControllerMovedError('ZooKeeper session expired');
      throw err;
    }
  }

  /**
   * Run independent groups of ops (each group atomic on its own), packed into multis.
   * mode 'retryRest': a failing group is reported and the rest of its multi is retried.
   * mode 'abortChunk': the failing group is reported and the others of its multi come back
   * as not attempted, so the caller can re-read them all at once (CAS loops).
   */
  async runGroups(groups: Op[][], mode: 'retryRest' | 'abortChunk' = 'retryRest'): Promise<GroupOutcome[]> {
    const out = new Array<GroupOutcome>(groups.length);
    const chunks: number[][] = [];
    let cur: number[] = [];
    let size = 0;
    groups.forEach((g, i) => {
      if (cur.length && size + g.length > MAX_OPS_PER_MULTI) {
        chunks.push(cur);
        cur = [];
        size = 0;
      }
      cur.push(i);
      size += g.length;
    });
    if (cur.length) chunks.push(cur);

    await mapLimit(chunks, MULTIS_IN_FLIGHT, async (chunkIdx) => {
      let pending = chunkIdx.filter((i) => groups[i]!.length > 0);
      for (const i of chunkIdx) if (!groups[i]!.length) out[i] = { ok: true, results: [] };
      while (pending.length) {
        const ops = pending.flatMap((i) => groups[i]!);
        try {
          const res = await this.multi(ops);
          let k = 0;
          for (const i of pending) {
            out[i] = { ok: true, results: res.slice(k, k + groups[i]!.length) };
            k += groups[i]!.length;
          }
          return;
        } catch (err) {
          if (!(err instanceof ZkMultiError)) throw err;
          let k = 0;
          let failed = -1;
          for (const i of pending) {
            if (err.index < k + groups[i]!.length) {
              failed = i;
              break;
            }
            k += groups[i]!.length;
          }
          if (failed < 0) throw err;
          out[failed] = { ok: false, code: err.code, path: err.path, attempted: true };
          pending = pending.filter((i) => i !== failed);
          if (mode === 'abortChunk') {
            for (const i of pending) out[i] = { ok: false, code: err.code, path: err.path, attempted: false };
            return;
          }
        }
      }
    });
    return out;
  }
}

export function isControllerMoved(err: unknown): boolean {
  return err instanceof ControllerMovedError || (err instanceof ZkError && err.code === 'SESSION_EXPIRED');
}
