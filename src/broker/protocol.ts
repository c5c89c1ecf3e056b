// Messages between the controller and brokers, and between brokers (follower fetches), carried by
// rpc.ts. The semantics follow Kafka's LeaderAndIsr / StopReplica / UpdateMetadata /
// ControlledShutdown / Fetch requests; the wire format is ktool's own (see rpc.ts).

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

export interface BrokerEndpoint {
  id: number;
  host: string;
  port: number;
  rack?: string | null;
}

/** One partition's leadership decision, as the controller sends it. */
export interface PartitionLeaderState extends TopicPartitionRef {
  /** Epoch of the controller that made this decision (as stored in the state znode). */
  controllerEpoch: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  /** zk version of the state znode after the controller's write (leaders CAS against it). */
  zkVersion: number;
  /** Full assigned replica list. */
  replicas: number[];
}

export interface LeaderAndIsrRequest {
  type: 'LeaderAndIsr';
  controllerId: number;
  controllerEpoch: number;
  partitions: PartitionLeaderState[];
  /** Endpoints of the leaders named in `partitions`, so followers can fetch. */
  leaders: BrokerEndpoint[];
}

export interface StopReplicaRequest {
  type: 'StopReplica';
  controllerId: number;
  controllerEpoch: number;
  /** Delete the replica's data directory too (reassignment away, topic deletion). */
  deletePartitions: boolean;
  partitions: TopicPartitionRef[];
}

export interface UpdateMetadataRequest {
  type: 'UpdateMetadata';
  controllerId: number;
  controllerEpoch: number;
  liveBrokers: BrokerEndpoint[];
  /** leader = -2 marks a partition being deleted. */
  partitions: PartitionLeaderState[];
}

/** Broker → controller: "I am shutting down, move my leaderships away". */
export interface ControlledShutdownRequest {
  type: 'ControlledShutdown';
  brokerId: number;
}

/**
 * Follower → leader: replicate. `fetchOffset` stands for the follower's progress.
 * Incremental fetch sessions (ktool's take on Kafka's KIP-227) keep steady-state fetches small:
 * a request without `sessionId` (or with 0) is a full fetch listing every partition the follower
 * fetches from this leader and opens a session (the response carries its id); later requests
 * name the session, number themselves with `sessionEpoch` = previous + 1 and list only the
 * partitions whose leaderEpoch or fetchOffset changed or that are new to the session, plus
 * `forgotten`: partitions the follower no longer fetches. An unknown session or an epoch out of
 * sequence is answered with FETCH_SESSION_ID_NOT_FOUND / INVALID_FETCH_SESSION_EPOCH, and the
 * follower starts over with a full fetch.
 */
export interface FetchRequest {
  type: 'Fetch';
  replicaId: number;
  partitions: Array<TopicPartitionRef & { leaderEpoch: number; fetchOffset: number }>;
  sessionId?: number;
  sessionEpoch?: number;
  /** Incremental fetches only: partitions to drop from the session (applied before `partitions`). */
  forgotten?: TopicPartitionRef[];
}

export type Request = LeaderAndIsrRequest | StopReplicaRequest | UpdateMetadataRequest | ControlledShutdownRequest | FetchRequest;

/** Kafka's error codes where they exist. */
export const ErrorCode = {
  NONE: 0,
  UNKNOWN: -1,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  LEADER_NOT_AVAILABLE: 5,
  NOT_LEADER_FOR_PARTITION: 6,
  STALE_CONTROLLER_EPOCH: 11,
  NOT_CONTROLLER: 41,
  STALE_LEADER_EPOCH: 13,
  FETCH_SESSION_ID_NOT_FOUND: 70,
  INVALID_FETCH_SESSION_EPOCH: 71,
} as const;

export interface PartitionResult extends TopicPartitionRef {
  errorCode: number;
}

export interface LeaderAndIsrResponse {
  errorCode: number;
  partitions: PartitionResult[];
}

export interface StopReplicaResponse {
  errorCode: number;
  partitions: PartitionResult[];
}

export interface UpdateMetadataResponse {
  errorCode: number;
}

export interface ControlledShutdownResponse {
  errorCode: number;
  /** Partitions the broker still leads (empty = safe to stop). */
  partitionsRemaining: TopicPartitionRef[];
}

export interface FetchResponse {
  errorCode: number;
  /** Session opened by a full fetch (0 = none). Incremental responses list only the requested partitions. */
  sessionId?: number;
  partitions: Array<TopicPartitionRef & { errorCode: number; highWatermark: number; logEndOffset: number }>;
}

export interface ResponseFor {
  LeaderAndIsr: LeaderAndIsrResponse;
  StopReplica: StopReplicaResponse;
  UpdateMetadata: UpdateMetadataResponse;
  ControlledShutdown: ControlledShutdownResponse;
  Fetch: FetchResponse;
}
