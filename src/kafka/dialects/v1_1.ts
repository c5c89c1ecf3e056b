// Kafka 1.1 – 2.1 (KafkaZkClient): partitions print as `t-0`, the inter-broker throttle wording.
import { dashTp } from './common.js';
import { verifyUpTo25 } from './v0_9.js';
import { dialect1_0 } from './v0_11.js';
import type { Dialect } from './types.js';

export const dialect1_1: Dialect = {
  ...dialect1_0,
  name: '1.1',
  partitionText: dashTp,
  throttleLimit: (n) => `The inter-broker throttle limit was set to ${n} B/s`,
  verify: (entries, x) => verifyUpTo25('Status of partition reassignment: ', dashTp, entries, x.throttleRemoved),
  electionStarted: (batch) =>
    `Created preferred replica election path with ${batch.map(dashTp).join(',')}\n` +
    `Successfully started preferred replica election for partitions Set(${batch.map(dashTp).join(', ')})`,
};
