// The broker's log directory: meta.properties (as Kafka writes it) and one directory per hosted
// replica, `<data-dir>/<topic>-<partition>`. There is no log data in it; the directories show
// which replicas this broker hosts, as a real broker's log dirs do.
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError } from '../cli/errors.js';
import { parseProperties } from './properties.js';

export class DataDir {
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

  /** Returns true when the directory was newly created. */
  ensureReplica(topic: string, partition: number): boolean {
    const dir = this.replicaDir(topic, partition);
    if (existsSync(dir)) return false;
    mkdirSync(dir, { recursive: true });
    return true;
  }

  /** Returns true when something was deleted. */
  removeReplica(topic: string, partition: number): boolean {
    const dir = this.replicaDir(topic, partition);
    if (!existsSync(dir)) return false;
    rmSync(dir, { recursive: true, force: true });
    return true;
  }

  /** `<topic>-<partition>` directories present on disk. */
  listReplicaDirs(): string[] {
    return readdirSync(this.root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && /-\d+$/.test(d.name))
      .map((d) => d.name)
      .sort();
  }
}
