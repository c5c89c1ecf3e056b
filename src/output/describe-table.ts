// --describe on a terminal: one summary table of topics and one table of partitions, with
// offline partitions in red, under-replicated in yellow and non-preferred leaders in cyan.
import { partitionSelected, type DescribeFilter, type TopicDescription } from '../topics/describe.js';
import { configsText, leaderText } from './describe-text.js';
import { loadChalk, loadTable } from './colour.js';

export async function renderDescribeTable(topics: readonly TopicDescription[], filter: DescribeFilter | undefined): Promise<string> {
  const [chalk, Table] = await Promise.all([loadChalk(), loadTable()]);
  const style = { head: [] as string[], border: [] as string[] };
  // No rule between partition rows: thousands of partitions should stay readable.
  const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const parts: string[] = [];
  const headers = filter === undefined || filter === 'topics-with-overrides';
  if (headers) {
    const summary = new Table({ head: ['Topic', 'Partitions', 'RF', 'Configs', 'Status'].map((h) => chalk.bold(h)), style });
    for (const t of topics) {
      if (!t.exists || (filter === 'topics-with-overrides' && t.configs.size === 0)) continue;
      const offline = t.partitions.filter((p) => p.unavailable).length;
      const under = t.partitions.filter((p) => p.underReplicated).length;
      const status = [
        t.markedForDeletion ? chalk.magenta('marked for deletion') : '',
        offline ? chalk.red(`${offline} offline`) : '',
        under ? chalk.yellow(`${under} under-replicated`) : '',
      ].filter(Boolean).join(', ');
      summary.push([t.topic, String(t.partitionCount), String(t.replicationFactor), configsText(t.configs).replace(/,/g, '\n'), status || chalk.green('ok')]);
    }
    if (summary.length) parts.push(summary.toString());
  }
  if (filter !== 'topics-with-overrides') {
    const table = new Table({ head: ['Topic', 'Partition', 'Leader', 'Replicas', 'Isr'].map((h) => chalk.bold(h)), style, chars: compact });
    for (const t of topics) {
      for (const p of t.partitions) {
        if (!partitionSelected(p, filter)) continue;
        const paint = p.unavailable ? chalk.red : p.underReplicated ? chalk.yellow : p.nonPreferredLeader ? chalk.cyan : (s: string) => s;
        table.push([t.topic, String(p.partition), leaderText(p.leader), p.replicas.join(','), p.isr.join(',')].map((c) => paint(c)));
      }
    }
    if (table.length) parts.push(table.toString());
  }
  return parts.length ? parts.join('\n') + '\n' : '';
}
