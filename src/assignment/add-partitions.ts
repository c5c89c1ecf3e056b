import { AssignmentError } from './errors.js';
import { assignReplicasToBrokers, type Assignment, type BrokerInfo } from './kafka-assign.js';

export interface AddPartitionsOptions {
  /** Topic name, only used in error messages. */
  topic?: string;
  /** false forces the rack-unaware algorithm. Default true (alter always enforces rack consistency). */
  rackAware?: boolean;
}

/**
 * Kafka 0.10+ start index for added partitions: the position, in the id-sorted live broker list,
 * of the first broker whose id is ≥ partition 0's first replica; 0 when there is none.
 */
export function startIndexForAddedPartitions(liveBrokerIdsSorted: readonly number[], partition0Replicas: readonly number[]): number {
  const leader = partition0Replicas[0];
  if (leader === undefined) return 0;
  return Math.max(0, liveBrokerIdsSorted.findIndex((id) => id >= leader));
}

function render(a: ReadonlyMap<number, readonly number[]>): string {
  return [...a].sort(([x], [y]) => x - y).map(([p, r]) => `${p}:[${r.join(',')}]`).join(' ');
}

/**
 * Replicas for the partitions added when a topic grows from `existing.size` to `newTotal`
 * (Kafka 0.10+ rule): partition 0 is the reference (its length is the replication factor, its first
 * replica picks the start index, which is also the shift), ids continue from the current count.
 * Brokers are sorted by id first. Returns only the new partitions.
 * @throws AssignmentError if partition 0 is missing, newTotal is not an increase, or assignment fails
 */
export function assignAddedPartitions(
  liveBrokers: readonly BrokerInfo[],
  existing: ReadonlyMap<number, readonly number[]>,
  newTotal: number,
  opts: AddPartitionsOptions = {},
): Assignment {
  const p0 = existing.get(0);
  if (p0 === undefined) {
    const topic = opts.topic === undefined ? '' : ` for topic '${opts.topic}'`;
    throw new AssignmentError(
      'MISSING_PARTITION_ZERO',
      `Unexpected existing replica assignment${topic}, partition id 0 is missing. Assignment: ${render(existing)}`,
    );
  }
  if (!Number.isInteger(newTotal) || newTotal - existing.size <= 0) {
    throw new AssignmentError('PARTITIONS_NOT_INCREASED', 'The number of partitions for a topic can only be increased');
  }
  const sorted = [...liveBrokers].sort((a, b) => a.id - b.id);
  const start = startIndexForAddedPartitions(sorted.map((b) => b.id), p0);
  return assignReplicasToBrokers(sorted, newTotal - existing.size, p0.length, {
    fixedStartIndex: start,
    startPartitionId: existing.size,
    rackAware: opts.rackAware,
  });
}
