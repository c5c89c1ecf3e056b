// Public shapes of the reassignment planner (`ktool reassign --generate --strategy minimal`).

/** A target broker; `rack` undefined/null means "no rack". */
export interface PlannerBroker {
  id: number;
  rack?: string | null;
}

/** topic -> partition -> replica broker ids (first = preferred leader). */
export type TopicAssignments = Map<string, Map<number, number[]>>;

export interface PlanInput {
  /** The topics to move (all their partitions). */
  current: TopicAssignments;
  /** Target brokers (--broker-list; racks unless --disable-rack-aware). */
  brokers: PlannerBroker[];
  /** New replication factor for every partition (default: keep each partition's own). */
  replicationFactor?: number;
  /** Default: true when every target broker has a rack. */
  rackAware?: boolean;
}

export interface BrokerLoad {
  broker: number;
  replicas: number;
  leaders: number;
}

export interface PlanStats {
  /** Replicas placed on a broker that did not hold that partition before. */
  moves: number;
  /** Proven minimum number of such moves for any plan meeting the balance constraints (see lower-bound.ts). */
  lowerBound: number;
  /** Per broker (union of current and target brokers), sorted by id. */
  before: BrokerLoad[];
  after: BrokerLoad[];
}

export interface PlanResult extends PlanStats {
  /** Every input partition, changed or not. */
  proposed: TopicAssignments;
}
