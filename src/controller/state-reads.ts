// Pipelined reads of state znodes into the leadership cache's shape.
import type { ZkClient, Watcher } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import { decodePartitionState } from '../zk/codecs/partitionState.js';
import { partitionStatePath } from '../zk/paths.js';
import { mapLimit, DEFAULT_PIPELINE } from '../zk/pipeline.js';
import type { LeaderIsr } from './context.js';

/** Reads in flight: as the tools pipeline (more only piles responses up in the client). */
export const READS_IN_FLIGHT = DEFAULT_PIPELINE;

export async function readState(zk: ZkClient, topic: string, partition: number, watch?: Watcher): Promise<LeaderIsr | null> {
  const path = partitionStatePath(topic, partition);
  try {
    const r = await zk.getData(path, watch);
    const s = decodePartitionState(r.data, path);
    return { leader: s.leader, leaderEpoch: s.leaderEpoch, isr: s.isr, controllerEpoch: s.controllerEpoch, zkVersion: r.stat.version, seenInEvent: 0 };
  } catch (err) {
    if (isZkCode(err, 'NO_NODE')) {
      if (watch) await zk.exists(path, watch);
      return null;
    }
    throw err;
  }
}

export function readStates(zk: ZkClient, tps: ReadonlyArray<{ topic: string; partition: number }>): Promise<Array<LeaderIsr | null>> {
  return mapLimit(tps, READS_IN_FLIGHT, ({ topic, partition }) => readState(zk, topic, partition));
}
