// --describe on a terminal: one summary table of topics and one table of partitions, with
// offline partitions in red, under-replicated in yellow and non-preferred leaders in cyan.
// Newer clusters add: the topic id (2.8+), a reassignment's target/adding/removing replicas
// (2.4+, KIP-455) and a leader recovering from an unclean election (3.2+, KIP-704), flagged red.
import { partitionSelected, type DescribeFilter, type PartitionDescription, type TopicDescription } from '../topics/describe.js';
import { configsText, leaderText } from './describe-text.js';
import { loadChalk, loadTable } from './colour.js';

const reassigning = (p: PartitionDescription): boolean => (p.addingReplicas?.length ?? 0) + (p.removingReplicas?.length ?? 0) > 0;

export async function renderDescribeTable(topics: readonly TopicDescription[], filter: DescribeFilter | undefined): Promise<string> {
  const [chalk, Table] = await Promise.all([loadChalk(), loadTable()]);
  const style = { head: [] as string[], border: [] as string[] };
  // No rule between partition rows: thousands of partitions should stay readable.
  const compact = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const parts: string[] = [];
  const headers = filter === undefined || filter === 'topics-with-overrides';
  if (headers) {
    const withIds = topics.some((t) => t.exists && t.topicId);
    const head = ['Topic', ...(withIds ? ['TopicId'] : []), 'Partitions', 'RF', 'Configs', 'Status'];
    const summary = new Table({ head: head.map((h) => chalk.bold(h)), style });
    for (const t of topics) {
      if (!t.exists || (filter === 'topics-with-overrides' && t.configs.size === 0)) continue;
      const offline = t.partitions.filter((p) => p.unavailable).length;
      const recovering = t.partitions.filter((p) => p.recovering).length;
      const under = t.partitions.filter((p) => p.underReplicated).length;
      const moving = t.partitions.filter(reassigning).length;
      const status = [
        t.markedForDeletion ? chalk.magenta('marked for deletion') : '',
        offline ? chalk.red(`${offline} offline`) : '',
        recovering ? chalk.red(`${recovering} recovering`) : '',
        under ? chalk.yellow(`${under} under-replicated`) : '',
        moving ? chalk.blue(`${moving} reassigning`) : '',
      ].filter(Boolean).join(', ');
      summary.push([t.topic, ...(withIds ? [t.topicId ?? ''] : []), String(t.partitionCount), String(t.replicationFactor), configsText(t.configs).replace(/,/g, '\n'), status || chalk.green('ok')]);
    }
    if (summary.length) parts.push(summary.toString());
  }
  if (filter !== 'topics-with-overrides') {
    const shown = topics.flatMap((t) => t.partitions.filter((p) => partitionSelected(p, filter)).map((p) => [t, p] as const));
    const anyMoving = shown.some(([, p]) => reassigning(p));
    const anyRecovering = shown.some(([, p]) => p.recovering);
    const head = ['Topic', 'Partition', 'Leader', 'Replicas', 'Isr', ...(anyMoving ? ['Target', 'Adding', 'Removing'] : []), ...(anyRecovering ? ['Leader state'] : [])];
    const table = new Table({ head: head.map((h) => chalk.bold(h)), style, chars: compact });
    for (const [t, p] of shown) {
      const paint = p.unavailable || p.recovering ? chalk.red : p.underReplicated ? chalk.yellow : p.nonPreferredLeader ? chalk.cyan : (s: string) => s;
      const row = [t.topic, String(p.partition), leaderText(p.leader), p.replicas.join(','), p.isr.join(',')];
      if (anyMoving) {
        const m = reassigning(p);
        row.push(m ? (p.targetReplicas ?? p.replicas).join(',') : '', m ? (p.addingReplicas ?? []).join(',') : '', m ? (p.removingReplicas ?? []).join(',') : '');
      }
      if (anyRecovering) row.push(p.recovering ? 'recovering (unclean election)' : '');
      table.push(row.map((c) => paint(c)));
    }
    if (table.length) parts.push(table.toString());
  }
  return parts.length ? parts.join('\n') + '\n' : '';
}
