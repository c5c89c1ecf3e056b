// Follower side of replication: one fetcher per leader broker sends one batched Fetch for all the
// partitions this broker follows from it, every FOLLOWER_FETCH_INTERVAL_MS, inside a fetch session
// (protocol.ts): a full fetch to open one, then only what changed, partitions added and removed
// included (a LeaderAndIsr arriving in chunks must not turn every fetch into a full one). The
// leader uses these fetches to keep its ISR (isr-manager.ts).
import { RpcClient } from './rpc.js';
import type { BrokerEndpoint, FetchRequest } from './protocol.js';
import { ErrorCode } from './protocol.js';
import type { Logger } from './logger.js';
import { FETCH_TIMEOUT_MS, FOLLOWER_FETCH_INTERVAL_MS } from './timing.js';
import { tpKey } from './partition.js';

interface FetchEntry {
  topic: string;
  partition: number;
  leaderEpoch: number;
  fetchOffset: number;
  /** What the leader last heard from us in the current session (-1: nothing yet). */
  sentEpoch?: number;
  sentOffset?: number;
}

class LeaderFetcher {
  private readonly partitions = new Map<string, FetchEntry>();
  private client: RpcClient;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failing = false;
  /** Fetch session with the leader (0 = none: the next fetch is a full one). */
  private sessionId = 0;
  private sessionEpoch = 0;
  /** The next fetch must be a full one (no session, or it went out of step). */
  private dirty = true;
  /** Partitions removed since the last request of the current session (sent as `forgotten`). */
  private forgotten: Array<{ topic: string; partition: number }> = [];

  constructor(
    private readonly replicaId: number,
    readonly leader: BrokerEndpoint,
    private readonly log: Logger,
    private readonly onProgress: (topic: string, partition: number, logEndOffset: number) => void,
  ) {
    this.client = new RpcClient(leader.host, leader.port, FETCH_TIMEOUT_MS);
    this.schedule(0);
  }

  get size(): number {
    return this.partitions.size;
  }

  entries(): FetchEntry[] {
    return [...this.partitions.values()];
  }

  has(key: string): boolean {
    return this.partitions.has(key);
  }

  set(key: string, e: FetchEntry): void {
    // A new entry has no sentEpoch: the next incremental fetch lists it, which adds it to the session.
    this.partitions.set(key, e);
  }

  delete(key: string): boolean {
    const e = this.partitions.get(key);
    if (!e) return false;
    this.partitions.delete(key);
    // Also when it may only be in a request still in flight: the leader must not keep counting us
    // as fetching it (it would let us into the ISR). Before a full fetch nothing needs forgetting.
    if (!this.dirty) this.forgotten.push({ topic: e.topic, partition: e.partition });
    return true;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.fetchOnce(), delay);
  }

  private buildRequest(): { req: FetchRequest; full: boolean; included: FetchEntry[] } {
    const full = this.dirty || this.sessionId === 0;
    const included: FetchEntry[] = [];
    const list: FetchRequest['partitions'] = [];
    for (const p of this.partitions.values()) {
      if (full || p.sentEpoch !== p.leaderEpoch || p.sentOffset !== p.fetchOffset) {
        included.push(p);
        list.push({ topic: p.topic, partition: p.partition, leaderEpoch: p.leaderEpoch, fetchOffset: p.fetchOffset });
      }
    }
    this.dirty = false;
    const forgotten = this.forgotten;
    this.forgotten = [];
    const req: FetchRequest = full
      ? { type: 'Fetch', replicaId: this.replicaId, partitions: list }
      : { type: 'Fetch', replicaId: this.replicaId, partitions: list, sessionId: this.sessionId, sessionEpoch: this.sessionEpoch + 1, ...(forgotten.length ? { forgotten } : {}) };
    return { req, full, included };
  }

  private async fetchOnce(): Promise<void> {
    if (this.stopped || !this.partitions.size) return this.schedule(FOLLOWER_FETCH_INTERVAL_MS);
    const { req, full, included } = this.buildRequest();
    try {
      const res = await this.client.send(req);
      if (this.failing) this.log.info(`Fetching from leader ${this.leader.id} at ${this.leader.host}:${this.leader.port} works again`);
      this.failing = false;
      if (res.errorCode !== ErrorCode.NONE) {
        // Session unknown (leader restarted) or out of step: start over with a full fetch.
        this.sessionId = 0;
        this.dirty = true;
        this.forgotten = [];
      } else {
        if (full) {
          this.sessionId = res.sessionId ?? 0;
          this.sessionEpoch = 0;
        } else {
          this.sessionEpoch++;
        }
        req.partitions.forEach((sent, i) => {
          included[i]!.sentEpoch = sent.leaderEpoch;
          included[i]!.sentOffset = sent.fetchOffset;
        });
        for (const p of res.partitions) {
          const e = this.partitions.get(tpKey(p.topic, p.partition));
          if (!e || p.errorCode !== ErrorCode.NONE) continue;
          // No log data exists: "replicating" means adopting the leader's end offset.
          e.fetchOffset = p.logEndOffset;
          this.onProgress(p.topic, p.partition, p.logEndOffset);
        }
      }
    } catch (err) {
      if (!this.failing && !this.stopped) this.log.warn(`Fetch from leader ${this.leader.id} at ${this.leader.host}:${this.leader.port} failed: ${(err as Error).message}`);
      this.failing = true;
      this.sessionId = 0;
      this.dirty = true;
      this.forgotten = [];
    }
    this.schedule(FOLLOWER_FETCH_INTERVAL_MS);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.client.close();
  }
}

export class FetcherManager {
  private readonly fetchers = new Map<number, LeaderFetcher>();

  constructor(
    private readonly replicaId: number,
    private readonly log: Logger,
    private readonly onProgress: (topic: string, partition: number, logEndOffset: number) => void = () => {},
  ) {}

  /** Follow `topic-partition` from `leader` (moving it from any other leader's fetcher). */
  add(leader: BrokerEndpoint, topic: string, partition: number, leaderEpoch: number, fetchOffset: number): void {
    const key = tpKey(topic, partition);
    for (const [id, f] of this.fetchers) if (id !== leader.id) this.removeFrom(id, f, key);
    let f = this.fetchers.get(leader.id);
    if (f && (f.leader.host !== leader.host || f.leader.port !== leader.port)) {
      // The leader re-registered on another address: start over with a new connection.
      const moved = f.entries();
      f.stop();
      this.fetchers.delete(leader.id);
      f = undefined;
      for (const m of moved) if (tpKey(m.topic, m.partition) !== key) this.add(leader, m.topic, m.partition, m.leaderEpoch, m.fetchOffset);
      f = this.fetchers.get(leader.id);
    }
    if (!f) {
      f = new LeaderFetcher(this.replicaId, leader, this.log, this.onProgress);
      this.fetchers.set(leader.id, f);
    }
    f.set(key, { topic, partition, leaderEpoch, fetchOffset });
  }

  remove(topic: string, partition: number): void {
    const key = tpKey(topic, partition);
    for (const [id, f] of this.fetchers) this.removeFrom(id, f, key);
  }

  private removeFrom(id: number, f: LeaderFetcher, key: string): void {
    if (!f.delete(key)) return;
    if (!f.size) {
      f.stop();
      this.fetchers.delete(id);
    }
  }

  leaderOf(topic: string, partition: number): number | undefined {
    const key = tpKey(topic, partition);
    for (const [id, f] of this.fetchers) if (f.has(key)) return id;
    return undefined;
  }

  stopAll(): void {
    for (const f of this.fetchers.values()) f.stop();
    this.fetchers.clear();
  }
}
