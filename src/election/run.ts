// One preferred replica election as the command runs it: pick the partitions (file or all),
// start the election in batches, and with `wait` report the partitions still not led by their
// preferred replica once the controller has finished.
import type { ZkClient } from '../zk/client.js';
import * as P from '../zk/paths.js';
import type { TopicPartitionRef } from '../reassign/types.js';
import { assertWritable, type ClusterKnowledge } from '../kafka/cluster.js';
import { checkedFilePartitions, initialisedPartitions } from './partitions.js';
import { partitionsNotLedByPreferred, startElection, type NotPreferred } from './elect.js';
import { waitForZnodeGone } from './wait-gone.js';

export interface RunElectionOptions {
  /** Partitions from --path-to-json-file; undefined: every initialised partition. */
  refs?: TopicPartitionRef[];
  batchSize?: number;
  maxBatchBytes?: number;
  timeoutMs?: number;
  wait: boolean;
  onStarted: (batch: TopicPartitionRef[]) => void;
}

export interface RunElectionResult {
  partitions: TopicPartitionRef[];
  notPreferred: NotPreferred[];
  waited: boolean;
  /** With `wait`: the controller did not finish within timeoutMs. */
  timedOut?: boolean;
}

export async function runElection(zk: ZkClient, k: ClusterKnowledge, o: RunElectionOptions): Promise<RunElectionResult> {
  // No ZooKeeper controller acts on the znode during a KRaft migration (H7).
  assertWritable(k);
  const { partitions, assignment } = o.refs
    ? { partitions: o.refs, assignment: await checkedFilePartitions(zk, o.refs) }
    : await initialisedPartitions(zk);
  if (!partitions.length) return { partitions, notPreferred: [], waited: false };
  await startElection(zk, { partitions, batchSize: o.batchSize, maxBatchBytes: o.maxBatchBytes, timeoutMs: o.timeoutMs, onStarted: o.onStarted });
  if (!o.wait) return { partitions, notPreferred: [], waited: false };
  if (!(await waitForZnodeGone(zk, P.PREFERRED_REPLICA_ELECTION, o.timeoutMs))) return { partitions, notPreferred: [], waited: false, timedOut: true };
  return { partitions, notPreferred: await partitionsNotLedByPreferred(zk, partitions, assignment), waited: true };
}
