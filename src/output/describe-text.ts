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
    if (headers && (filter !== 'topics-with-overrides' || t.configs.size > 0)) {
      out += dialect.describeHeader({ ...t, topicId: t.topicId }) + '\n';
    }
    if (filter === 'topics-with-overrides') continue;
    for (const p of t.partitions) {
      if (!partitionSelected(p, filter)) continue;
      out += dialect.describePartition({ ...p, topic: t.topic, markedForDeletion: t.markedForDeletion, headerSuppressed: !headers }) + '\n';
    }
  }
  return out;
}
