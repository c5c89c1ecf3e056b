// What the active controller knows: live brokers, assignments, the leadership cache and the
// operations in flight. Kept compact (one small object per partition) so 100k partitions fit.
import type { BrokerEndpoint, TopicPartitionRef } from '../broker/protocol.js';
import { isValidPartitionTransition } from './partition-state-machine.js';
import { isValidReplicaTransition } from './replica-state-machine.js';
import { PartitionState, ReplicaState, type PartitionStateName, type ReplicaStateName } from './states.js';

/** The leadership decision as cached from the state znode. */
export interface LeaderIsr {
  leader: number;
  leaderEpoch: number;
  isr: number[];
  /** Epoch of the controller that made the decision (as stored in the znode). */
  controllerEpoch: number;
  /** Data version of the state znode. */
  zkVersion: number;
  /** Event during which this was read or written (then it is known to be current); 0 = none.
   *  Always set at creation so every cached state has one object shape (memory at 100k). */
  seenInEvent: number;
}

export interface PartitionInfo {
  replicas: number[];
  li?: LeaderIsr;
  state: PartitionStateName;
  /** Replica states as flat pairs [broker, state, broker, state, ...]; absent = NonExistentReplica.
   *  (A Map per partition would cost ~10x the memory at 100k partitions.) Replaced, not grown. */
  rs: Array<number | ReplicaStateName>;
}

export interface Reassignment {
  topic: string;
  partition: number;
  target: number[];
  /** Phase A (AR = RAR + OAR, epoch bump, new replicas started) ran for this target. */
  phaseAStarted?: boolean;
}

export const tpKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;
export const tpName = (tp: TopicPartitionRef): string => `[${tp.topic},${tp.partition}]`;

export class ControllerContext {
  epoch = 0;
  epochZkVersion = -1;
  readonly liveBrokers = new Map<number, BrokerEndpoint>();
  /** czxid of each live broker's registration: a new one means the broker bounced. */
  readonly brokerEpochs = new Map<number, bigint>();
  readonly shuttingDown = new Set<number>();
  readonly topics = new Map<string, Map<number, PartitionInfo>>();
  readonly reassigning = new Map<string, Reassignment>();
  readonly preferredInProgress = new Set<string>();
  readonly topicsToDelete = new Set<string>();
  readonly topicsIneligible = new Set<string>();
  /** Topic config overrides of unclean.leader.election.enable. */
  readonly uncleanOverride = new Map<string, boolean>();

  /** Counts controller events; see LeaderIsr.seenInEvent. */
  eventSeq = 0;

  constructor(readonly brokerId: number) {}

  /** Registered and not shutting down: may lead. */
  isLive(id: number): boolean {
    return this.liveBrokers.has(id) && !this.shuttingDown.has(id);
  }

  isRegistered(id: number): boolean {
    return this.liveBrokers.has(id);
  }

  partition(topic: string, partition: number): PartitionInfo | undefined {
    return this.topics.get(topic)?.get(partition);
  }

  *allPartitions(): Generator<[string, number, PartitionInfo]> {
    for (const [t, parts] of this.topics) for (const [p, info] of parts) yield [t, p, info];
  }

  partitionCount(): number {
    let n = 0;
    for (const parts of this.topics.values()) n += parts.size;
    return n;
  }

  isBeingDeleted(topic: string): boolean {
    return this.topicsToDelete.has(topic);
  }

  topicBeingReassigned(topic: string): boolean {
    for (const r of this.reassigning.values()) if (r.topic === topic) return true;
    return false;
  }

  /** Apply a partition state transition if the table allows it; false (and no change) otherwise. */
  setPartitionState(info: PartitionInfo, to: PartitionStateName): boolean {
    if (!isValidPartitionTransition(info.state, to)) return false;
    info.state = to;
    return true;
  }

  replicaState(info: PartitionInfo, broker: number): ReplicaStateName {
    const rs = info.rs;
    for (let i = 0; i < rs.length; i += 2) if (rs[i] === broker) return rs[i + 1] as ReplicaStateName;
    return ReplicaState.NonExistent;
  }

  setReplicaState(info: PartitionInfo, broker: number, to: ReplicaStateName): boolean {
    if (!isValidReplicaTransition(this.replicaState(info, broker), to)) return false;
    const rs = info.rs;
    let i = 0;
    while (i < rs.length && rs[i] !== broker) i += 2;
    if (to === ReplicaState.NonExistent) {
      if (i < rs.length) rs.splice(i, 2);
    } else if (i < rs.length) rs[i + 1] = to;
    else info.rs = [...rs, broker, to]; // exact size: push would reserve room for 16 more
    return true;
  }

  /** Brokers that have a replica state for this partition. */
  replicaBrokers(info: PartitionInfo): number[] {
    const out: number[] = [];
    for (let i = 0; i < info.rs.length; i += 2) out.push(info.rs[i] as number);
    return out;
  }

  newPartitionInfo(replicas: number[]): PartitionInfo {
    return { replicas, state: PartitionState.NonExistent, rs: [] };
  }
}
