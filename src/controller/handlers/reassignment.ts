// Partition reassignment (§9): /admin/reassign_partitions intake and the step-by-step move of
// one partition. The topic znode keeps OAR ∪ RAR until the very end, so a new controller can
// finish the job. Extension: when the target of a partition in flight is replaced in the znode
// (ktool reassign --cancel writes the original replicas back), it restarts toward the new target.
import type { Op } from '../../zk/client.js';
import { ZnodeFormatError, isZkCode } from '../../zk/errors.js';
import { decodeReassignPartitions, encodeReassignPartitions, type PartitionReassignment } from '../../zk/codecs/reassignPartitions.js';
import { decodeTopicAssignment, encodeTopicAssignment } from '../../zk/codecs/topicAssignment.js';
import { REASSIGN_PARTITIONS, topicPath } from '../../zk/paths.js';
import { tpKey, tpName, type Reassignment } from '../context.js';
import { electLeaders } from '../leader-election.js';
import { takeReplicasOffline } from '../replica-offline.js';
import { reassignedSelector } from '../selectors/reassigned.js';
import type { LeaderSelector } from '../selectors/types.js';
import { readState } from '../state-reads.js';
import { ReplicaState } from '../states.js';
import type { ControllerTerm } from '../term.js';
import { resumeDeletionForTopics } from './topic-deletion.js';

const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export async function onReassignmentZnode(term: ControllerTerm): Promise<void> {
  const { ctx, zk, log } = term;
  const r = await zk.tryGetData(REASSIGN_PARTITIONS, term.watch('PartitionReassignment', () => onReassignmentZnode(term)));
  if (!r) return;
  let entries: PartitionReassignment[];
  try {
    entries = decodeReassignPartitions(r.data, REASSIGN_PARTITIONS);
  } catch (err) {
    if (!(err instanceof ZnodeFormatError)) throw err;
    log.error(`Deleting unreadable ${REASSIGN_PARTITIONS}: ${err.message}`);
    await term.writer.multi([{ op: 'remove', path: REASSIGN_PARTITIONS, version: r.stat.version }]).catch(() => undefined);
    return;
  }
  const invalid: PartitionReassignment[] = [];
  const started: Reassignment[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const key = tpKey(e.topic, e.partition);
    const inflight = ctx.reassigning.get(key);
    if (inflight && same(inflight.target, e.replicas)) continue;
    const problem = validate(term, e, seen);
    seen.add(key);
    if (problem) {
      log.error(`Failing reassignment of partition ${tpName(e)} to [${e.replicas.join(',')}]: ${problem}`);
      invalid.push(e);
      continue;
    }
    if (inflight) log.info(`Reassignment of ${tpName(e)} replaced: target [${inflight.target.join(',')}] -> [${e.replicas.join(',')}]; restarting`);
    const re: Reassignment = { topic: e.topic, partition: e.partition, target: [...e.replicas] };
    ctx.reassigning.set(key, re);
    ctx.topicsIneligible.add(e.topic);
    started.push(re);
  }
  if (invalid.length) await removeFromZnode(term, invalid);
  for (const re of started) {
    log.info(`Reassigning ${tpName(re)} to [${re.target.join(',')}]`);
    await onPartitionReassignment(term, tpKey(re.topic, re.partition));
  }
}

function validate(term: ControllerTerm, e: PartitionReassignment, seen: Set<string>): string | null {
  const { ctx } = term;
  const info = ctx.partition(e.topic, e.partition);
  if (!info) return 'the partition does not exist';
  if (ctx.isBeingDeleted(e.topic)) return 'the topic is being deleted';
  if (seen.has(tpKey(e.topic, e.partition))) return 'the partition is listed twice';
  if (!e.replicas.length) return 'the replica list is empty';
  if (new Set(e.replicas).size !== e.replicas.length) return 'the replica list contains duplicates';
  if (e.replicas.some((b) => !Number.isInteger(b) || b < 0)) return 'the replica list contains an invalid broker id';
  const live = e.replicas.filter((b) => ctx.isLive(b));
  if (live.length !== e.replicas.length) {
    return `only ${live.length} replicas out of the new set of replicas ${e.replicas.join(',')} are alive`;
  }
  if (!ctx.reassigning.has(tpKey(e.topic, e.partition)) && same(info.replicas, e.replicas)) return 'the partition already has these replicas';
  return null;
}

/** §9.3, re-run whenever the partition's state znode changes until every target replica is in the ISR. */
export async function onPartitionReassignment(term: ControllerTerm, key: string): Promise<void> {
  const { ctx, zk, log } = term;
  const re = ctx.reassigning.get(key);
  if (!re) return;
  const info = ctx.partition(re.topic, re.partition);
  if (!info) {
    ctx.reassigning.delete(key);
    return;
  }
  // Re-read with a watch: ISR changes by the leader drive the next step.
  const li = await readState(zk, re.topic, re.partition, term.watch(`ReassignmentIsr:${key}`, () => onPartitionReassignment(term, key)));
  if (li) info.li = li;
  const rar = re.target;
  if (!li || !rar.every((b) => li.isr.includes(b))) {
    if (re.phaseAStarted) return;
    re.phaseAStarted = true;
    const oar = info.replicas;
    const newAr = [...rar, ...oar.filter((b) => !rar.includes(b))];
    if (!same(newAr, oar)) {
      await writeTopicAssignment(term, re.topic, re.partition, newAr);
      info.replicas = newAr;
    }
    const batch = term.newBatch();
    if (li) await bumpLeaderEpoch(term, re, newAr, batch);
    for (const b of rar) {
      if (oar.includes(b)) continue;
      if (ctx.replicaState(info, b) !== ReplicaState.NonExistent) continue;
      ctx.setReplicaState(info, b, ReplicaState.New);
      if (info.li) batch.addLeaderAndIsr([b], re.topic, re.partition, info.li, newAr);
    }
    batch.send(term.channel);
    log.info(`Reassignment of ${tpName(re)}: waiting for [${rar.filter((b) => !li?.isr.includes(b)).join(',')}] to join the ISR`);
    return;
  }
  // Every target replica is in sync: finish.
  const oldAr = info.replicas;
  for (const b of rar) {
    if (ctx.replicaState(info, b) === ReplicaState.NonExistent) ctx.setReplicaState(info, b, ReplicaState.New);
    ctx.setReplicaState(info, b, ReplicaState.Online);
  }
  info.replicas = rar;
  const batch = term.newBatch();
  if (!rar.includes(li.leader) || !ctx.isLive(li.leader)) {
    const res = await electLeaders(term, [re], () => reassignedSelector(rar), batch, 'Reassigned partition election');
    if (res.failed.length) {
      info.replicas = oldAr;
      batch.send(term.channel);
      log.warn(`Reassignment of ${tpName(re)}: no target replica can lead yet; will retry on the next ISR change`);
      return;
    }
  } else {
    await bumpLeaderEpoch(term, re, oldAr, batch);
  }
  const removed = oldAr.filter((b) => !rar.includes(b));
  await takeReplicasOffline(term, removed.map((b) => ({ topic: re.topic, partition: re.partition, broker: b })), batch, 'Reassignment');
  for (const b of removed) {
    batch.addStopReplica(b, re, true);
    ctx.setReplicaState(info, b, ReplicaState.DeletionStarted);
    ctx.setReplicaState(info, b, ReplicaState.DeletionSuccessful);
    ctx.setReplicaState(info, b, ReplicaState.NonExistent);
  }
  await writeTopicAssignment(term, re.topic, re.partition, rar);
  ctx.reassigning.delete(key);
  await removeFromZnode(term, [{ topic: re.topic, partition: re.partition, replicas: rar }]);
  batch.addUpdateMetadataAll([re]);
  batch.send(term.channel);
  log.info(`Reassignment of ${tpName(re)} to [${rar.join(',')}] completed`);
  if (!ctx.topicBeingReassigned(re.topic)) {
    if (ctx.isBeingDeleted(re.topic)) await resumeDeletionForTopics(term, [re.topic]);
    else ctx.topicsIneligible.delete(re.topic);
  }
}

/** Leader and ISR unchanged, leader epoch + 1, LeaderAndIsr (with AR) to `recipients`. */
async function bumpLeaderEpoch(term: ControllerTerm, re: Reassignment, recipients: number[], batch: ReturnType<ControllerTerm['newBatch']>): Promise<void> {
  const keep: LeaderSelector = ({ cur }) => ({ kind: 'elected', leader: cur.leader, isr: cur.isr, recipients });
  await electLeaders(term, [re], () => keep, batch, 'Reassignment leader epoch bump');
}

/** Replace one partition's replica list in /brokers/topics/<t> (CAS on the topic znode). */
async function writeTopicAssignment(term: ControllerTerm, topic: string, partition: number, replicas: number[]): Promise<void> {
  const { zk, writer } = term;
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = await zk.getData(topicPath(topic));
    const a = decodeTopicAssignment(r.data, topicPath(topic)).partitions;
    if (same(a.get(partition) ?? [], replicas)) return;
    a.set(partition, replicas);
    try {
      await writer.multi([{ op: 'set', path: topicPath(topic), data: encodeTopicAssignment(a), version: r.stat.version }]);
      term.log.info(`Updated assignment of ${tpName({ topic, partition })} to [${replicas.join(',')}]`);
      return;
    } catch (err) {
      if (!isZkCode(err, 'BAD_VERSION')) throw err;
    }
  }
  throw new Error(`Could not update the assignment of topic ${topic}: it keeps changing`);
}

/** Drop finished/invalid entries from /admin/reassign_partitions (versioned rewrite; delete when empty). */
async function removeFromZnode(term: ControllerTerm, done: PartitionReassignment[]): Promise<void> {
  const { zk, writer } = term;
  const drop = new Map(done.map((d) => [tpKey(d.topic, d.partition), d.replicas]));
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = await zk.tryGetData(REASSIGN_PARTITIONS);
    if (!r) return;
    const entries = decodeReassignPartitions(r.data, REASSIGN_PARTITIONS);
    // Only entries that still ask for what was finished: a replaced target stays.
    const keep = entries.filter((e) => {
      const d = drop.get(tpKey(e.topic, e.partition));
      return !d || !same(d, e.replicas);
    });
    if (keep.length === entries.length) return;
    const op: Op = keep.length
      ? { op: 'set', path: REASSIGN_PARTITIONS, data: encodeReassignPartitions(keep), version: r.stat.version }
      : { op: 'remove', path: REASSIGN_PARTITIONS, version: r.stat.version };
    try {
      await writer.multi([op]);
      return;
    } catch (err) {
      if (!isZkCode(err, 'BAD_VERSION') && !isZkCode(err, 'NO_NODE')) throw err;
    }
  }
}

/** A broker came back: reassignments waiting for it may continue (§7.1 step 3.4). */
export async function resumeReassignmentsFor(term: ControllerTerm, brokers: Set<number>): Promise<void> {
  for (const [key, re] of [...term.ctx.reassigning]) {
    if (re.target.some((b) => brokers.has(b))) await onPartitionReassignment(term, key);
  }
}
