// The one promise client over node-zookeeper-client. Everything else in ktool talks to ZooKeeper
// through this class; it keeps `stat` on every read, turns callback errors into ZkError with a
// stable code, and adds what the library lacks: a connect timeout, a deep recursive delete and
// multi results that name the failing op.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type * as ZkLib from 'node-zookeeper-client';
import { ZkConnectError, ZkError, ZkMultiError, codeFromNumber, isZkCode } from './errors.js';
import { mapLimit } from './pipeline.js';
import { validateConnectionString } from './connection-string.js';

type Lib = typeof ZkLib;
let libPromise: Promise<Lib> | undefined;
/** Loaded on first use so that commands which never touch ZooKeeper start fast. */
function loadLib(): Promise<Lib> {
  libPromise ??= import('node-zookeeper-client').then((m) => ((m as unknown as { default?: Lib }).default ?? m) as Lib);
  return libPromise;
}

export interface ZkStat {
  version: number;
  cversion: number;
  aversion: number;
  numChildren: number;
  dataLength: number;
  /** Session id (hex) of the owner for ephemeral znodes, '0' otherwise. */
  ephemeralOwner: string;
  czxid: bigint;
  mzxid: bigint;
  ctime: number;
  mtime: number;
}

export type WatchEventType = 'created' | 'deleted' | 'dataChanged' | 'childrenChanged';
export interface WatchEvent {
  type: WatchEventType;
  path: string;
}
export type Watcher = (event: WatchEvent) => void;

export type CreateMode = 'persistent' | 'ephemeral' | 'persistent_sequential' | 'ephemeral_sequential';
export type ZnodeData = Buffer | string | null;

/** One ZooKeeper ACL entry: scheme (world, digest, sasl, x509, auth, ip), id, permission bits (READ 1, WRITE 2, CREATE 4, DELETE 8, ADMIN 16). */
export interface Acl {
  scheme: string;
  id: string;
  perms: number;
}

export type Op =
  /** `acl` overrides the client's default ACLs for this znode. */
  | { op: 'create'; path: string; data?: ZnodeData; mode?: CreateMode; acl?: Acl[] }
  | { op: 'set'; path: string; data: ZnodeData; version?: number }
  | { op: 'remove'; path: string; version?: number }
  | { op: 'check'; path: string; version: number };

/** ZooKeeper permission bits. */
export const PERM = { READ: 1, WRITE: 2, CREATE: 4, DELETE: 8, ADMIN: 16, ALL: 31 } as const;

/** ZooKeeper's digest id for `user:password`: user:base64(sha1(user:password)). */
export function digestId(auth: string): string {
  return `${auth.slice(0, auth.indexOf(':'))}:${createHash('sha1').update(auth).digest('base64')}`;
}

/** Kafka's sensitive paths (ZkData.sensitivePath, 1.1+): creator-only, never world-readable. */
export function isSensitivePath(path: string): boolean {
  return /^\/(config\/(brokers|users)|delegation_token)(\/|$)/.test(path);
}

/**
 * The ACL of a znode ktool creates while authenticated (kafka-zk-safety.md H5): the parent's
 * entries, so Kafka's own principal (sasl/x509/digest) keeps its rights on what ktool made, minus
 * world:anyone entries (an open parent must not make ktool's znodes world-writable); plus ktool's
 * identity with every right ('auth' = the ids this session authenticated as); plus world READ,
 * except on Kafka's sensitive paths.
 */
export function inheritedAcl(path: string, parentAcl: readonly Acl[], selfDigest?: string): Acl[] {
  // Our own digest entry is covered by the 'auth' entry (ZooKeeper does not merge duplicates).
  const out: Acl[] = parentAcl.filter((a) => !(a.scheme === 'world' && a.id === 'anyone') && a.scheme !== 'auth' && !(a.scheme === 'digest' && a.id === selfDigest));
  out.push({ scheme: 'auth', id: '', perms: PERM.ALL });
  if (!isSensitivePath(path)) out.push({ scheme: 'world', id: 'anyone', perms: PERM.READ });
  return out;
}

const parentOf = (path: string): string => {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
};

export interface OpResult {
  op: Op['op'];
  /** Created path (create ops; with sequence suffix for sequential modes). */
  path?: string;
  /** New stat (set ops). */
  stat?: ZkStat;
}

export interface ConnectOptions {
  /** How long to wait for the first connection before giving up with ZkConnectError. */
  connectTimeoutMs?: number;
  sessionTimeoutMs?: number;
  /** Digest credentials `user:password`; znodes we create then get inheritedAcl(): the parent's entries + ours + world read. */
  auth?: string;
  /** Fail any single request that has not completed within this time (tools; not the daemon). */
  requestTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
export const DEFAULT_SESSION_TIMEOUT_MS = 30_000;

const EVENT_TYPES: Record<number, WatchEventType> = {
  1: 'created',
  2: 'deleted',
  3: 'dataChanged',
  4: 'childrenChanged',
};

function toStat(s: ZkLib.Stat): ZkStat {
  const owner = s.ephemeralOwner.readBigInt64BE(0);
  return {
    version: s.version,
    cversion: s.cversion,
    aversion: s.aversion,
    numChildren: s.numChildren,
    dataLength: s.dataLength,
    ephemeralOwner: owner.toString(16),
    czxid: s.czxid.readBigInt64BE(0),
    mzxid: s.mzxid.readBigInt64BE(0),
    ctime: Number(s.ctime.readBigInt64BE(0)),
    mtime: Number(s.mtime.readBigInt64BE(0)),
  };
}

function toBuffer(data: ZnodeData | undefined): Buffer | undefined {
  if (data === null || data === undefined) return undefined;
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

function wrapError(err: unknown, path: string): Error {
  const e = err as { code?: unknown; getCode?: () => number };
  if (typeof e?.getCode === 'function') return new ZkError(codeFromNumber(e.getCode()), path);
  return err instanceof Error ? err : new Error(String(err));
}

/** Split `h1:2181,h2:2181/kafka` into hosts and chroot ('' when none). */
export function parseConnectionString(cs: string): { hosts: string; chroot: string } {
  const i = cs.indexOf('/');
  if (i < 0) return { hosts: cs, chroot: '' };
  const chroot = cs.slice(i).replace(/\/+$/, '');
  return { hosts: cs.slice(0, i), chroot: chroot === '/' ? '' : chroot };
}

/**
 * node-zookeeper-client waits forever for the answer to its connect request once the TCP connect
 * succeeded; a ZooKeeper server that is restarting can accept the socket and never answer (seen
 * here after a restart: the client stayed disconnected for good and no 'expired' came). Destroy
 * such a socket after the library's own connect timeout so it retries, with the same session, on
 * the next server.
 */
function guardStuckConnect(client: ZkLib.Client): NodeJS.Timeout {
  const cm = (client as unknown as { connectionManager: { state: number; socket?: { destroy(): void }; connectTimeout?: number } }).connectionManager;
  const CONNECTING = 1; // ConnectionManager.STATES.CONNECTING
  let healthyAt = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    if (cm.state !== CONNECTING) {
      healthyAt = now;
      return;
    }
    if (now - healthyAt > Math.max(1000, cm.connectTimeout ?? 2000) && cm.socket) {
      healthyAt = now;
      cm.socket.destroy();
    }
  }, 250);
  timer.unref();
  return timer;
}

export class ZkClient extends EventEmitter {
  private closed = false;

  private constructor(
    private readonly lib: Lib,
    private readonly client: ZkLib.Client,
    readonly connectionString: string,
    private readonly acls: ZkLib.ACL[],
    private readonly requestTimeoutMs: number | undefined,
    /** The digest user of KTOOL_ZK_AUTH (for messages), when authenticated. */
    private readonly authUser?: string,
    private readonly selfDigest?: string,
  ) {
    super();
    client.on('state', (state: ZkLib.State) => {
      const S = lib.State;
      if (state === S.EXPIRED) this.emit('expired');
      else if (state === S.DISCONNECTED) this.emit('disconnected');
      else if (state === S.SYNC_CONNECTED) this.emit('connected');
      else if (state === S.AUTH_FAILED) this.emit('authFailed');
    });
  }

  /** Connect, or fail with ZkConnectError naming the connection string (never hang). */
  static async connect(connectionString: string, opts: ConnectOptions = {}): Promise<ZkClient> {
    // The library would throw from a socket callback (uncatchable) on a bad port: check first.
    validateConnectionString(connectionString);
    const lib = await loadLib();
    const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let client: ZkLib.Client;
    try {
      client = lib.createClient(connectionString, {
        sessionTimeout: opts.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
        spinDelay: 200,
        retries: 0,
      });
    } catch (err) {
      throw new Error(`Invalid ZooKeeper connection string "${connectionString}": ${(err as Error).message}`);
    }
    let acls = (lib.ACL as unknown as { OPEN_ACL_UNSAFE: ZkLib.ACL[] }).OPEN_ACL_UNSAFE;
    if (opts.auth) {
      if (!opts.auth.includes(':')) throw new Error('KTOOL_ZK_AUTH must have the form user:password');
      client.addAuthInfo('digest', Buffer.from(opts.auth));
      // Kafka's secure ACLs: the creator may do anything, everyone may read.
      acls = [
        new lib.ACL(lib.Permission.ALL, new lib.Id('auth', '')),
        new lib.ACL(lib.Permission.READ, new lib.Id('world', 'anyone')),
      ];
    }
    const watchdog = guardStuckConnect(client);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(watchdog);
        client.close();
        reject(new ZkConnectError(connectionString, connectTimeoutMs));
      }, connectTimeoutMs);
      client.once('connected', () => {
        clearTimeout(timer);
        resolve();
      });
      client.connect();
    });
    const zk = new ZkClient(lib, client, connectionString, acls, opts.requestTimeoutMs, opts.auth ? opts.auth.slice(0, opts.auth.indexOf(':')) : undefined, opts.auth ? digestId(opts.auth) : undefined);
    zk.watchdog = watchdog;
    return zk;
  }

  private watchdog?: NodeJS.Timeout;

  get sessionId(): string {
    return this.client.getSessionId().toString('hex');
  }

  get sessionTimeoutMs(): number {
    return this.client.getSessionTimeout();
  }

  private call<T>(path: string, fn: (cb: (err: unknown, ...rest: unknown[]) => void) => void, pick: (...rest: unknown[]) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      if (this.requestTimeoutMs) {
        timer = setTimeout(
          () => reject(new ZkError('OPERATION_TIMEOUT', path, `ZooKeeper at ${this.connectionString} did not answer within ${this.requestTimeoutMs} ms`)),
          this.requestTimeoutMs,
        );
      }
      fn((err, ...rest) => {
        if (timer) clearTimeout(timer);
        if (err) reject(wrapError(err, path));
        else resolve(pick(...rest));
      });
    });
  }

  /**
   * ACLs for znodes created without an explicit one. Unauthenticated: the client default (open).
   * Authenticated: inheritedAcl() of each parent, read once per call; a parent created earlier in
   * the same batch counts with the ACL computed for it.
   */
  private async defaultAcls(paths: readonly string[]): Promise<ZkLib.ACL[][]> {
    if (!this.authUser) return paths.map(() => this.acls);
    const planned = new Map<string, Acl[]>();
    const parents = [...new Set(paths.map(parentOf))].filter((pp) => !paths.includes(pp));
    const read = new Map<string, Acl[]>();
    await Promise.all(
      parents.map(async (pp) => {
        try {
          read.set(pp, await this.getAcl(pp));
        } catch (err) {
          // A missing parent makes the create fail anyway, with ZooKeeper's own error.
          if (!isZkCode(err, 'NO_NODE')) throw err;
          read.set(pp, []);
        }
      }),
    );
    return paths.map((path) => {
      const acl = inheritedAcl(path, planned.get(parentOf(path)) ?? read.get(parentOf(path)) ?? [], this.selfDigest);
      planned.set(path, acl);
      return this.toLibAcls(acl);
    });
  }

  private watcherFor(watch: Watcher | undefined): ((e: ZkLib.Event) => void) | undefined {
    if (!watch) return undefined;
    return (e: ZkLib.Event) => watch({ type: EVENT_TYPES[e.getType()] ?? 'dataChanged', path: e.getPath() });
  }

  /**
   * Reads are idempotent: when the connection drops (a quorum leader died, the server we talk to
   * went away) wait for the library to reconnect within the same session, then ask again.
   * Writes are never retried here: the caller cannot know whether a lost write was applied.
   */
  private async retryRead<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (attempt >= 8 || this.closed || !isZkCode(err, 'CONNECTION_LOSS')) throw err;
        await this.waitConnected(this.requestTimeoutMs ?? 30_000);
      }
    }
  }

  private waitConnected(timeoutMs: number): Promise<void> {
    const S = this.lib.State;
    if (this.client.getState() === S.SYNC_CONNECTED) return new Promise((r) => setTimeout(r, 50));
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.off('connected', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.on('connected', done);
    });
  }

  async getData(path: string, watch?: Watcher): Promise<{ data: Buffer | null; stat: ZkStat }> {
    return this.retryRead(() => this.getDataOnce(path, watch));
  }

  private async getDataOnce(path: string, watch?: Watcher): Promise<{ data: Buffer | null; stat: ZkStat }> {
    const w = this.watcherFor(watch);
    return this.call(
      path,
      (cb) => (w ? this.client.getData(path, w, cb) : this.client.getData(path, cb)),
      (data, stat) => ({ data: (data as Buffer | undefined) ?? null, stat: toStat(stat as ZkLib.Stat) }),
    );
  }

  /** getData, or null when the znode does not exist (the watch is then an exists-watch). */
  async tryGetData(path: string, watch?: Watcher): Promise<{ data: Buffer | null; stat: ZkStat } | null> {
    try {
      return await this.getData(path, watch);
    } catch (err) {
      if (!isZkCode(err, 'NO_NODE')) throw err;
      if (watch) {
        // Keep watching for the node to appear; if it appeared meanwhile, read it.
        const stat = await this.exists(path, watch);
        if (stat) return this.tryGetData(path);
      }
      return null;
    }
  }

  async exists(path: string, watch?: Watcher): Promise<ZkStat | null> {
    return this.retryRead(() => this.existsOnce(path, watch));
  }

  private async existsOnce(path: string, watch?: Watcher): Promise<ZkStat | null> {
    const w = this.watcherFor(watch);
    return this.call(
      path,
      (cb) => (w ? this.client.exists(path, w, cb) : this.client.exists(path, cb)),
      (stat) => (stat ? toStat(stat as ZkLib.Stat) : null),
    );
  }

  async getChildren(path: string, watch?: Watcher): Promise<{ children: string[]; stat: ZkStat }> {
    return this.retryRead(() => this.getChildrenOnce(path, watch));
  }

  private async getChildrenOnce(path: string, watch?: Watcher): Promise<{ children: string[]; stat: ZkStat }> {
    const w = this.watcherFor(watch);
    return this.call(
      path,
      (cb) => (w ? this.client.getChildren(path, w, cb) : this.client.getChildren(path, cb)),
      (children, stat) => ({ children: children as string[], stat: toStat(stat as ZkLib.Stat) }),
    );
  }

  /** Children, or [] when the parent does not exist. */
  async childrenOrEmpty(path: string, watch?: Watcher): Promise<string[]> {
    try {
      return (await this.getChildren(path, watch)).children;
    } catch (err) {
      if (isZkCode(err, 'NO_NODE')) return [];
      throw err;
    }
  }

  private mode(mode: CreateMode | undefined): number {
    const M = this.lib.CreateMode;
    switch (mode ?? 'persistent') {
      case 'persistent':
        return M.PERSISTENT;
      case 'ephemeral':
        return M.EPHEMERAL;
      case 'persistent_sequential':
        return M.PERSISTENT_SEQUENTIAL;
      case 'ephemeral_sequential':
        return M.EPHEMERAL_SEQUENTIAL;
    }
  }

  /** `acl` overrides the default ACLs (open without auth; with auth inheritedAcl() of the parent). */
  async create(path: string, data: ZnodeData = null, mode?: CreateMode, acl?: Acl[]): Promise<string> {
    const buf = toBuffer(data);
    const m = this.mode(mode);
    const acls = acl ? this.toLibAcls(acl) : (await this.defaultAcls([path]))[0]!;
    return this.call(
      path,
      (cb) => (buf ? this.client.create(path, buf, acls, m, cb) : this.client.create(path, acls, m, cb)),
      (created) => created as string,
    );
  }

  /** The ACL entries of a znode. */
  async getAcl(path: string): Promise<Acl[]> {
    return this.call(
      path,
      (cb) => this.client.getACL(path, cb as never),
      (acls) => (acls as ZkLib.ACL[]).map((a) => ({ scheme: a.id.scheme, id: a.id.id, perms: (a as unknown as { permission: number }).permission })),
    );
  }

  /** Replace a znode's ACL (conditional on its ACL version when given), as zkCli's setAcl. */
  async setAcl(path: string, acl: Acl[], aclVersion = -1): Promise<ZkStat> {
    return this.call(
      path,
      (cb) => this.client.setACL(path, this.toLibAcls(acl), aclVersion, cb as never),
      (stat) => toStat(stat as ZkLib.Stat),
    );
  }

  /** Whether this client authenticates (KTOOL_ZK_AUTH): created znodes then get inheritedAcl(). */
  get authenticated(): boolean {
    return this.authUser !== undefined;
  }

  private toLibAcls(acl: Acl[]): ZkLib.ACL[] {
    return acl.map((a) => new this.lib.ACL(a.perms, new this.lib.Id(a.scheme, a.id)));
  }

  async setData(path: string, data: ZnodeData, version = -1): Promise<ZkStat> {
    const buf = toBuffer(data) ?? null;
    return this.call(
      path,
      (cb) => this.client.setData(path, buf, version, cb),
      (stat) => toStat(stat as ZkLib.Stat),
    );
  }

  async remove(path: string, version = -1): Promise<void> {
    return this.call(
      path,
      (cb) => this.client.remove(path, version, cb),
      () => undefined,
    );
  }

  /** Create `path` and any missing parents as empty (null-data) persistent znodes, as Kafka does. */
  async mkdirp(path: string): Promise<void> {
    const parts = path.split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      cur += '/' + part;
      if (await this.exists(cur)) continue;
      try {
        await this.create(cur);
      } catch (err) {
        if (!isZkCode(err, 'NODE_EXISTS')) throw err;
      }
    }
  }

  /** Ensure the parents of `path` exist (for writers that create the leaf themselves). */
  async ensureParent(path: string): Promise<void> {
    const parent = path.slice(0, path.lastIndexOf('/'));
    if (parent) await this.mkdirp(parent);
  }

  /** All znodes below `path` (inclusive), parents before children. Missing root → []. */
  async listTree(path: string, concurrency = 16): Promise<string[]> {
    if (!(await this.exists(path))) return [];
    const out: string[] = [path];
    let level = [path];
    while (level.length) {
      const kids = await mapLimit(level, concurrency, async (p) =>
        (await this.childrenOrEmpty(p)).map((c) => (p === '/' ? '' : p) + '/' + c),
      );
      level = kids.flat();
      out.push(...level);
    }
    return out;
  }

  /**
   * Delete `path` and everything below it, deepest first. Tolerates znodes vanishing meanwhile;
   * retries when something was added under a node while we were deleting it.
   */
  async removeRecursive(path: string, concurrency = 16): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const tree = await this.listTree(path, concurrency);
      if (!tree.length) return;
      const byDepth = new Map<number, string[]>();
      for (const p of tree) {
        const d = p.split('/').length;
        (byDepth.get(d) ?? byDepth.set(d, []).get(d)!).push(p);
      }
      let raced = false;
      for (const depth of [...byDepth.keys()].sort((a, b) => b - a)) {
        await mapLimit(byDepth.get(depth)!, concurrency, async (p) => {
          try {
            await this.remove(p);
          } catch (err) {
            if (isZkCode(err, 'NOT_EMPTY')) raced = true;
            else if (!isZkCode(err, 'NO_NODE')) throw err;
          }
        });
      }
      if (!raced) return;
    }
    throw new ZkError('NOT_EMPTY', path, `Could not delete ${path}: children keep being added`);
  }

  /** Run ops atomically. On failure throws ZkMultiError naming the op that failed. */
  async multi(ops: Op[]): Promise<OpResult[]> {
    if (!ops.length) return [];
    const implicit = ops.filter((o): o is Extract<Op, { op: 'create' }> => o.op === 'create' && !o.acl);
    const implicitAcls = await this.defaultAcls(implicit.map((o) => o.path));
    const aclOf = new Map(implicit.map((o, i) => [o, implicitAcls[i]!] as const));
    const tx = this.client.transaction();
    for (const o of ops) {
      switch (o.op) {
        case 'create': {
          const buf = toBuffer(o.data);
          const acls = o.acl ? this.toLibAcls(o.acl) : aclOf.get(o)!;
          if (buf) tx.create(o.path, buf, acls, this.mode(o.mode));
          else tx.create(o.path, acls, this.mode(o.mode));
          break;
        }
        case 'set':
          tx.setData(o.path, toBuffer(o.data) ?? null, o.version ?? -1);
          break;
        case 'remove':
          tx.remove(o.path, o.version ?? -1);
          break;
        case 'check':
          tx.check(o.path, o.version);
          break;
      }
      // node-zookeeper-client turns version 0 into -1 ("any version") inside transactions
      // (`version || -1`), which would make a versioned write on a fresh znode unconditional.
      // Put the real version back on the op it just queued.
      if (o.op !== 'create') {
        const queued = (tx as unknown as { ops: Array<{ version?: number }> }).ops;
        queued[queued.length - 1]!.version = o.version ?? -1;
      }
    }
    return new Promise<OpResult[]>((resolve, reject) => {
      tx.commit((err: unknown, results: Array<{ type: number; path?: string; stat?: ZkLib.Stat; err?: number }>) => {
        if (err) {
          if (Array.isArray(results)) {
            // Every op reports an error; the real cause is the first that is not a rollback marker.
            const idx = results.findIndex((r) => r.err !== undefined && r.err !== 0 && r.err !== -2);
            if (idx >= 0) {
              reject(new ZkMultiError(codeFromNumber(results[idx]!.err!), ops[idx]!.path, idx));
              return;
            }
          }
          reject(wrapError(err, ops[0]!.path));
          return;
        }
        resolve(
          results.map((r, i) => ({
            op: ops[i]!.op,
            path: r.path,
            stat: r.stat ? toStat(r.stat) : undefined,
          })),
        );
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      this.client.once('disconnected', () => {
        clearTimeout(timer);
        resolve();
      });
      this.client.close();
    });
  }
}
