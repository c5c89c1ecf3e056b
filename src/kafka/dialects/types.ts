// What a dialect is: the text templates of one release line's ZooKeeper-mode tools
// (kafka-topics.sh, kafka-reassign-partitions.sh, kafka-preferred-replica-election.sh).
// Renderers take the data and a Dialect; each line group is one file (v0_9.ts … v2_6.ts).

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

export interface PartitionReplicas extends TopicPartitionRef {
  replicas: readonly number[];
}

export interface DescribeHeaderData {
  topic: string;
  /** The znode's topic_id (2.8+ topic znodes), printed by 2.8+ tools when present. */
  topicId?: string | null;
  partitionCount: number;
  replicationFactor: number;
  configs: ReadonlyMap<string, string>;
  markedForDeletion: boolean;
}

export interface DescribePartitionData {
  topic: string;
  partition: number;
  /** -1 = no leader elected; null = no state znode. */
  leader: number | null;
  replicas: readonly number[];
  isr: readonly number[];
  markedForDeletion: boolean;
  /** A report filter (under-replicated, unavailable, …) suppressed the topic's header line. */
  headerSuppressed: boolean;
}

export interface VerifyLine extends PartitionReplicas {
  status: 'completed' | 'in_progress' | 'failed';
  /** Replica list of the partition now. */
  assigned: readonly number[];
}

export interface VerifyExtras {
  /** ktool removed throttle configs once every partition finished. */
  throttleRemoved: boolean;
  /** 2.6+: the brokers (live + targets) and topics whose throttles are cleared when nothing is in flight. */
  scope?: { brokers: readonly number[]; topics: readonly string[] };
}

export interface Dialect {
  /** The release line whose tools' text this is: "0.9.0" … "2.8" (3.x clusters get 2.8's). */
  readonly name: string;

  // kafka-topics.sh
  describeHeader(h: DescribeHeaderData): string;
  describePartition(p: DescribePartitionData): string;
  /** `--describe --topic X` matching nothing is an error from 2.3 (null: silent, as 0.9). */
  describeNothingMatched(topicArg: string): string | null;
  listLine(topic: string, markedForDeletion: boolean): string;
  createdTopic(topic: string): string;
  topicExists(topic: string): string;
  updatedConfig(topic: string): string;
  topicNotFound(topicArg: string, zkConnect: string): string;

  // kafka-reassign-partitions.sh
  partitionText(tp: TopicPartitionRef): string;
  reassignmentJson(list: readonly PartitionReplicas[]): string;
  generate(current: readonly PartitionReplicas[], proposed: readonly PartitionReplicas[]): string;
  /** Rollback block of --execute (all partitions of the plan's topics; 2.6+ prints only the planned ones). */
  rollbackBlock(current: readonly PartitionReplicas[], plan: readonly TopicPartitionRef[]): string;
  throttleWarning: string;
  throttleLimit(bytesPerSec: number): string;
  /** After a batch was submitted. */
  executeStarted(batch: readonly PartitionReplicas[]): string;
  /** Refusal while another reassignment is in flight (ktool exits 1 in every dialect). */
  existingReassignment(inFlight: readonly PartitionReplicas[], inFlightMapText: string): string;
  /** Prefix of runtime failures of the reassign tool (≤2.5 `Partitions reassignment failed due to `; 2.6+ none). */
  reassignErrorPrefix: string;
  verify(entries: readonly VerifyLine[], extras: VerifyExtras): string;

  // kafka-preferred-replica-election.sh
  electionStarted(batch: readonly TopicPartitionRef[], znodeJson: string): string;
}
