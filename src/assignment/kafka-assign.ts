import { randomInt } from 'node:crypto';
import { AssignmentError } from './errors.js';
import { rackAlternatedBrokerList } from './rack-alternated.js';

/** Partition id → replica broker ids (first entry is the preferred leader). */
export type Assignment = Map<number, number[]>;

/** A broker as the algorithm sees it; `rack` undefined/null means "no rack". */
export interface BrokerInfo {
  id: number;
  rack?: string | null;
}

export interface AssignOptions {
  /** Position (in the broker list, or the rack-alternated list) of partition `startPartitionId`'s leader. Random when omitted. */
  fixedStartIndex?: number;
  /** Initial follower shift. Defaults to fixedStartIndex when that is given (as Kafka), else random. */
  nextReplicaShift?: number;
  /** First partition id to produce (used when adding partitions). Default 0. */
  startPartitionId?: number;
  /** false forces the rack-unaware algorithm even when brokers have racks. Default true. */
  rackAware?: boolean;
}

const hasRack = (b: BrokerInfo): boolean => b.rack !== undefined && b.rack !== null;

function optionalIndex(name: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0) {
    throw new AssignmentError('INVALID_ARGUMENT', `${name} must be an integer >= 0, got ${v}`);
  }
  return v;
}

/** Kafka's checks, in Kafka's order; returns whether the rack-aware algorithm applies. */
function validate(brokers: readonly BrokerInfo[], partitions: number, rf: number, rackAware: boolean): boolean {
  if (!Number.isInteger(partitions) || partitions <= 0) {
    throw new AssignmentError('INVALID_PARTITIONS', 'number of partitions must be larger than 0');
  }
  if (!Number.isInteger(rf) || rf <= 0) {
    throw new AssignmentError('INVALID_REPLICATION_FACTOR', 'replication factor must be larger than 0');
  }
  if (rf > brokers.length) {
    throw new AssignmentError(
      'INVALID_REPLICATION_FACTOR',
      `replication factor: ${rf} larger than available brokers: ${brokers.length}`,
    );
  }
  const withRack = rackAware ? brokers.filter(hasRack).length : 0;
  if (withRack > 0 && withRack < brokers.length) {
    throw new AssignmentError(
      'INCOMPLETE_RACK_INFO',
      'Not all brokers have rack information for replica rack aware assignment',
    );
  }
  // Stricter than Kafka: a repeated id would silently yield duplicate replicas.
  const seen = new Set<number>();
  for (const b of brokers) {
    if (!Number.isInteger(b.id)) throw new AssignmentError('INVALID_ARGUMENT', `broker id must be an integer, got ${b.id}`);
    if (seen.has(b.id)) throw new AssignmentError('INVALID_ARGUMENT', `duplicate broker id in broker list: ${b.id}`);
    seen.add(b.id);
  }
  return withRack > 0;
}

/**
 * Kafka's `AdminUtils.assignReplicasToBrokers`: spreads `partitions` partitions of `replicationFactor`
 * replicas over `brokers` (used in the given order; indexes are positions, as in Kafka).
 * Rack-aware (0.10+ algorithm over the rack-alternated list) when every broker has a rack and
 * `rackAware` is not false. Omitted start index and shift are independent random draws in [0, n).
 * @returns partition id → replica ids, for ids startPartitionId .. startPartitionId+partitions-1
 * @throws AssignmentError with Kafka 0.9's message for invalid counts or incomplete rack info
 */
export function assignReplicasToBrokers(
  brokers: readonly BrokerInfo[],
  partitions: number,
  replicationFactor: number,
  options: AssignOptions = {},
): Assignment {
  const fixed = optionalIndex('fixedStartIndex', options.fixedStartIndex);
  const shiftOpt = optionalIndex('nextReplicaShift', options.nextReplicaShift);
  const firstPartition = optionalIndex('startPartitionId', options.startPartitionId) ?? 0;
  const rackAware = validate(brokers, partitions, replicationFactor, options.rackAware !== false);

  const n = brokers.length;
  const startIndex = fixed ?? randomInt(0, n);
  const shift = shiftOpt ?? fixed ?? randomInt(0, n);
  return rackAware
    ? rackAwareAssign(brokers, partitions, replicationFactor, startIndex, shift, firstPartition)
    : rackUnawareAssign(brokers.map((b) => b.id), partitions, replicationFactor, startIndex, shift, firstPartition);
}

function rackUnawareAssign(
  ids: readonly number[], partitions: number, rf: number, startIndex: number, initialShift: number, firstPartition: number,
): Assignment {
  const n = ids.length;
  const out: Assignment = new Map();
  let shift = initialShift;
  for (let p = firstPartition; p < firstPartition + partitions; p++) {
    if (p > 0 && p % n === 0) shift += 1; // rotate followers once per full round of leaders
    const first = (p + startIndex) % n;
    const replicas = [ids[first]!];
    // Offsets 1..n-1 never hit the leader and are distinct for consecutive j.
    for (let j = 0; j < rf - 1; j++) replicas.push(ids[(first + 1 + ((shift + j) % (n - 1))) % n]!);
    out.set(p, replicas);
  }
  return out;
}

function rackAwareAssign(
  brokers: readonly BrokerInfo[], partitions: number, rf: number, startIndex: number, initialShift: number, firstPartition: number,
): Assignment {
  const rackOf = new Map(brokers.map((b) => [b.id, b.rack as string]));
  const arr = rackAlternatedBrokerList(brokers);
  const n = arr.length;
  const numRacks = new Set(rackOf.values()).size;
  const out: Assignment = new Map();
  let shift = initialShift;
  for (let p = firstPartition; p < firstPartition + partitions; p++) {
    if (p > 0 && p % n === 0) shift += 1;
    const first = (p + startIndex) % n;
    const leader = arr[first]!;
    const replicas = [leader];
    const racksUsed = new Set([rackOf.get(leader)]);
    const brokersUsed = new Set([leader]);
    let k = 0; // deliberately not reset between replicas of one partition (Kafka does the same)
    for (let r = 0; r < rf - 1; r++) {
      for (;;) {
        const b = arr[(first + 1 + ((shift * numRacks + k) % (n - 1))) % n]!;
        const rack = rackOf.get(b);
        k += 1;
        if ((!racksUsed.has(rack) || racksUsed.size === numRacks) && (!brokersUsed.has(b) || brokersUsed.size === n)) {
          replicas.push(b);
          racksUsed.add(rack);
          brokersUsed.add(b);
          break;
        }
      }
    }
    out.set(p, replicas);
  }
  return out;
}
