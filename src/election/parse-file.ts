// --path-to-json-file of preferred-replica-election: schema, then Kafka's rules and messages (§6).
import { CommandError } from '../cli/errors.js';
import { duplicates, parseAndValidate } from '../reassign/read-json-file.js';
import { tpText } from '../reassign/format.js';
import { tpKey, type TopicPartitionRef } from '../reassign/types.js';

interface Raw {
  partitions?: TopicPartitionRef[];
}

export function parseElectionFile(text: string, path: string): TopicPartitionRef[] {
  const raw = parseAndValidate<Raw>(text, 'preferred-election-file', `Preferred replica election data file ${path}`);
  const parts = raw.partitions ?? [];
  // Stricter than Kafka, which writes an empty election: an empty list is refused.
  if (!parts.length) throw new CommandError('Preferred replica election data is empty');
  const dup = duplicates(parts.map((p) => tpKey(p.topic, p.partition)));
  if (dup.length) {
    const text = dup.map((k) => tpText(parts.find((p) => tpKey(p.topic, p.partition) === k)!));
    throw new CommandError(`Preferred replica election data contains duplicate partitions: ${text.join(',')}`);
  }
  return parts.map((p) => ({ topic: p.topic, partition: p.partition }));
}
