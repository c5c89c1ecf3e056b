// Starting a preferred replica election: create /admin/preferred_replica_election (atomic create;
// NODE_EXISTS = one is running), in batches for big clusters, each written once the controller has
// deleted the previous one. Optionally wait and report partitions not led by their preferred replica.
import type { ZkClient } from '../zk/client.js';
import { CommandError } from '../cli/errors.js';
import * as P from '../zk/paths.js';
import { ZkError } from '../zk/errors.js';
import { decodePartitionList, encodePartitionList } from '../zk/codecs/partitionList.js';
import { readPartitionStates } from '../zk/readers.js';
import { scalaSet } from '../reassign/format.js';
import type { ClusterAssignment, TopicPartitionRef } from '../reassign/types.js';
import { waitForZnodeGone } from './wait-gone.js';

export const MAX_ELECTION_BATCH_BYTES = 900_000;

export function splitElectionBatches(list: readonly TopicPartitionRef[], batchSize?: number, maxBytes = MAX_ELECTION_BATCH_BYTES): TopicPartitionRef[][] {
  const out: TopicPartitionRef[][] = [];
  let cur: TopicPartitionRef[] = [];
  let bytes = 30;
  for (const r of list) {
    const size = JSON.stringify({ topic: r.topic, partition: r.partition }).length + 1;
    if (cur.length && ((batchSize !== undefined && cur.length >= batchSize) || bytes + size > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 30;
    }
    cur.push(r);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}

export const electionInProgressMessage = (pending: readonly TopicPartitionRef[]): string =>
  `Preferred replica leader election currently in progress for ${scalaSet(pending)}. Aborting operation`;

async function createElection(zk: ZkClient, batch: readonly TopicPartitionRef[]): Promise<void> {
  await zk.mkdirp(P.ADMIN);
  for (let attempt = 0; ; attempt++) {
    try {
      await zk.create(P.PREFERRED_REPLICA_ELECTION, encodePartitionList(batch));
      return;
    } catch (err) {
      if (!(err instanceof ZkError) || err.code !== 'NODE_EXISTS') throw err;
      const r = await zk.tryGetData(P.PREFERRED_REPLICA_ELECTION);
      if (r) throw new CommandError(electionInProgressMessage(decodePartitionList(r.data, P.PREFERRED_REPLICA_ELECTION)));
      if (attempt >= 10) throw err;
      // The running election finished between our create and our read: try again.
    }
  }
}

export interface ElectOptions {
  partitions: TopicPartitionRef[];
  batchSize?: number;
  maxBatchBytes?: number;
  timeoutMs?: number;
  /** Called after each batch's znode was created. */
  onStarted: (batch: TopicPartitionRef[]) => void;
}

export async function startElection(zk: ZkClient, o: ElectOptions): Promise<{ batches: number }> {
  const batches = splitElectionBatches(o.partitions, o.batchSize, o.maxBatchBytes);
  for (let i = 0; i < batches.length; i++) {
    if (i > 0 && !(await waitForZnodeGone(zk, P.PREFERRED_REPLICA_ELECTION, o.timeoutMs))) {
      throw new CommandError(`Timed out waiting for the controller to finish batch ${i} of ${batches.length}; ${i} batches were started`);
    }
    await createElection(zk, batches[i]!);
    o.onStarted(batches[i]!);
  }
  return { batches: batches.length };
}

export interface NotPreferred extends TopicPartitionRef {
  preferred: number;
  leader: number | null;
  isr: number[];
}

/** Partitions whose leader is not the first replica of their assignment (e.g. preferred not in the ISR). */
export async function partitionsNotLedByPreferred(zk: ZkClient, refs: readonly TopicPartitionRef[], assignment: ClusterAssignment): Promise<NotPreferred[]> {
  const states = await readPartitionStates(zk, refs);
  const out: NotPreferred[] = [];
  refs.forEach((r, i) => {
    const preferred = assignment.get(r.topic)?.get(r.partition)?.[0];
    const s = states[i];
    if (preferred === undefined) return;
    if (!s || s.leader !== preferred) out.push({ ...r, preferred, leader: s && s.leader >= 0 ? s.leader : null, isr: s?.isr ?? [] });
  });
  return out;
}
