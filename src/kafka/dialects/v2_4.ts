// Kafka 2.4 and 2.5: describe gets a space after every header colon, `Leader: none` for -1, configs
// in HashMap order, MarkedForDeletion on every partition line of a marked topic.
import { hashMapConfigText, leaderOrNone } from './common.js';
import { dialect2_3 } from './v2_2.js';
import type { DescribeHeaderData, DescribePartitionData, Dialect } from './types.js';

export const header24 = (h: DescribeHeaderData, withTopicId: boolean): string =>
  `Topic: ${h.topic}` +
  (withTopicId && h.topicId && h.topicId !== 'AAAAAAAAAAAAAAAAAAAAAA' ? `\tTopicId: ${h.topicId}` : '') +
  `\tPartitionCount: ${h.partitionCount}\tReplicationFactor: ${h.replicationFactor}\tConfigs: ${hashMapConfigText(h.configs)}` +
  (h.markedForDeletion ? '\tMarkedForDeletion: true' : '');

const partition24 = (p: DescribePartitionData): string =>
  `\tTopic: ${p.topic}\tPartition: ${p.partition}\tLeader: ${leaderOrNone(p.leader === -1 ? null : p.leader)}` +
  `\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}` +
  (p.markedForDeletion ? '\tMarkedForDeletion: true' : '');

export const dialect2_4: Dialect = {
  ...dialect2_3,
  name: '2.4',
  describeHeader: (h) => header24(h, false),
  // ZK mode never prints Adding/Removing Replicas (AC mode 2.6+ only).
  describePartition: partition24,
};
