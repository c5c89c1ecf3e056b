// Children of a container znode with a children watch armed; while the znode is missing the
// watch is armed with exists() instead, so its creation still wakes the handler.
import type { Watcher, ZkClient } from '../zk/client.js';

export async function watchedChildren(zk: ZkClient, path: string, watch: Watcher): Promise<string[]> {
  try {
    return (await zk.getChildren(path, watch)).children;
  } catch {
    await zk.exists(path, watch);
    return [];
  }
}
