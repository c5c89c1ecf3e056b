// Replica state machine: the transition table (kafka-controller.md §5.1, with the 2.x addition
// Offline -> ReplicaDeletionIneligible). A replica is (topic, partition, broker).
import { ReplicaState as R, type ReplicaStateName } from './states.js';

/** target state -> states it may be entered from */
export const REPLICA_TRANSITIONS: Readonly<Record<ReplicaStateName, readonly ReplicaStateName[]>> = {
  [R.New]: [R.NonExistent],
  [R.Online]: [R.New, R.Online, R.Offline, R.DeletionIneligible],
  [R.Offline]: [R.New, R.Online, R.Offline, R.DeletionIneligible],
  [R.DeletionStarted]: [R.Offline],
  [R.DeletionSuccessful]: [R.DeletionStarted],
  [R.DeletionIneligible]: [R.DeletionStarted, R.Offline],
  [R.NonExistent]: [R.DeletionSuccessful],
};

export function isValidReplicaTransition(from: ReplicaStateName, to: ReplicaStateName): boolean {
  return REPLICA_TRANSITIONS[to].includes(from);
}
