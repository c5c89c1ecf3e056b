// Kafka 0.9.0's ZooKeeper-mode tools (kafka-0.9-transcripts.md), the base every later dialect
// amends. ktool's 0.9 output was this text before dialects existed and must stay byte-identical.
import { bracketTp, leaderOrNone, reassignmentJsonText, sortedConfigText } from './common.js';
import type { Dialect, VerifyLine } from './types.js';

/** 0.9 – 0.10.2 partition line; later lines append to it. */
export const partitionLine09 = (p: { topic: string; partition: number; leader: number | null; replicas: readonly number[]; isr: readonly number[] }): string =>
  `\tTopic: ${p.topic}\tPartition: ${p.partition}\tLeader: ${leaderOrNone(p.leader)}\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}`;

/** Verify text up to 2.5: header, the ERROR lines, then one status line per partition (file order). */
export function verifyUpTo25(header: string, tp: (e: VerifyLine) => string, entries: readonly VerifyLine[], throttleRemoved: boolean): string {
  const lines = [header];
  for (const e of entries) {
    if (e.status === 'failed') {
      lines.push(`ERROR: Assigned replicas (${e.assigned.join(',')}) don't match the list of replicas for reassignment (${e.replicas.join(',')}) for partition ${tp(e)}`);
    }
  }
  for (const e of entries) {
    const what = e.status === 'completed' ? 'completed successfully' : e.status === 'in_progress' ? 'is still in progress' : 'failed';
    lines.push(`Reassignment of partition ${tp(e)} ${what}`);
  }
  if (throttleRemoved) lines.push('Throttle was removed.');
  return lines.join('\n') + '\n';
}

export const dialect0_9: Dialect = {
  name: '0.9.0',
  describeHeader: (h) => `Topic:${h.topic}\tPartitionCount:${h.partitionCount}\tReplicationFactor:${h.replicationFactor}\tConfigs:${sortedConfigText(h.configs)}`,
  describePartition: (p) => partitionLine09(p),
  describeNothingMatched: () => null,
  listLine: (t, marked) => (marked ? `${t} - marked for deletion` : t),
  createdTopic: (t) => `Created topic "${t}".`,
  topicExists: (t) => `Topic "${t}" already exists.`,
  updatedConfig: (t) => `Updated config for topic "${t}".`,
  topicNotFound: (arg, zk) => `Topic ${arg} does not exist on ZK path ${zk}`,

  partitionText: bracketTp,
  reassignmentJson: (list) => reassignmentJsonText(list, false),
  generate: (current, proposed) =>
    `Current partition replica assignment\n\n${reassignmentJsonText(current, false)}\n` +
    `Proposed partition reassignment configuration\n\n${reassignmentJsonText(proposed, false)}\n`,
  rollbackBlock: (current) =>
    `Current partition replica assignment\n\n${reassignmentJsonText(current, false)}\n\nSave this to use as the --reassignment-json-file option during rollback\n`,
  // --throttle is a ktool extra on 0.9: it speaks 0.10.1's words for it.
  throttleWarning:
    'Warning: You must run Verify periodically, until the reassignment completes, to ensure the throttle is removed. You can also alter the throttle by rerunning the Execute command passing a new value.',
  throttleLimit: (n) => `The throttle limit was set to ${n} B/s`,
  executeStarted: (batch) => `Successfully started reassignment of partitions ${reassignmentJsonText(batch, false)}`,
  existingReassignment: (_list, mapText) => `Partition reassignment currently in progress for ${mapText}. Aborting operation`,
  reassignErrorPrefix: 'Partitions reassignment failed due to ',
  verify: (entries, x) => verifyUpTo25('Status of partition reassignment:', bracketTp, entries, x.throttleRemoved),

  electionStarted: (batch) => `Successfully started preferred replica election for partitions Set(${batch.map(bracketTp).join(', ')})`,
};
