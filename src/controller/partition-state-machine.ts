// Partition state machine: the transition table (kafka-controller.md §4.1). The effects of a
// transition (initialization, election) live in the flows; this table decides what is allowed.
import { PartitionState as S, type PartitionStateName } from './states.js';

/** target state -> states it may be entered from */
export const PARTITION_TRANSITIONS: Readonly<Record<PartitionStateName, readonly PartitionStateName[]>> = {
  [S.NonExistent]: [S.Offline],
  [S.New]: [S.NonExistent],
  [S.Online]: [S.New, S.Online, S.Offline],
  [S.Offline]: [S.New, S.Online, S.Offline],
};

export function isValidPartitionTransition(from: PartitionStateName, to: PartitionStateName): boolean {
  return PARTITION_TRANSITIONS[to].includes(from);
}
