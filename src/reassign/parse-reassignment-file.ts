// --reassignment-json-file: schema first, then Kafka's content rules with Kafka's messages (§5.4).
import { CommandError } from '../cli/errors.js';
import { tpText } from './format.js';
import { duplicates, parseAndValidate } from './read-json-file.js';
import { tpKey, type PartitionTarget } from './types.js';

interface RawFile {
  partitions?: Array<{ topic: string; partition: number; replicas: number[]; log_dirs?: string[] }>;
}

/** The plan in file order. Throws CommandError (exit 1) for anything Kafka would refuse or mangle. */
export function parseReassignmentFile(text: string, path: string): PartitionTarget[] {
  const raw = parseAndValidate<RawFile>(text, 'reassignment-file', `Partition reassignment data file ${path}`);
  const parts = raw.partitions ?? [];
  if (parts.length === 0) throw new CommandError(`Partition reassignment data file ${path} is empty`);
  if (parts.some((p) => p.replicas.length === 0)) throw new CommandError('Partition replica list cannot be empty');

  const dupParts = duplicates(parts.map((p) => tpKey(p.topic, p.partition)));
  if (dupParts.length) {
    const text = dupParts.map((k) => parts.find((p) => tpKey(p.topic, p.partition) === k)!).map(tpText);
    throw new CommandError(`Partition reassignment contains duplicate topic partitions: ${text.join(',')}`);
  }
  const dupReplicas = parts
    .map((p) => ({ p, dups: duplicates(p.replicas) }))
    .filter((x) => x.dups.length > 0)
    .map((x) => `${tpText(x.p)} contains multiple entries for ${x.dups.join(',')}`);
  if (dupReplicas.length) {
    throw new CommandError(`Partition replica lists may not contain duplicate entries: ${dupReplicas.join('. ')}`);
  }
  for (const p of parts) {
    if (!p.log_dirs) continue;
    if (p.log_dirs.length !== p.replicas.length) {
      throw new CommandError(
        `Size of replicas list [${p.replicas.join(', ')}] is different from size of log dirs list [${p.log_dirs.join(', ')}] for partition ${tpText(p)}`,
      );
    }
    if (p.log_dirs.some((d) => d !== 'any')) {
      throw new CommandError('bootstrap-server needs to be provided in order to reassign replica to the specified log directory');
    }
  }
  return parts.map((p) => ({ topic: p.topic, partition: p.partition, replicas: [...p.replicas] }));
}
