// Kafka 2.6 – 2.8 (KIP-455 reassign tool) and, from 2.8, TopicId in describe. 3.x clusters get
// 2.8's text: 3.x tools have no ZooKeeper mode. Left out (README): 2.6–2.8's `--zookeeper is
// deprecated` and "results may be incomplete" warnings.
import { byTopicPartition, dashTp, reassignmentJsonText } from './common.js';
import { dialect2_4, header24 } from './v2_4.js';
import type { Dialect, PartitionReplicas } from './types.js';

const json = (list: readonly PartitionReplicas[]): string => reassignmentJsonText(byTopicPartition(list), true);
const plural = (n: number, s: string): string => (n === 1 ? s : `${s}s`);

export const dialect2_6: Dialect = {
  ...dialect2_4,
  name: '2.6',
  reassignmentJson: json,
  generate: (current, proposed) =>
    `Current partition replica assignment\n${json(current)}\n\nProposed partition reassignment configuration\n${json(proposed)}\n`,
  rollbackBlock: (current, plan) => {
    const planned = new Set(plan.map(dashTp));
    return `Current partition replica assignment\n\n${json(current.filter((c) => planned.has(dashTp(c))))}\n\nSave this to use as the --reassignment-json-file option during rollback\n`;
  },
  throttleWarning: 'Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.',
  executeStarted: (batch) => `Successfully started partition ${plural(batch.length, 'reassignment')} for ${byTopicPartition(batch).map(dashTp).join(',')}`,
  existingReassignment: () =>
    'Cannot execute because there is an existing partition assignment.  Use --additional to override this and create a new partition assignment in addition to the existing one.',
  reassignErrorPrefix: '',
  verify: (entries, x) => {
    const lines = ['Status of partition reassignment:'];
    for (const e of byTopicPartition(entries)) {
      if (e.status === 'completed') lines.push(`Reassignment of partition ${dashTp(e)} is complete.`);
      else if (e.status === 'in_progress') lines.push(`Reassignment of partition ${dashTp(e)} is still in progress.`);
      else lines.push(`There is no active reassignment of partition ${dashTp(e)}, but replica set is ${e.assigned.join(',')} rather than ${e.replicas.join(',')}.`);
    }
    if (x.scope && !entries.some((e) => e.status === 'in_progress')) {
      const { brokers, topics } = x.scope;
      lines.push(`Clearing broker-level throttles on ${plural(brokers.length, 'broker')} ${brokers.join(',')}`);
      lines.push(`Clearing topic-level throttles on ${plural(topics.length, 'topic')} ${topics.join(',')}`);
    }
    return lines.join('\n') + '\n';
  },
};

export const dialect2_7: Dialect = {
  ...dialect2_6,
  name: '2.7',
  existingReassignment: (l, m) =>
    dialect2_6.existingReassignment(l, m) + ' The --additional flag can also be used to change the throttle by resubmitting the current reassignment.',
};

export const dialect2_8: Dialect = {
  ...dialect2_7,
  name: '2.8',
  describeHeader: (h) => header24(h, true),
};
