// ZooKeeper trees as data, in the format of ../shared/fixtures/kafka-3.8.0/tree-*.json:
// {"<path>": {"data": string|null, "version": n, "ephemeral": bool, "acl": [[scheme, id, perms]]}}.
// loadTree() recreates one in a real ZooKeeper (data, data version via repeated setData, ACLs),
// readTree() reads one back for exact comparisons.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZkClient, type Acl } from '../../src/zk/client.js';
import { isZkCode } from '../../src/zk/errors.js';

export interface TreeNode {
  data: string | null;
  version: number;
  ephemeral: boolean;
  acl: Array<[string, string, number]>;
}
export type Tree = Record<string, TreeNode>;

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/fixtures/kafka-3.8.0 (from dist/test/helpers or test/helpers). */
export function fixturesDir(): string {
  for (const up of ['../../../..', '../../..']) {
    const d = join(here, up, 'shared', 'fixtures', 'kafka-3.8.0');
    try {
      readFileSync(join(d, 'README.md'));
      return d;
    } catch {
      /* try the next */
    }
  }
  throw new Error(`fixtures not found above ${here} (expected ../shared/fixtures/kafka-3.8.0 beside the checkout)`);
}

export function loadFixtureTree(name: 'tree-at-rest' | 'tree-reassignment-in-flight'): Tree {
  return JSON.parse(readFileSync(join(fixturesDir(), `${name}.json`), 'utf8')) as Tree;
}

const skip = (p: string): boolean => p === '/' || p === '/zookeeper' || p.startsWith('/zookeeper/');

/**
 * Load `tree` into ZooKeeper through `zk` (paths relative to its chroot). Ephemeral znodes become
 * ephemeral of `zk`'s session, so keep it open while they must exist. Existing znodes are left as they are.
 */
export async function loadTree(zk: ZkClient, tree: Tree): Promise<void> {
  const paths = Object.keys(tree).filter((p) => !skip(p)).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const p of paths) {
    const n = tree[p]!;
    const acl: Acl[] = n.acl.map(([scheme, id, perms]) => ({ scheme, id, perms }));
    try {
      await zk.create(p, n.data, n.ephemeral ? 'ephemeral' : 'persistent', acl.length ? acl : undefined);
    } catch (err) {
      if (isZkCode(err, 'NODE_EXISTS')) continue;
      throw new Error(`loading ${p}: ${(err as Error).message}`);
    }
    // The data version of a znode is the number of setData calls since it was created.
    for (let v = 0; v < n.version; v++) await zk.setData(p, n.data);
  }
}

/** Every znode below the chroot (except /zookeeper), as a Tree, sorted by path. */
export async function readTree(zk: ZkClient): Promise<Tree> {
  const out: Tree = {};
  const paths = (await zk.listTree('/')).filter((p) => !skip(p)).sort();
  for (const p of paths) {
    const r = await zk.tryGetData(p);
    if (!r) continue;
    const acl = await zk.getAcl(p);
    out[p] = {
      data: r.data === null ? null : r.data.toString('utf8'),
      version: r.stat.version,
      ephemeral: r.stat.ephemeralOwner !== '0',
      acl: acl.map((a) => [a.scheme, a.id, a.perms]),
    };
  }
  return out;
}

export interface TreeChroot {
  /** Client of the chroot; its session owns the tree's ephemeral znodes, so keep it open while they must exist. */
  zk: ZkClient;
  /** Connection string of the chroot (server + chroot). */
  connect: string;
  close(): Promise<void>;
}

/** A fresh chroot `chroot` on the server of `root` (connected at `serverConnect`), holding `tree`. */
export async function chrootWithTree(root: ZkClient, serverConnect: string, chroot: string, tree: Tree): Promise<TreeChroot> {
  await root.mkdirp(chroot);
  const zk = await ZkClient.connect(serverConnect + chroot);
  await loadTree(zk, tree);
  return { zk, connect: serverConnect + chroot, close: () => zk.close() };
}
