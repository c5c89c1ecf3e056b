// kafka-topics.sh --describe text in the cluster's dialect (src/kafka/dialects), byte for byte:
// 0.9 by default (TAB-separated, header `Topic:<t>` without a space, partition lines `\tTopic: <t>`
// with one; `Isr: ` stays when the ISR is empty).
import { partitionSelected, type DescribeFilter, type TopicDescription } from '../topics/describe.js';
import { DIALECT_0_9, type Dialect } from '../kafka/dialects/index.js';

export function configsText(configs: ReadonlyMap<string, string>): string {
  return [...configs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function leaderText(leader: number | null): string {
  return leader === null ? 'none' : String(leader);
}

export function renderDescribeText(topics: readonly TopicDescription[], filter: DescribeFilter | undefined, dialect: Dialect = DIALECT_0_9): string {
  let out = '';
  const headers = filter === undefined || filter === 'topics-with-overrides';
  for (const t of topics) {
    if (!t.exists) {
      out += `Topic ${t.topic} doesn't exist!\n`;
      continue;
    }
    if (headers && (filter !== 'topics-with-overrides' || t.configs.size > 0)) out += dialect.describeHeader(t) + '\n';
    if (filter === 'topics-with-overrides') continue;
    // One reused line object: 10,000 partitions render without 10,000 allocations.
    const line = { topic: t.topic, partition: 0, leader: null as number | null, replicas: [] as readonly number[], isr: [] as readonly number[], markedForDeletion: t.markedForDeletion, headerSuppressed: !headers };
    for (const p of t.partitions) {
      if (!partitionSelected(p, filter)) continue;
      line.partition = p.partition;
      line.leader = p.leader;
      line.replicas = p.replicas;
      line.isr = p.isr;
      out += dialect.describePartition(line) + '\n';
    }
  }
  return out;
}
