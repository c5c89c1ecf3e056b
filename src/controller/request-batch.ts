// Collects the broker requests of one state change and sends them per broker at the end, in
// Kafka's order: LeaderAndIsr, then UpdateMetadata, then StopReplica (kafka-controller.md §3.2).
// UpdateMetadata nearly always goes to every live broker, so those partitions are kept once.
import type { PartitionLeaderState, TopicPartitionRef, StopReplicaResponse, BrokerEndpoint } from '../broker/protocol.js';
import { LEADER_DURING_DELETE } from '../zk/codecs/partitionState.js';
import { chunk } from '../zk/pipeline.js';
import type { ChannelManager } from './channel.js';
import { tpKey, type ControllerContext, type LeaderIsr } from './context.js';

/** Partitions per request, so one request never becomes a giant frame. */
const PARTITIONS_PER_REQUEST = 20_000;

export interface StopReplicaOutcome {
  broker: number;
  partitions: TopicPartitionRef[];
  /** null = not delivered. */
  response: StopReplicaResponse | null;
}

export function leaderState(topic: string, partition: number, li: LeaderIsr, replicas: number[]): PartitionLeaderState {
  return {
    topic,
    partition,
    controllerEpoch: li.controllerEpoch,
    leader: li.leader,
    leaderEpoch: li.leaderEpoch,
    isr: li.isr,
    zkVersion: li.zkVersion,
    replicas,
  };
}

export class RequestBatch {
  private readonly lai = new Map<number, Map<string, PartitionLeaderState>>();
  /** UpdateMetadata for every live broker. */
  private readonly umAll = new Map<string, PartitionLeaderState>();
  /** UpdateMetadata for particular brokers (e.g. everything to a broker that just started). */
  private readonly umSome = new Map<number, Map<string, PartitionLeaderState>>();
  /** Brokers that get an UpdateMetadata even without partitions (new broker list). */
  private readonly umBrokers = new Set<number>();
  private readonly stop = new Map<number, { del: TopicPartitionRef[]; keep: TopicPartitionRef[] }>();

  constructor(private readonly ctx: ControllerContext) {}

  /** The state brokers should see: leader -2 while the topic is being deleted. */
  private metadataState(st: PartitionLeaderState): PartitionLeaderState {
    return this.ctx.isBeingDeleted(st.topic) ? { ...st, leader: LEADER_DURING_DELETE } : st;
  }

  /** LeaderAndIsr to `brokers`, plus UpdateMetadata of the partition to every live broker. */
  addLeaderAndIsr(brokers: Iterable<number>, topic: string, partition: number, li: LeaderIsr, replicas: number[]): void {
    const st = leaderState(topic, partition, li, replicas);
    const key = tpKey(topic, partition);
    for (const b of brokers) {
      if (b < 0 || !this.ctx.isRegistered(b)) continue;
      let m = this.lai.get(b);
      if (!m) this.lai.set(b, (m = new Map()));
      m.set(key, st);
    }
    this.umAll.set(key, this.metadataState(st));
  }

  /** UpdateMetadata of the given partitions (cached state) to every live broker. */
  addUpdateMetadataAll(partitions: Iterable<TopicPartitionRef>): void {
    for (const b of this.ctx.liveBrokers.keys()) this.umBrokers.add(b);
    for (const { topic, partition } of partitions) {
      const info = this.ctx.partition(topic, partition);
      if (info?.li) this.umAll.set(tpKey(topic, partition), this.metadataState(leaderState(topic, partition, info.li, info.replicas)));
    }
  }

  /** UpdateMetadata of the given partitions (cached state) to some brokers; [] = broker list only. */
  addUpdateMetadata(brokers: Iterable<number>, partitions: Iterable<TopicPartitionRef>): void {
    const states: Array<[string, PartitionLeaderState]> = [];
    for (const { topic, partition } of partitions) {
      const info = this.ctx.partition(topic, partition);
      if (info?.li) states.push([tpKey(topic, partition), this.metadataState(leaderState(topic, partition, info.li, info.replicas))]);
    }
    for (const b of brokers) {
      if (!this.ctx.isRegistered(b)) continue;
      this.umBrokers.add(b);
      if (!states.length) continue;
      let m = this.umSome.get(b);
      if (!m) this.umSome.set(b, (m = new Map()));
      for (const [k, st] of states) m.set(k, st);
    }
  }

  addStopReplica(broker: number, tp: TopicPartitionRef, deletePartition: boolean): void {
    if (broker < 0) return;
    const s = this.stop.get(broker) ?? this.stop.set(broker, { del: [], keep: [] }).get(broker)!;
    (deletePartition ? s.del : s.keep).push({ topic: tp.topic, partition: tp.partition });
  }

  /** Queue everything to the brokers (never waits for them); `deletions` resolves with the
   *  outcome of each StopReplica(delete) request. */
  send(channel: ChannelManager): { deletions: Promise<StopReplicaOutcome[]> } {
    const { ctx } = this;
    const controllerId = ctx.brokerId;
    const controllerEpoch = ctx.epoch;
    const live: BrokerEndpoint[] = [...ctx.liveBrokers.values()];
    const deletions: Array<Promise<StopReplicaOutcome>> = [];
    for (const [b, parts] of this.lai) {
      for (const part of chunk([...parts.values()], PARTITIONS_PER_REQUEST)) {
        const leaderIds = new Set(part.map((s) => s.leader));
        const leaders = live.filter((e) => leaderIds.has(e.id));
        void channel.send(b, { type: 'LeaderAndIsr', controllerId, controllerEpoch, partitions: part, leaders });
      }
    }
    const all = [...this.umAll.values()];
    const targets = new Set([...(all.length ? ctx.liveBrokers.keys() : []), ...this.umBrokers, ...this.umSome.keys()]);
    for (const b of targets) {
      if (!ctx.isRegistered(b)) continue;
      const extra = this.umSome.get(b);
      let parts = all;
      if (extra) {
        const merged = new Map(extra);
        for (const st of all) merged.set(tpKey(st.topic, st.partition), st);
        parts = [...merged.values()];
      }
      // An empty UpdateMetadata still carries the broker list.
      for (const part of parts.length ? chunk(parts, PARTITIONS_PER_REQUEST) : [[]]) {
        void channel.send(b, { type: 'UpdateMetadata', controllerId, controllerEpoch, liveBrokers: live, partitions: part });
      }
    }
    for (const [b, s] of this.stop) {
      for (const part of chunk(s.keep, PARTITIONS_PER_REQUEST)) {
        void channel.send(b, { type: 'StopReplica', controllerId, controllerEpoch, deletePartitions: false, partitions: part });
      }
      for (const part of chunk(s.del, PARTITIONS_PER_REQUEST)) {
        deletions.push(
          channel
            .send(b, { type: 'StopReplica', controllerId, controllerEpoch, deletePartitions: true, partitions: part })
            .then((response) => ({ broker: b, partitions: part, response })),
        );
      }
    }
    this.lai.clear();
    this.umAll.clear();
    this.umSome.clear();
    this.umBrokers.clear();
    this.stop.clear();
    return { deletions: Promise.all(deletions) };
  }
}
