// Topic deletion (§11): /admin/delete_topics children are the queue. A topic is deleted only
// while all its replicas are reachable and no reassignment or preferred election touches it;
// replicas get StopReplica(delete) and, when every replica confirmed, all its znodes go.
import type { Op } from '../../zk/client.js';
import { isZkCode } from '../../zk/errors.js';
import { DELETE_TOPICS, deleteTopicPath, topicConfigPath, topicPath } from '../../zk/paths.js';
import { tpKey } from '../context.js';
import { takeReplicasOffline, type ReplicaRef } from '../replica-offline.js';
import type { StopReplicaOutcome } from '../request-batch.js';
import { PartitionState, ReplicaState } from '../states.js';
import type { ControllerTerm } from '../term.js';
import { watchedChildren } from '../watched-children.js';
import { listSummary } from '../change-log.js';

/** After a StopReplica(delete) to a registered broker failed, try again after this long. */
const DELIVERY_RETRY_MS = 1000;

export async function onDeleteTopicsChange(term: ControllerTerm): Promise<void> {
  const { ctx, zk, log, config } = term;
  const w = term.watch('TopicDeletion', () => onDeleteTopicsChange(term));
  const markers = await watchedChildren(zk, DELETE_TOPICS, w);
  if (!config.deleteTopicEnable) {
    if (markers.length) log.info(`Topic deletion is disabled (delete.topic.enable=false); ignoring requests for ${listSummary(markers)}`);
    return;
  }
  const unknown = markers.filter((t) => !ctx.topics.has(t));
  if (unknown.length) {
    log.info(`Removing deletion requests for unknown topics ${listSummary(unknown)}`);
    await term.writer.runGroups(unknown.map((t): Op[] => [{ op: 'remove', path: deleteTopicPath(t) }]));
  }
  const fresh = markers.filter((t) => ctx.topics.has(t) && !ctx.topicsToDelete.has(t));
  if (!fresh.length) return;
  log.info(`New topics to delete: ${listSummary(fresh)}`);
  enqueueTopics(term, fresh);
  await resumeDeletions(term);
}

/** Queue topics for deletion (intake and failover). */
export function enqueueTopics(term: ControllerTerm, topics: string[]): void {
  const { ctx } = term;
  for (const t of topics) {
    ctx.topicsToDelete.add(t);
    const parts = ctx.topics.get(t)!;
    let busy = ctx.topicBeingReassigned(t);
    for (const p of parts.keys()) if (ctx.preferredInProgress.has(tpKey(t, p))) busy = true;
    if (busy) ctx.topicsIneligible.add(t);
  }
}

export async function resumeDeletionForTopics(term: ControllerTerm, topics: string[]): Promise<void> {
  for (const t of topics) term.ctx.topicsIneligible.delete(t);
  await resumeDeletions(term);
}

function replicasOf(term: ControllerTerm, topic: string): ReplicaRef[] {
  const out: ReplicaRef[] = [];
  for (const [p, info] of term.ctx.topics.get(topic) ?? []) for (const b of info.replicas) out.push({ topic, partition: p, broker: b });
  return out;
}

function replicaState(term: ControllerTerm, r: ReplicaRef): string {
  const info = term.ctx.partition(r.topic, r.partition);
  return info ? term.ctx.replicaState(info, r.broker) : ReplicaState.NonExistent;
}

/** The deletion loop, run for every queued topic on each signal. */
export async function resumeDeletions(term: ControllerTerm): Promise<void> {
  const { ctx } = term;
  const toStart: string[] = [];
  for (const topic of [...ctx.topicsToDelete]) {
    if (!ctx.topics.has(topic)) {
      ctx.topicsToDelete.delete(topic);
      continue;
    }
    const replicas = replicasOf(term, topic);
    const states = replicas.map((r) => replicaState(term, r));
    if (states.every((s) => s === ReplicaState.DeletionSuccessful)) {
      await completeDeletion(term, topic);
      continue;
    }
    const started = states.some((s) => s === ReplicaState.DeletionStarted);
    if (!started) {
      // Retry: ineligible replicas go back to offline (a broker came back, or delivery failed).
      replicas.forEach((r, i) => {
        if (states[i] === ReplicaState.DeletionIneligible) ctx.setReplicaState(ctx.partition(r.topic, r.partition)!, r.broker, ReplicaState.Offline);
      });
    }
    if (!started && !ctx.topicsIneligible.has(topic) && !ctx.topicBeingReassigned(topic)) toStart.push(topic);
  }
  if (toStart.length) await onTopicDeletion(term, toStart);
}

/** Start deleting (§11 onTopicDeletion). */
async function onTopicDeletion(term: ControllerTerm, topics: string[]): Promise<void> {
  const { ctx, log } = term;
  log.info(`Deleting topics ${listSummary(topics)}`);
  const batch = term.newBatch();
  const dead: ReplicaRef[] = [];
  const live: ReplicaRef[] = [];
  for (const topic of topics) {
    for (const [p, info] of ctx.topics.get(topic)!) {
      ctx.setPartitionState(info, PartitionState.Offline);
      batch.addUpdateMetadataAll([{ topic, partition: p }]);
      for (const b of info.replicas) {
        const st = ctx.replicaState(info, b);
        if (st === ReplicaState.DeletionSuccessful) continue;
        (ctx.isRegistered(b) ? live : dead).push({ topic, partition: p, broker: b });
      }
    }
  }
  if (dead.length) await failReplicaDeletion(term, dead, false);
  await takeReplicasOffline(term, live, batch, 'Topic deletion');
  for (const r of live) {
    const info = ctx.partition(r.topic, r.partition)!;
    if (ctx.setReplicaState(info, r.broker, ReplicaState.DeletionStarted)) batch.addStopReplica(r.broker, r, true);
  }
  const { deletions } = batch.send(term.channel);
  void deletions.then((list) => term.enqueue('StopReplicaResponses', () => onStopReplicaResponses(term, list), false));
}

async function onStopReplicaResponses(term: ControllerTerm, outcomes: StopReplicaOutcome[]): Promise<void> {
  const { ctx } = term;
  const failed: ReplicaRef[] = [];
  let retryLater = false;
  for (const o of outcomes) {
    const errs = new Set((o.response?.partitions ?? []).filter((p) => p.errorCode !== 0).map((p) => tpKey(p.topic, p.partition)));
    for (const tp of o.partitions) {
      const info = ctx.partition(tp.topic, tp.partition);
      if (!info || ctx.replicaState(info, o.broker) !== ReplicaState.DeletionStarted) continue;
      if (!o.response || o.response.errorCode !== 0 || errs.has(tpKey(tp.topic, tp.partition))) {
        failed.push({ ...tp, broker: o.broker });
        if (ctx.isRegistered(o.broker)) retryLater = true;
      } else {
        ctx.setReplicaState(info, o.broker, ReplicaState.DeletionSuccessful);
      }
    }
  }
  if (failed.length) await failReplicaDeletion(term, failed, false);
  if (retryLater) {
    const topics = [...new Set(failed.map((f) => f.topic))];
    term.schedule(DELIVERY_RETRY_MS, `RetryTopicDeletion:${topics.join(',')}`, () => resumeDeletionForTopics(term, topics));
  }
  await resumeDeletions(term);
}

/** Replicas that cannot be deleted now: ReplicaDeletionIneligible, their topics halted. */
export async function failReplicaDeletion(term: ControllerTerm, replicas: ReplicaRef[], resume = true): Promise<void> {
  const { ctx, log } = term;
  const topics = new Set<string>();
  for (const r of replicas) {
    const info = ctx.partition(r.topic, r.partition);
    if (!info || !ctx.isBeingDeleted(r.topic)) continue;
    if (ctx.replicaState(info, r.broker) !== ReplicaState.Offline && ctx.replicaState(info, r.broker) !== ReplicaState.DeletionStarted) {
      ctx.setReplicaState(info, r.broker, ReplicaState.Offline);
    }
    ctx.setReplicaState(info, r.broker, ReplicaState.DeletionIneligible);
    topics.add(r.topic);
  }
  for (const t of topics) ctx.topicsIneligible.add(t);
  if (topics.size) log.info(`Deletion of topics ${listSummary([...topics])} halted: some replicas cannot be deleted now`);
  if (resume) await resumeDeletions(term);
}

/** All replicas confirmed: forget the topic and remove all its znodes (fenced). */
async function completeDeletion(term: ControllerTerm, topic: string): Promise<void> {
  const { ctx, zk, writer, log } = term;
  for (const info of ctx.topics.get(topic)!.values()) {
    for (const b of ctx.replicaBrokers(info)) ctx.setReplicaState(info, b, ReplicaState.NonExistent);
    ctx.setPartitionState(info, PartitionState.Offline);
    ctx.setPartitionState(info, PartitionState.NonExistent);
  }
  const tree = (await zk.listTree(topicPath(topic), 256)).filter((p) => p !== topicPath(topic));
  // Deepest first; each depth in packed multis.
  const byDepth = new Map<number, string[]>();
  for (const p of tree) {
    const d = p.split('/').length;
    (byDepth.get(d) ?? byDepth.set(d, []).get(d)!).push(p);
  }
  for (const d of [...byDepth.keys()].sort((a, b) => b - a)) {
    const res = await writer.runGroups(byDepth.get(d)!.map((p): Op[] => [{ op: 'remove', path: p }]));
    const bad = res.find((r) => !r.ok && r.code !== 'NO_NODE');
    if (bad && !bad.ok) throw new Error(`Could not delete ${bad.path} of topic ${topic}: ${bad.code}`);
  }
  for (const p of [topicPath(topic), topicConfigPath(topic), deleteTopicPath(topic)]) {
    try {
      await writer.multi([{ op: 'remove', path: p }]);
    } catch (err) {
      if (!isZkCode(err, 'NO_NODE')) throw err;
    }
  }
  ctx.topics.delete(topic);
  ctx.topicsToDelete.delete(topic);
  ctx.topicsIneligible.delete(topic);
  ctx.uncleanOverride.delete(topic);
  log.info(`Deletion of topic ${topic} successfully completed`);
}
