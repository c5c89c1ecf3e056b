// Names of the partition and replica states the controller tracks in memory.

export const PartitionState = {
  NonExistent: 'NonExistentPartition',
  New: 'NewPartition',
  Online: 'OnlinePartition',
  Offline: 'OfflinePartition',
} as const;
export type PartitionStateName = (typeof PartitionState)[keyof typeof PartitionState];

export const ReplicaState = {
  New: 'NewReplica',
  Online: 'OnlineReplica',
  Offline: 'OfflineReplica',
  DeletionStarted: 'ReplicaDeletionStarted',
  DeletionSuccessful: 'ReplicaDeletionSuccessful',
  DeletionIneligible: 'ReplicaDeletionIneligible',
  NonExistent: 'NonExistentReplica',
} as const;
export type ReplicaStateName = (typeof ReplicaState)[keyof typeof ReplicaState];
