// What this broker knows about one replica it hosts.

export type Role = 'leader' | 'follower' | 'stopped';

export interface LocalPartition {
  topic: string;
  partition: number;
  role: Role;
  leader: number;
  /** -1 until the first LeaderAndIsr for this partition is accepted. */
  leaderEpoch: number;
  /** Epoch of the controller that made the current leadership decision (copied into ISR writes). */
  controllerEpoch: number;
  /** Version of the state znode we last saw written (CAS base for ISR writes). */
  zkVersion: number;
  replicas: number[];
  /** ISR as the leader maintains it (empty on followers, as in Kafka). */
  isr: number[];
  /** Leader only (null on followers, to keep 100k-partition brokers small): when each remote
   *  replica was last caught up (ms) by its own fetches, besides its fetch session. */
  lastCaughtUp: Map<number, number> | null;
  /** Leader only: a CAS write failed because the controller changed the znode; wait for its LeaderAndIsr. */
  awaitingLeaderAndIsr: boolean;
  /** Simulated log end offset (no data is stored; kept so the protocol fields mean something). */
  logEndOffset: number;
}

export const tpKey = (topic: string, partition: number): string => `${topic}-${partition}`;
