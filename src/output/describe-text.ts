// kafka-topics.sh 0.9 --describe text, byte for byte: TAB-separated, header `Topic:<t>` without a
// space, partition lines `\tTopic: <t>` with one; `Isr: ` stays when the ISR is empty.
import { partitionSelected, type DescribeFilter, type TopicDescription } from '../topics/describe.js';

export function configsText(configs: ReadonlyMap<string, string>): string {
  return [...configs]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function leaderText(leader: number | null): string {
  return leader === null ? 'none' : String(leader);
}

export function renderDescribeText(topics: readonly TopicDescription[], filter: DescribeFilter | undefined): string {
  let out = '';
  const headers = filter === undefined || filter === 'topics-with-overrides';
  for (const t of topics) {
    if (!t.exists) {
      out += `Topic ${t.topic} doesn't exist!\n`;
      continue;
    }
    if (headers && (filter !== 'topics-with-overrides' || t.configs.size > 0)) {
      out += `Topic:${t.topic}\tPartitionCount:${t.partitionCount}\tReplicationFactor:${t.replicationFactor}\tConfigs:${configsText(t.configs)}\n`;
    }
    if (filter === 'topics-with-overrides') continue;
    for (const p of t.partitions) {
      if (!partitionSelected(p, filter)) continue;
      out += `\tTopic: ${t.topic}\tPartition: ${p.partition}\tLeader: ${leaderText(p.leader)}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}\n`;
    }
  }
  return out;
}
