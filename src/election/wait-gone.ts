// Waiting for the controller to delete an admin znode: exists-watch plus a 1 s poll as a safety net.
import type { ZkClient } from '../zk/client.js';

/** True once `path` does not exist; false on timeout. */
export async function waitForZnodeGone(zk: ZkClient, path: string, timeoutMs?: number): Promise<boolean> {
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  for (;;) {
    let wake!: () => void;
    const woken = new Promise<void>((r) => (wake = r));
    if (!(await zk.exists(path, () => wake()))) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([woken, new Promise<void>((r) => (timer = setTimeout(r, Math.min(1000, left))))]);
    clearTimeout(timer);
  }
}
