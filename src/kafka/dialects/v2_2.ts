// Kafka 2.2 and 2.3: `Created topic t.` / `Updated config for topic t.` without quotes; 2.3's
// "does not exist as expected". The ZooKeeper deprecation warnings 2.2+ print are left out (README).
import { dialect1_1 } from './v1_1.js';
import type { Dialect } from './types.js';

export const dialect2_2: Dialect = {
  ...dialect1_1,
  name: '2.2',
  createdTopic: (t) => `Created topic ${t}.`,
  updatedConfig: (t) => `Updated config for topic ${t}.`,
  // 2.2 formats the (empty) list of matched topics.
  topicNotFound: () => 'Topics in [] does not exist',
};

export const dialect2_3: Dialect = {
  ...dialect2_2,
  name: '2.3',
  topicNotFound: (arg) => `Topic '${arg}' does not exist as expected`,
  describeNothingMatched: (arg) => `Topic '${arg}' does not exist as expected`,
};
