// Public entry point (`ktool/assignment`): Kafka's replica-assignment algorithm, pure functions.
export { AssignmentError, type AssignmentErrorCode } from './errors.js';
export {
  assignReplicasToBrokers,
  type Assignment,
  type AssignOptions,
  type BrokerInfo,
} from './kafka-assign.js';
export { rackAlternatedBrokerList } from './rack-alternated.js';
export {
  assignAddedPartitions,
  startIndexForAddedPartitions,
  type AddPartitionsOptions,
} from './add-partitions.js';
