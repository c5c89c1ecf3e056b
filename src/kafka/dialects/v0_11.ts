// Kafka 0.11.0 and 1.0: MarkedForDeletion in describe; 1.0 adds log_dirs to the reassignment JSON.
import { reassignmentJsonText, sortedConfigText } from './common.js';
import { partitionLine09 } from './v0_9.js';
import { dialect0_10_2 } from './v0_10.js';
import type { Dialect } from './types.js';

export const dialect0_11: Dialect = {
  ...dialect0_10_2,
  name: '0.11.0',
  describeHeader: (h) =>
    `Topic:${h.topic}\tPartitionCount:${h.partitionCount}\tReplicationFactor:${h.replicationFactor}\tConfigs:${sortedConfigText(h.configs)}` +
    (h.markedForDeletion ? '\tMarkedForDeletion:true' : ''),
  // On the partition line only when a report filter suppressed the header.
  describePartition: (p) => partitionLine09(p) + (p.markedForDeletion && p.headerSuppressed ? '\tMarkedForDeletion: true' : ''),
};

const json10 = (list: Parameters<Dialect['reassignmentJson']>[0]): string => reassignmentJsonText(list, true);

export const dialect1_0: Dialect = {
  ...dialect0_11,
  name: '1.0',
  reassignmentJson: json10,
  generate: (current, proposed) =>
    `Current partition replica assignment\n${json10(current)}\n\nProposed partition reassignment configuration\n${json10(proposed)}\n`,
  rollbackBlock: (current) =>
    `Current partition replica assignment\n\n${json10(current)}\n\nSave this to use as the --reassignment-json-file option during rollback\n`,
};
