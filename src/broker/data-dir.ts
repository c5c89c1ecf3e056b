// The broker's log directory: meta.properties (as Kafka writes it) and one directory per hosted
// replica, `<data-dir>/<topic>-<partition>`. There is no log data in it; the directories show
// which replicas this broker hosts, as a real broker's log dirs do. Replica directories are made and
// removed off the event loop (a few workers over one FIFO queue, one op per directory at a time):
// synchronous mkdir for the 60k replicas of a LeaderAndIsr blocked the daemon for seconds, long
// enough to lose its ZooKeeper session.
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CommandError } from '../cli/errors.js';
import { parseProperties } from './properties.js';

const DIR_WORKERS = 8;

interface DirOp {
  dir: string;
  remove: boolean;
  done?: (changed: boolean) => void;
}

export class DataDir {
  private ops: Array<DirOp | undefined> = [];
  private head = 0;
  private workers = 0;
  /** Directories with an op in flight (at most DIR_WORKERS). */
  private readonly busy = new Map<string, Promise<unknown>>();
  /** Where failures of queued ops are reported. */
  onError: (msg: string) => void = () => undefined;

  constructor(readonly root: string) {}

  /** Create the root and check/write meta.properties; refuses a directory owned by another broker id. */
  init(brokerId: number): void {
    try {
      mkdirSync(this.root, { recursive: true });
    } catch (err) {
      throw new CommandError(`Cannot create data directory ${this.root}: ${(err as Error).message}`);
    }
    const meta = join(this.root, 'meta.properties');
    if (existsSync(meta)) {
      const stored = parseProperties(readFileSync(meta, 'utf8')).get('broker.id');
      if (stored !== undefined && Number(stored) !== brokerId) {
        throw new CommandError(`Configured broker.id ${brokerId} doesn't match stored broker.id ${stored} in meta.properties (${meta})`);
      }
      return;
    }
    writeFileSync(meta, `#\n#${new Date().toString()}\nversion=0\nbroker.id=${brokerId}\n`);
  }

  replicaDir(topic: string, partition: number): string {
    return join(this.root, `${topic}-${partition}`);
  }

  /** Create a replica's directory after any queued op on it; true when it was newly created. */
  ensureReplica(topic: string, partition: number): Promise<boolean> {
    return new Promise((done) => this.push({ dir: this.replicaDir(topic, partition), remove: false, done }));
  }

  /** Remove a replica's directory after any queued op on it; true when something was deleted. */
  removeReplica(topic: string, partition: number): Promise<boolean> {
    return new Promise((done) => this.push({ dir: this.replicaDir(topic, partition), remove: true, done }));
  }

  private push(op: DirOp): void {
    this.ops.push(op);
    while (this.workers < DIR_WORKERS && this.workers < this.ops.length - this.head) {
      this.workers++;
      void this.work();
    }
  }

  private async work(): Promise<void> {
    try {
      while (this.head < this.ops.length) {
        const op = this.ops[this.head]!;
        this.ops[this.head++] = undefined;
        if (this.head >= 4096 && this.head * 2 >= this.ops.length) {
          this.ops = this.ops.slice(this.head);
          this.head = 0;
        }
        const prior = this.busy.get(op.dir);
        if (prior) await prior;
        const p = this.apply(op);
        this.busy.set(op.dir, p);
        const changed = await p;
        if (this.busy.get(op.dir) === p) this.busy.delete(op.dir);
        op.done?.(changed);
      }
    } finally {
      this.workers--;
    }
  }

  private async apply(op: DirOp): Promise<boolean> {
    try {
      if (!op.remove) {
        // Not recursive (the root exists since init): a plain mkdir is one syscall.
        try {
          await mkdir(op.dir);
          return true;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          return (await mkdir(op.dir, { recursive: true })) !== undefined;
        }
      }
      try {
        await stat(op.dir);
      } catch {
        return false;
      }
      await rm(op.dir, { recursive: true, force: true });
      return true;
    } catch (err) {
      this.onError(`Could not ${op.remove ? 'remove' : 'create'} replica directory ${op.dir}: ${(err as Error).message}`);
      return false;
    }
  }

  /** `<topic>-<partition>` directories present on disk. */
  listReplicaDirs(): string[] {
    return readdirSync(this.root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && /-\d+$/.test(d.name))
      .map((d) => d.name)
      .sort();
  }
}
