// New partitions (topic creation, added partitions): NewPartition -> OnlinePartition by
// initialization: leader = first live replica in assignment order, ISR = live replicas in that
// order, leader_epoch 0; partitions/<p> and its state znode are created in batched fenced multis.
import type { TopicPartitionRef } from '../broker/protocol.js';
import type { Op } from '../zk/client.js';
import { encodePartitionState } from '../zk/codecs/partitionState.js';
import { partitionPath, partitionStatePath, topicPartitionsPath } from '../zk/paths.js';
import { mapLimit } from '../zk/pipeline.js';
import { ChangeLog } from './change-log.js';
import { tpName, type LeaderIsr } from './context.js';
import type { RequestBatch } from './request-batch.js';
import { READS_IN_FLIGHT, readState } from './state-reads.js';
import { PartitionState, ReplicaState } from './states.js';
import { describeState } from './state-updates.js';
import type { ControllerTerm } from './term.js';
import { inSlices } from './slices.js';

/** §7.2 onNewPartitionCreation; requests go out per slice (the batch is flushed). */
export async function onNewPartitionCreation(term: ControllerTerm, tps: TopicPartitionRef[], batch: RequestBatch): Promise<void> {
  const { ctx } = term;
  await inSlices(tps, async (slice) => {
    for (const tp of slice) {
      const info = ctx.partition(tp.topic, tp.partition);
      if (!info) continue;
      ctx.setPartitionState(info, PartitionState.New);
      for (const r of info.replicas) ctx.setReplicaState(info, r, ReplicaState.New);
    }
    await initializePartitions(term, slice.filter((tp) => ctx.partition(tp.topic, tp.partition)?.state === PartitionState.New), batch);
    for (const tp of slice) {
      const info = ctx.partition(tp.topic, tp.partition);
      if (!info) continue;
      for (const r of info.replicas) ctx.setReplicaState(info, r, ReplicaState.Online);
    }
    batch.send(term.channel);
  });
}

/** NewPartition -> OnlinePartition (§4.1). Partitions with no live replica stay New. */
export async function initializePartitions(term: ControllerTerm, tps: TopicPartitionRef[], batch: RequestBatch): Promise<void> {
  const { ctx, zk, writer, log } = term;
  if (!tps.length) return;
  const topics = [...new Set(tps.map((tp) => tp.topic))];
  const missingDirs = (await mapLimit(topics, READS_IN_FLIGHT, async (t) => ((await zk.exists(topicPartitionsPath(t))) ? null : t))).filter(
    (t): t is string => t !== null,
  );
  await writer.runGroups(missingDirs.map((t) => [{ op: 'create', path: topicPartitionsPath(t) } as Op]));

  const todo: Array<{ tp: TopicPartitionRef; li: LeaderIsr; live: number[] }> = [];
  const failed: string[] = [];
  for (const tp of tps) {
    const info = ctx.partition(tp.topic, tp.partition)!;
    const live = info.replicas.filter((r) => ctx.isLive(r));
    if (!live.length) {
      failed.push(tpName(tp));
      continue;
    }
    todo.push({ tp, live, li: { leader: live[0]!, leaderEpoch: 0, isr: live, controllerEpoch: ctx.epoch, zkVersion: 0, seenInEvent: ctx.eventSeq } });
  }
  if (failed.length) {
    log.warn(`Initializing leader and ISR failed for ${failed.length} partitions (no assigned replica is alive): ${failed.slice(0, 10).join(', ')}`);
  }
  const groups = todo.map(({ tp, li }): Op[] => [
    { op: 'create', path: partitionPath(tp.topic, tp.partition) },
    { op: 'create', path: partitionStatePath(tp.topic, tp.partition), data: encodePartitionState(li) },
  ]);
  const outcomes = await writer.runGroups(groups);
  const changes = new ChangeLog(log, 'Partition initialization');
  const conflicts: number[] = [];
  outcomes.forEach((o, k) => {
    if (o.ok) return;
    conflicts.push(k);
  });
  // partitions/<p> existed (or the state did): create just the state, or adopt what is there.
  if (conflicts.length) {
    const retry = await writer.runGroups(
      conflicts.map((k) => [{ op: 'create', path: partitionStatePath(todo[k]!.tp.topic, todo[k]!.tp.partition), data: encodePartitionState(todo[k]!.li) } as Op]),
    );
    await mapLimit(conflicts, READS_IN_FLIGHT, async (k, j) => {
      const r = retry[j]!;
      if (r.ok) {
        outcomes[k] = r;
        return;
      }
      const existing = await readState(zk, todo[k]!.tp.topic, todo[k]!.tp.partition);
      const info = ctx.partition(todo[k]!.tp.topic, todo[k]!.tp.partition)!;
      if (existing) {
        info.li = existing;
        ctx.setPartitionState(info, ctx.isLive(existing.leader) ? PartitionState.Online : PartitionState.Offline);
        log.warn(`State znode of ${tpName(todo[k]!.tp)} already existed; adopted ${describeState(existing)}`);
      }
    });
  }
  outcomes.forEach((o, k) => {
    if (!o.ok) return;
    const { tp, li, live } = todo[k]!;
    const info = ctx.partition(tp.topic, tp.partition)!;
    info.li = li;
    ctx.setPartitionState(info, PartitionState.Online);
    batch.addLeaderAndIsr(live, tp.topic, tp.partition, li, info.replicas);
    changes.add(() => `Initialized ${tpName(tp)} -> ${describeState(li)}`);
  });
  changes.flush();
}
