// Exact comparisons of ZooKeeper trees before/after a write: what was added, changed, removed.
// Sequential config-change notices are compared as the list of their data in creation order.
import type { Tree } from './zk-tree.js';

export interface TreeDiff {
  added: Record<string, string | null>;
  changed: Record<string, string | null>;
  removed: string[];
  /** Data of the added /config/changes/config_change_N znodes, in sequence order (also in `added`). */
  notices: string[];
}

export function diffTrees(before: Tree, after: Tree): TreeDiff {
  const d: TreeDiff = { added: {}, changed: {}, removed: [], notices: [] };
  for (const [p, n] of Object.entries(after)) {
    const b = before[p];
    if (!b) d.added[p] = n.data;
    else if (b.data !== n.data || b.version !== n.version || b.ephemeral !== n.ephemeral || JSON.stringify(b.acl) !== JSON.stringify(n.acl)) d.changed[p] = n.data;
  }
  for (const p of Object.keys(before)) if (!after[p]) d.removed.push(p);
  d.notices = Object.keys(d.added)
    .filter((p) => p.startsWith('/config/changes/config_change_'))
    .sort()
    .map((p) => d.added[p] ?? '');
  return d;
}

/** `added` without the config-change notices (they are compared through `notices`). */
export function addedWithoutNotices(d: TreeDiff): Record<string, string | null> {
  return Object.fromEntries(Object.entries(d.added).filter(([p]) => !p.startsWith('/config/changes/config_change_')));
}
