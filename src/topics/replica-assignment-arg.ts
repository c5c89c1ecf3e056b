// `--replica-assignment 1:2,2:3`: partitions separated by ',', replicas by ':'; entry i is
// partition i. Kafka's messages where it has good ones; stricter (and naming the flag) where
// Kafka accepts nonsense or prints a JVM identity string.
import { UsageError } from '../cli/errors.js';
import { TopicCommandError } from './errors.js';

const INT = /^[+-]?\d+$/;

function duplicates(list: readonly number[]): number[] {
  const seen = new Set<number>();
  const dups = new Set<number>();
  for (const b of list) (seen.has(b) ? dups : seen).add(b);
  return [...dups];
}

/**
 * Parse the flag value into one replica list per partition.
 * @throws UsageError (exit 2) for syntax errors (empty entries, non-integer ids)
 * @throws TopicCommandError (exit 1) for duplicate brokers or unequal replication factors
 */
export function parseReplicaAssignment(raw: string): number[][] {
  const entries = raw.split(',');
  // Java's split drops trailing empty strings; a lone trailing comma is harmless.
  while (entries.length > 1 && entries[entries.length - 1] === '') entries.pop();
  const out: number[][] = [];
  entries.forEach((entry, p) => {
    if (entry.trim() === '') throw new UsageError(`Invalid --replica-assignment "${raw}": partition ${p} has no broker ids`);
    const ids = entry.split(':').map((tok) => {
      const t = tok.trim();
      const n = INT.test(t) ? Number(t) : NaN;
      if (!Number.isSafeInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) {
        throw new UsageError(`Invalid --replica-assignment "${raw}": broker id "${t}" of partition ${p} is not an integer`);
      }
      return n;
    });
    const dups = duplicates(ids);
    if (dups.length) throw new TopicCommandError(`Partition replica lists may not contain duplicate entries: ${dups.join(',')}`);
    if (out.length && ids.length !== out[0]!.length) {
      throw new TopicCommandError(
        `Partition ${p} has different replication factor: [${ids.join(', ')}] (--replica-assignment: partition 0 has ${out[0]!.length} replicas, partition ${p} has ${ids.length})`,
      );
    }
    out.push(ids);
  });
  return out;
}

/** Refuse replicas on brokers that are not registered (Kafka 0.9 accepts them silently). */
export function checkBrokersLive(lists: ReadonlyMap<number, readonly number[]>, live: readonly number[]): void {
  const liveSet = new Set(live);
  for (const [p, replicas] of lists) {
    const missing = replicas.filter((b) => !liveSet.has(b));
    if (missing.length) {
      throw new TopicCommandError(
        `--replica-assignment: broker${missing.length > 1 ? 's' : ''} ${missing.join(', ')} for partition ${p} ${missing.length > 1 ? 'are' : 'is'} not registered in ZooKeeper (live brokers: ${live.join(', ') || 'none'})`,
      );
    }
  }
}
