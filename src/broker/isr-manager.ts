// Leader side of replication (Kafka 0.9 semantics): serves follower fetches (fetch-sessions.ts), adds a caught-up
// assigned follower to the ISR, drops a follower that has not caught up for replica.lag.time.max.ms
// (checked every half of it), and writes the state znode with a CAS on the version from the last
// LeaderAndIsr or our own last write, keeping leader_epoch and the decision's controller_epoch.
// As in Kafka, a follower joins the ISR only in the fetch path: on a caught-up fetch handled after
// the LeaderAndIsr that made us leader (or removed it). A decision of the controller that took it
// out therefore holds until it fetches again; when it last fetched before that never counts.
import type { ZkClient } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import { partitionStatePath } from '../zk/paths.js';
import { decodePartitionState, encodePartitionState } from '../zk/codecs/partitionState.js';
import type { FetchRequest, FetchResponse } from './protocol.js';
import { ErrorCode } from './protocol.js';
import type { LocalPartition } from './partition.js';
import { tpKey } from './partition.js';
import type { Logger } from './logger.js';
import type { IsrChangeNotifier } from './isr-notifier.js';
import { FetchSessions, type FetchSession } from './fetch-sessions.js';
import { BurstLog } from './burst-log.js';

const fmt = (l: number[]): string => `[${l.join(',')}]`;

export class IsrManager {
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<string>();
  /** Partitions to re-evaluate once their in-flight write finishes. */
  private readonly again = new Set<string>();
  private readonly sessions = new FetchSessions();
  /** Per follower: partitions we lead where it is assigned but not in the ISR, so that an
   *  incremental fetch (which lists only changed partitions) can still let it join. */
  private readonly joinable = new Map<number, Set<LocalPartition>>();
  private readonly changes: BurstLog;

  constructor(
    private readonly brokerId: number,
    private readonly partitions: Map<string, LocalPartition>,
    private readonly lagMaxMs: () => number,
    private readonly zk: () => ZkClient | undefined,
    private readonly notifier: IsrChangeNotifier,
    private readonly log: Logger,
  ) {
    this.changes = new BurstLog(log);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.checkIsr(), Math.max(1, Math.floor(this.lagMaxMs() / 2)));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sessions.clear();
    this.joinable.clear();
    this.changes.flush();
  }

  /** Index `p` under each assigned follower outside its ISR (stale entries are dropped lazily). */
  private trackJoiners(p: LocalPartition): void {
    if (p.role !== 'leader') return;
    for (const r of p.replicas) {
      if (r === this.brokerId || p.isr.includes(r)) continue;
      let set = this.joinable.get(r);
      if (!set) this.joinable.set(r, (set = new Set()));
      set.add(p);
    }
  }

  /** A fetch from `r` arrived: partitions it may join whose session offset shows it caught up. */
  private scanJoinable(r: number, session: FetchSession, now: number): void {
    const set = this.joinable.get(r);
    if (!set) return;
    for (const p of set) {
      const key = tpKey(p.topic, p.partition);
      if (p.role !== 'leader' || this.partitions.get(key) !== p || p.isr.includes(r) || !p.replicas.includes(r)) {
        set.delete(p);
        continue;
      }
      const off = session.offsets.get(key);
      if (off === undefined || off < p.logEndOffset) continue;
      (p.lastCaughtUp ??= new Map()).set(r, now);
      this.evaluate(p);
    }
    if (!set.size) this.joinable.delete(r);
  }

  handleFetch(req: FetchRequest): FetchResponse {
    const now = Date.now();
    let session: FetchSession;
    if (!req.sessionId) {
      session = this.sessions.open(req.replicaId, now);
    } else {
      const s = this.sessions.get(req.sessionId);
      if (!s || s.replicaId !== req.replicaId) return { errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND, sessionId: 0, partitions: [] };
      if (req.sessionEpoch !== s.epoch + 1) return { errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH, sessionId: 0, partitions: [] };
      s.epoch++;
      s.lastFetch = now;
      session = s;
      for (const f of req.forgotten ?? []) s.offsets.delete(tpKey(f.topic, f.partition));
    }
    const out: FetchResponse['partitions'] = [];
    for (const f of req.partitions) {
      const key = tpKey(f.topic, f.partition);
      session.offsets.set(key, f.fetchOffset);
      const p = this.partitions.get(key);
      const base = { topic: f.topic, partition: f.partition, highWatermark: 0, logEndOffset: 0 };
      if (!p) {
        out.push({ ...base, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
        continue;
      }
      // A follower with a newer epoch knows something we have not been told yet.
      if (p.role !== 'leader' || f.leaderEpoch > p.leaderEpoch) {
        out.push({ ...base, errorCode: ErrorCode.NOT_LEADER_FOR_PARTITION });
        continue;
      }
      const hw = p.logEndOffset;
      if (f.fetchOffset >= p.logEndOffset) (p.lastCaughtUp ??= new Map()).set(req.replicaId, now);
      if (!p.isr.includes(req.replicaId) && p.replicas.includes(req.replicaId) && f.fetchOffset >= hw) this.evaluate(p);
      out.push({ ...base, errorCode: ErrorCode.NONE, highWatermark: hw, logEndOffset: p.logEndOffset });
    }
    this.scanJoinable(req.replicaId, session, now);
    return { errorCode: ErrorCode.NONE, sessionId: session.id, partitions: out };
  }

  /** Last time follower `r` was caught up on `p`: its own fetches or its session's latest one. */
  private caughtUpAt(p: LocalPartition, r: number): number | undefined {
    const own = p.lastCaughtUp?.get(r);
    const viaSession = this.sessions.caughtUpAt(r, p.topic, p.partition, p.logEndOffset);
    return own === undefined ? viaSession : viaSession === undefined ? own : Math.max(own, viaSession);
  }

  /** The leadership changed under us (LeaderAndIsr): fresh lag allowance, pending wait dropped. */
  leadershipChanged(p: LocalPartition): void {
    p.awaitingLeaderAndIsr = false;
    const now = Date.now();
    // ISR members get a fresh lag allowance; the others' progress is unknown (Kafka: LEO of remote
    // replicas reset) until a fetch handled from now on shows them caught up.
    p.lastCaughtUp = new Map(p.isr.filter((r) => r !== this.brokerId).map((r) => [r, now]));
    this.trackJoiners(p);
  }

  /** Every half lag: drop lagging ISR members (joining happens only in the fetch path). */
  private checkIsr(): void {
    const now = Date.now();
    const lag = this.lagMaxMs();
    this.sessions.expire(now, 2 * lag);
    for (const p of this.partitions.values()) {
      if (p.role !== 'leader' || p.awaitingLeaderAndIsr) continue;
      if (p.isr.some((r) => r !== this.brokerId && now - (this.caughtUpAt(p, r) ?? 0) > lag)) this.evaluate(p);
    }
  }

  /** The ISR this leader wants now: lagging members out, followers caught up by a fetch since the
   *  last LeaderAndIsr appended. */
  private desiredIsr(p: LocalPartition): number[] {
    const now = Date.now();
    const lag = this.lagMaxMs();
    const inSync = (r: number): boolean => r === this.brokerId || now - (this.caughtUpAt(p, r) ?? -Infinity) <= lag;
    const kept = p.isr.filter(inSync);
    const fetchedSince = (r: number): boolean => now - (p.lastCaughtUp?.get(r) ?? -Infinity) <= lag;
    const added = p.replicas.filter((r) => !p.isr.includes(r) && r !== this.brokerId && fetchedSince(r));
    const next = [...kept, ...added];
    if (!next.includes(this.brokerId)) next.unshift(this.brokerId);
    return next;
  }

  private evaluate(p: LocalPartition): void {
    const key = tpKey(p.topic, p.partition);
    if (this.inFlight.has(key)) {
      this.again.add(key);
      return;
    }
    if (p.role !== 'leader' || p.awaitingLeaderAndIsr) return;
    const next = this.desiredIsr(p);
    if (next.length === p.isr.length && next.every((r, i) => r === p.isr[i])) return;
    this.inFlight.add(key);
    void this.write(p, next).finally(() => {
      this.inFlight.delete(key);
      if (this.again.delete(key)) this.evaluate(p);
    });
  }

  private async write(p: LocalPartition, isr: number[]): Promise<void> {
    const zk = this.zk();
    if (!zk) return;
    const path = partitionStatePath(p.topic, p.partition);
    const epoch = p.leaderEpoch;
    const data = encodePartitionState({ leader: this.brokerId, leaderEpoch: p.leaderEpoch, isr, controllerEpoch: p.controllerEpoch });
    try {
      const stat = await zk.setData(path, data, p.zkVersion);
      if (p.leaderEpoch !== epoch || p.role !== 'leader') return; // a LeaderAndIsr overtook us
      const what = isr.length < p.isr.length || p.isr.some((r) => !isr.includes(r)) ? 'Shrinking' : 'Expanding';
      this.changes.add(`${what} ISR`, `${what} ISR for partition [${p.topic},${p.partition}] from ${fmt(p.isr)} to ${fmt(isr)} (zkVersion ${stat.version})`);
      p.isr = isr;
      p.zkVersion = stat.version;
      this.trackJoiners(p);
      this.notifier.record(p.topic, p.partition);
    } catch (err) {
      if (isZkCode(err, 'BAD_VERSION')) await this.reconcile(zk, p, path);
      else if (isZkCode(err, 'NO_NODE')) p.awaitingLeaderAndIsr = true;
      else this.log.warn(`Could not update ISR of [${p.topic},${p.partition}]: ${(err as Error).message}; will retry`);
    }
  }

  /** After BAD_VERSION: adopt the znode if it still records our leadership, else wait for the controller. */
  private async reconcile(zk: ZkClient, p: LocalPartition, path: string): Promise<void> {
    try {
      const r = await zk.getData(path);
      const s = decodePartitionState(r.data, path);
      if (s.leader === this.brokerId && s.leaderEpoch === p.leaderEpoch && s.controllerEpoch === p.controllerEpoch) {
        p.zkVersion = r.stat.version;
        p.isr = s.isr;
        this.trackJoiners(p);
        this.again.add(tpKey(p.topic, p.partition));
        return;
      }
      p.awaitingLeaderAndIsr = true;
      this.log.info(
        `Cached zkVersion ${p.zkVersion} of [${p.topic},${p.partition}] is stale (znode v${r.stat.version}, leader ${s.leader}, leader_epoch ${s.leaderEpoch}); skipping ISR update until the controller's LeaderAndIsr`,
      );
    } catch (err) {
      this.log.warn(`Could not re-read ${path}: ${(err as Error).message}`);
    }
  }
}
