// Kafka 0.9 --describe text rendering, byte for byte against transcript A.5.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderDescribeText } from '../../src/output/describe-text.js';
import { renderListText } from '../../src/output/list-text.js';
import type { PartitionDescription, TopicDescription } from '../../src/topics/describe.js';

const live = new Set([1, 3]);
function part(partition: number, leader: number | null, replicas: number[], isr: number[]): PartitionDescription {
  return {
    partition, leader, replicas, isr,
    underReplicated: isr.length < replicas.length,
    unavailable: leader === null || !live.has(leader),
    nonPreferredLeader: leader !== null && leader >= 0 && leader !== replicas[0],
  };
}
function topic(name: string, configs: Array<[string, string]>, parts: PartitionDescription[]): TopicDescription {
  return { topic: name, exists: true, partitionCount: parts.length, replicationFactor: parts[0]!.replicas.length, configs: new Map(configs), markedForDeletion: false, internal: false, partitions: parts };
}

const TOPICS = [
  topic('auto1', [['retention.ms', '5000'], ['max.message.bytes', '2000']], [part(0, 1, [1, 2], [1]), part(1, 3, [2, 3], [3])]),
  topic('my.topic', [], [part(0, 3, [3], [3])]),
  topic('single2', [], [part(0, -1, [2], []), part(1, null, [2], [])]),
];

describe('describe text (Kafka 0.9)', () => {
  it('prints headers without a space after "Topic:" and partition lines with TABs', () => {
    assert.equal(
      renderDescribeText(TOPICS, undefined),
      'Topic:auto1\tPartitionCount:2\tReplicationFactor:2\tConfigs:max.message.bytes=2000,retention.ms=5000\n' +
        '\tTopic: auto1\tPartition: 0\tLeader: 1\tReplicas: 1,2\tIsr: 1\n' +
        '\tTopic: auto1\tPartition: 1\tLeader: 3\tReplicas: 2,3\tIsr: 3\n' +
        'Topic:my.topic\tPartitionCount:1\tReplicationFactor:1\tConfigs:\n' +
        '\tTopic: my.topic\tPartition: 0\tLeader: 3\tReplicas: 3\tIsr: 3\n' +
        'Topic:single2\tPartitionCount:2\tReplicationFactor:1\tConfigs:\n' +
        '\tTopic: single2\tPartition: 0\tLeader: -1\tReplicas: 2\tIsr: \n' +
        '\tTopic: single2\tPartition: 1\tLeader: none\tReplicas: 2\tIsr: \n',
    );
  });
  it('filters print partition lines only', () => {
    assert.equal(
      renderDescribeText(TOPICS, 'unavailable'),
      '\tTopic: single2\tPartition: 0\tLeader: -1\tReplicas: 2\tIsr: \n\tTopic: single2\tPartition: 1\tLeader: none\tReplicas: 2\tIsr: \n',
    );
    assert.equal(renderDescribeText(TOPICS, 'under-replicated').split('\n').length - 1, 4);
    assert.equal(renderDescribeText(TOPICS, 'non-preferred-leader'), '\tTopic: auto1\tPartition: 1\tLeader: 3\tReplicas: 2,3\tIsr: 3\n');
  });
  it('--topics-with-overrides prints headers of topics with overrides only', () => {
    assert.equal(renderDescribeText(TOPICS, 'topics-with-overrides'), 'Topic:auto1\tPartitionCount:2\tReplicationFactor:2\tConfigs:max.message.bytes=2000,retention.ms=5000\n');
  });
  it('list marks topics pending deletion', () => {
    assert.equal(
      renderListText([
        { topic: 'auto1', markedForDeletion: false, internal: false },
        { topic: 'single2', markedForDeletion: true, internal: false },
      ]),
      'auto1\nsingle2 - marked for deletion\n',
    );
  });
});
