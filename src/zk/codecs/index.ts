// One codec per Kafka znode: exact Kafka JSON on write, tolerant validated reads.
export * from './brokerRegistration.js';
export * from './topicAssignment.js';
export * from './partitionState.js';
export * from './reassignPartitions.js';
export * from './partitionList.js';
export * from './entityConfig.js';
export * from './configChange.js';
export * from './controller.js';
