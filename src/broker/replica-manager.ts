// Controller → broker requests (Kafka's becomeLeaderOrFollower / stopReplicas / updateMetadata):
// fences stale controllers, accepts a partition's state only with a higher leader epoch, switches
// between leader and follower, and keeps the replica directories on disk in step.
import type {
  BrokerEndpoint,
  LeaderAndIsrRequest,
  LeaderAndIsrResponse,
  PartitionResult,
  StopReplicaRequest,
  StopReplicaResponse,
  UpdateMetadataRequest,
  UpdateMetadataResponse,
} from './protocol.js';
import { ErrorCode } from './protocol.js';
import type { LocalPartition } from './partition.js';
import { tpKey } from './partition.js';
import type { DataDir } from './data-dir.js';
import type { FetcherManager } from './fetcher.js';
import type { IsrManager } from './isr-manager.js';
import type { MetadataCache } from './metadata-cache.js';
import type { Logger } from './logger.js';

const fmt = (l: number[]): string => `[${l.join(',')}]`;

export class ReplicaManager {
  readonly partitions = new Map<string, LocalPartition>();
  /** Highest controller epoch seen on any request. */
  controllerEpoch = 0;
  shuttingDown = false;

  constructor(
    private readonly brokerId: number,
    private readonly dataDir: DataDir,
    private readonly fetchers: FetcherManager,
    private readonly isr: () => IsrManager,
    private readonly metadata: MetadataCache,
    private readonly log: Logger,
  ) {
    dataDir.onError = (msg) => log.warn(msg);
  }

  private stale(epoch: number, what: string, controllerId: number): boolean {
    if (epoch < this.controllerEpoch) {
      this.log.warn(`Ignoring ${what} from controller ${controllerId} with stale controller epoch ${epoch} (current ${this.controllerEpoch})`);
      return true;
    }
    this.controllerEpoch = epoch;
    return false;
  }

  async becomeLeaderOrFollower(req: LeaderAndIsrRequest): Promise<LeaderAndIsrResponse> {
    if (this.stale(req.controllerEpoch, 'LeaderAndIsr', req.controllerId)) {
      return {
        errorCode: ErrorCode.STALE_CONTROLLER_EPOCH,
        partitions: req.partitions.map((p) => ({ topic: p.topic, partition: p.partition, errorCode: ErrorCode.STALE_CONTROLLER_EPOCH })),
      };
    }
    const leaders = new Map<number, BrokerEndpoint>(req.leaders.map((l) => [l.id, l]));
    const results: PartitionResult[] = [];
    const created: Array<Promise<boolean>> = [];
    let led = 0;
    let followed = 0;
    for (const s of req.partitions) {
      const key = tpKey(s.topic, s.partition);
      if (!s.replicas.includes(this.brokerId)) {
        this.log.warn(`Ignoring LeaderAndIsr for [${s.topic},${s.partition}]: broker ${this.brokerId} is not in its replicas ${fmt(s.replicas)}`);
        results.push({ topic: s.topic, partition: s.partition, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
        continue;
      }
      let p = this.partitions.get(key);
      const known = p !== undefined;
      if (p && s.leaderEpoch <= p.leaderEpoch) {
        this.log.debug(`Ignoring LeaderAndIsr for [${s.topic},${s.partition}] with leader epoch ${s.leaderEpoch} (have ${p.leaderEpoch})`);
        results.push({ topic: s.topic, partition: s.partition, errorCode: ErrorCode.STALE_LEADER_EPOCH });
        continue;
      }
      if (!p) {
        p = {
          topic: s.topic,
          partition: s.partition,
          role: 'stopped',
          leader: -1,
          leaderEpoch: -1,
          controllerEpoch: s.controllerEpoch,
          zkVersion: s.zkVersion,
          replicas: s.replicas,
          isr: [],
          lastCaughtUp: null,
          awaitingLeaderAndIsr: false,
          logEndOffset: 0,
        };
        this.partitions.set(key, p);
      }
      // A replica we track already has its directory (StopReplica with delete drops both).
      if (!known) created.push(this.dataDir.ensureReplica(s.topic, s.partition));
      const before = `${p.role} (leader ${p.leader}, epoch ${p.leaderEpoch})`;
      p.leaderEpoch = s.leaderEpoch;
      p.controllerEpoch = s.controllerEpoch;
      p.zkVersion = s.zkVersion;
      p.replicas = s.replicas;
      p.leader = s.leader;
      if (s.leader === this.brokerId) {
        this.fetchers.remove(s.topic, s.partition);
        p.role = 'leader';
        p.isr = [...s.isr];
        this.isr().leadershipChanged(p);
        led++;
        this.log.debug(`[${s.topic},${s.partition}] ${before} -> leader, epoch ${s.leaderEpoch}, ISR ${fmt(s.isr)}, zkVersion ${s.zkVersion}`);
      } else {
        p.role = 'follower';
        p.isr = [];
        p.lastCaughtUp = null;
        p.awaitingLeaderAndIsr = false;
        const ep = leaders.get(s.leader) ?? this.metadata.endpoint(s.leader);
        if (s.leader >= 0 && ep && !this.shuttingDown) this.fetchers.add(ep, s.topic, s.partition, s.leaderEpoch, p.logEndOffset);
        else this.fetchers.remove(s.topic, s.partition);
        followed++;
        this.log.debug(`[${s.topic},${s.partition}] ${before} -> follower of ${s.leader}, epoch ${s.leaderEpoch}${ep || s.leader < 0 ? '' : ' (leader endpoint unknown: not fetching)'}`);
      }
      results.push({ topic: s.topic, partition: s.partition, errorCode: ErrorCode.NONE });
    }
    // Answer once the new replicas' directories exist, as Kafka answers after creating the logs.
    if (created.length) await Promise.all(created);
    if (led || followed) {
      this.log.info(`LeaderAndIsr from controller ${req.controllerId} (epoch ${req.controllerEpoch}): leader for ${led}, follower for ${followed} partition(s)`);
    }
    return { errorCode: ErrorCode.NONE, partitions: results };
  }

  async stopReplicas(req: StopReplicaRequest): Promise<StopReplicaResponse> {
    if (this.stale(req.controllerEpoch, 'StopReplica', req.controllerId)) {
      return {
        errorCode: ErrorCode.STALE_CONTROLLER_EPOCH,
        partitions: req.partitions.map((p) => ({ topic: p.topic, partition: p.partition, errorCode: ErrorCode.STALE_CONTROLLER_EPOCH })),
      };
    }
    const removals: Array<Promise<boolean>> = [];
    for (const { topic, partition } of req.partitions) {
      this.fetchers.remove(topic, partition);
      const key = tpKey(topic, partition);
      if (req.deletePartitions) {
        this.partitions.delete(key);
        // Also removes an orphaned directory this broker no longer tracks (deleted while it was down).
        removals.push(this.dataDir.removeReplica(topic, partition));
      } else {
        const p = this.partitions.get(key);
        if (p) {
          p.role = 'stopped';
          p.isr = [];
          p.lastCaughtUp = null;
        }
      }
    }
    // Answer once the directories are gone, as Kafka answers after deleting the logs.
    const deleted = (await Promise.all(removals)).filter(Boolean).length;
    this.log.info(
      `StopReplica from controller ${req.controllerId} (epoch ${req.controllerEpoch}) for ${req.partitions.length} partition(s)${req.deletePartitions ? `, deleted ${deleted} replica director${deleted === 1 ? 'y' : 'ies'}` : ''}`,
    );
    return { errorCode: ErrorCode.NONE, partitions: req.partitions.map((p) => ({ topic: p.topic, partition: p.partition, errorCode: ErrorCode.NONE })) };
  }

  updateMetadata(req: UpdateMetadataRequest): UpdateMetadataResponse {
    if (this.stale(req.controllerEpoch, 'UpdateMetadata', req.controllerId)) return { errorCode: ErrorCode.STALE_CONTROLLER_EPOCH };
    this.metadata.update(req);
    // Followers whose leader had no known endpoint can start fetching now.
    if (!this.shuttingDown) {
      for (const p of this.partitions.values()) {
        if (p.role !== 'follower' || p.leader < 0 || this.fetchers.leaderOf(p.topic, p.partition) !== undefined) continue;
        const ep = this.metadata.endpoint(p.leader);
        if (ep) this.fetchers.add(ep, p.topic, p.partition, p.leaderEpoch, p.logEndOffset);
      }
    }
    this.log.debug(`UpdateMetadata from controller ${req.controllerId}: ${req.liveBrokers.length} live broker(s), ${req.partitions.length} partition state(s)`);
    return { errorCode: ErrorCode.NONE };
  }

  /** Partitions this broker currently leads. */
  ledPartitions(): LocalPartition[] {
    return [...this.partitions.values()].filter((p) => p.role === 'leader');
  }
}
