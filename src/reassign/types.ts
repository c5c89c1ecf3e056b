// Shapes shared by the reassignment services.

/** One line of a reassignment plan: the target replica list of a partition. */
export interface PartitionTarget {
  topic: string;
  partition: number;
  replicas: number[];
}

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

/** topic -> partition -> replica ids (first = preferred leader). */
export type ClusterAssignment = Map<string, Map<number, number[]>>;

export const tpKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;
