// Starting and inspecting a bench cluster: ZooKeeper + daemons, the controller's id, and waiting
// until every ISR is full again after a broker comes back.
import type { ZkClient } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { decodeController } from '../../src/zk/codecs/controller.js';
import { rawContextRead } from './daemon-raw.js';

/** Short session timeout so a kill -9 is detected in ~3 s (Kafka measured with 6 s). */
export const BENCH_DAEMON_CONFIG: Record<string, string> = {
  'zookeeper.session.timeout.ms': '3000',
};
/** test/helpers/daemons.ts detects registration from an INFO line, so the daemons log at info. */
export const BENCH_LOG_LEVEL = 'info' as const;

export async function currentController(zk: ZkClient): Promise<{ id: number; ctime: number } | undefined> {
  const got = await zk.tryGetData(P.CONTROLLER);
  return got ? { id: decodeController(got.data, P.CONTROLLER).brokerId, ctime: got.stat.ctime } : undefined;
}

/** Poll (1 s apart; each poll is a full pipelined read) until every ISR equals its replica set. */
export async function waitFullIsr(zk: ZkClient, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ctx = await rawContextRead(zk);
    if (ctx.partitions.every((p) => p.state && p.state.leader >= 0 && p.state.isr.length === p.replicas.length)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
