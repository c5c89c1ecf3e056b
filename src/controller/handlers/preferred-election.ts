// /admin/preferred_replica_election (§12.1): elect the preferred replicas of the listed
// partitions, then always delete the znode so the tool can run again.
import type { TopicPartitionRef } from '../../broker/protocol.js';
import { decodePartitionList } from '../../zk/codecs/partitionList.js';
import { PREFERRED_REPLICA_ELECTION } from '../../zk/paths.js';
import { isZkCode } from '../../zk/errors.js';
import { tpKey, tpName } from '../context.js';
import { electLeaders } from '../leader-election.js';
import { preferredSelector } from '../selectors/preferred.js';
import type { ControllerTerm } from '../term.js';
import { resumeDeletionForTopics } from './topic-deletion.js';

export async function onPreferredReplicaElection(term: ControllerTerm): Promise<void> {
  const { ctx, zk, log } = term;
  const r = await zk.tryGetData(PREFERRED_REPLICA_ELECTION, term.watch('PreferredReplicaElection', () => onPreferredReplicaElection(term)));
  if (!r) return;
  let requested: TopicPartitionRef[] = [];
  try {
    requested = decodePartitionList(r.data, PREFERRED_REPLICA_ELECTION);
  } catch (err) {
    log.error(`Invalid preferred replica election request: ${(err as Error).message}`);
  }
  const tps = requested.filter((tp) => {
    if (!ctx.partition(tp.topic, tp.partition)) {
      log.warn(`Skipping preferred replica election for unknown partition ${tpName(tp)}`);
      return false;
    }
    if (ctx.isBeingDeleted(tp.topic)) {
      log.warn(`Skipping preferred replica election for ${tpName(tp)}: topic is being deleted`);
      return false;
    }
    return !ctx.preferredInProgress.has(tpKey(tp.topic, tp.partition));
  });
  try {
    await runPreferredElection(term, tps, 'Preferred replica election');
  } finally {
    try {
      await term.writer.multi([{ op: 'remove', path: PREFERRED_REPLICA_ELECTION }]);
    } catch (err) {
      if (!isZkCode(err, 'NO_NODE')) throw err;
    }
  }
}

/** Shared by the admin request and auto rebalance (which never touches the znode). */
export async function runPreferredElection(term: ControllerTerm, tps: TopicPartitionRef[], what: string): Promise<void> {
  const { ctx, log } = term;
  if (!tps.length) return;
  for (const tp of tps) ctx.preferredInProgress.add(tpKey(tp.topic, tp.partition));
  try {
    const batch = term.newBatch();
    const res = await electLeaders(term, tps, () => preferredSelector, batch, what);
    batch.send(term.channel);
    log.info(`${what}: ${res.elected.length} moved, ${res.notNeeded.length} already preferred, ${res.failed.length} failed`);
  } finally {
    for (const tp of tps) ctx.preferredInProgress.delete(tpKey(tp.topic, tp.partition));
    const topics = [...new Set(tps.map((t) => t.topic))].filter((t) => ctx.isBeingDeleted(t));
    if (topics.length) await resumeDeletionForTopics(term, topics);
  }
}
