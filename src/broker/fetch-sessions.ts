// Leader side of incremental fetch sessions (see FetchRequest in protocol.ts): per follower, the
// partitions it fetches and their offsets, plus when it last fetched. A steady-state fetch then
// costs O(1) instead of O(partitions); the ISR logic asks `caughtUpAt` when it needs to know.
import { tpKey } from './partition.js';

export interface FetchSession {
  id: number;
  replicaId: number;
  epoch: number;
  /** partition key → the follower's fetch offset. */
  offsets: Map<string, number>;
  lastFetch: number;
}

export class FetchSessions {
  private nextId = 1;
  private readonly byId = new Map<number, FetchSession>();
  /** The current session of each follower (a new full fetch replaces the old session). */
  private readonly byReplica = new Map<number, FetchSession>();

  open(replicaId: number, now: number): FetchSession {
    const old = this.byReplica.get(replicaId);
    if (old) this.byId.delete(old.id);
    const s: FetchSession = { id: this.nextId++, replicaId, epoch: 0, offsets: new Map(), lastFetch: now };
    this.byId.set(s.id, s);
    this.byReplica.set(replicaId, s);
    return s;
  }

  get(id: number): FetchSession | undefined {
    return this.byId.get(id);
  }

  /** When `replicaId` last fetched `topic-partition` at an offset >= `leo` (undefined: not fetching it). */
  caughtUpAt(replicaId: number, topic: string, partition: number, leo: number): number | undefined {
    const s = this.byReplica.get(replicaId);
    if (!s) return undefined;
    const off = s.offsets.get(tpKey(topic, partition));
    return off !== undefined && off >= leo ? s.lastFetch : undefined;
  }

  /** Forget sessions idle for longer than `idleMs` (their followers are gone). */
  expire(now: number, idleMs: number): void {
    for (const s of this.byId.values()) {
      if (now - s.lastFetch <= idleMs) continue;
      this.byId.delete(s.id);
      if (this.byReplica.get(s.replicaId) === s) this.byReplica.delete(s.replicaId);
    }
  }

  clear(): void {
    this.byId.clear();
    this.byReplica.clear();
  }
}
