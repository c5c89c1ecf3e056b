// Kafka 0.10.0, 0.10.1 and 0.10.2 (kafka-versions-dialects.md §1, §2.7, §3.3, §4).
import { bracketTp, reassignmentJsonText } from './common.js';
import { dialect0_9, verifyUpTo25 } from './v0_9.js';
import type { Dialect } from './types.js';

/** 0.10.0: the topics and reassign text of 0.9 (new options only). */
export const dialect0_10_0: Dialect = { ...dialect0_9, name: '0.10.0' };

/** 0.10.1: reassign --throttle and era-B execute/verify wording. */
export const dialect0_10_1: Dialect = {
  ...dialect0_10_0,
  name: '0.10.1',
  executeStarted: () => 'Successfully started reassignment of partitions.',
  existingReassignment: () => 'There is an existing assignment running.',
  // The header gained a trailing space in 0.10.1.
  verify: (entries, x) => verifyUpTo25('Status of partition reassignment: ', bracketTp, entries, x.throttleRemoved),
};

/** 0.10.2: single quotes in "already exists", the new generate layout, election prints its znode. */
export const dialect0_10_2: Dialect = {
  ...dialect0_10_1,
  name: '0.10.2',
  topicExists: (t) => `Topic '${t}' already exists.`,
  generate: (current, proposed) =>
    `Current partition replica assignment\n${reassignmentJsonText(current, false)}\n\n` +
    `Proposed partition reassignment configuration\n${reassignmentJsonText(proposed, false)}\n`,
  electionStarted: (batch, json) =>
    `Created preferred replica election path with ${json}\n` +
    `Successfully started preferred replica election for partitions Set(${batch.map(bracketTp).join(', ')})`,
};
