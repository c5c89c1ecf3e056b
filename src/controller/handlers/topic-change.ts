// /brokers/topics children changed (§7.2): cache and create the new topics' partitions.
import type { TopicPartitionRef } from '../../broker/protocol.js';
import { decodeTopicAssignment } from '../../zk/codecs/topicAssignment.js';
import { BROKER_TOPICS, topicPath } from '../../zk/paths.js';
import { mapLimit } from '../../zk/pipeline.js';
import { onNewPartitionCreation } from '../new-partitions.js';
import { READS_IN_FLIGHT } from '../state-reads.js';
import type { ControllerTerm } from '../term.js';
import { watchedChildren } from '../watched-children.js';
import { listSummary } from '../change-log.js';
import { onPartitionModifications } from './partition-modifications.js';

export async function readTopicNames(term: ControllerTerm): Promise<string[]> {
  return watchedChildren(term.zk, BROKER_TOPICS, term.watch('TopicChange', () => onTopicChange(term)));
}

/** Read assignments (arming each topic's data watch) into the context; returns the new partitions. */
export async function loadTopics(term: ControllerTerm, topics: string[]): Promise<TopicPartitionRef[]> {
  const { ctx, zk, log } = term;
  const got = await mapLimit(topics, READS_IN_FLIGHT, async (t) => {
    const r = await zk.tryGetData(topicPath(t), term.watch(`PartitionModifications:${t}`, () => onPartitionModifications(term, t)));
    if (!r) return null;
    try {
      return decodeTopicAssignment(r.data, topicPath(t)).partitions;
    } catch (err) {
      log.error(`Ignoring topic ${t}: ${(err as Error).message}`);
      return null;
    }
  });
  const added: TopicPartitionRef[] = [];
  topics.forEach((t, i) => {
    const parts = got[i];
    if (!parts) return;
    const m = new Map<number, ReturnType<typeof ctx.newPartitionInfo>>();
    for (const [p, replicas] of parts) {
      m.set(p, ctx.newPartitionInfo(replicas));
      added.push({ topic: t, partition: p });
    }
    ctx.topics.set(t, m);
  });
  return added;
}

export async function onTopicChange(term: ControllerTerm): Promise<void> {
  const { ctx, log } = term;
  const names = await readTopicNames(term);
  const current = new Set(names);
  for (const t of [...ctx.topics.keys()]) {
    if (current.has(t)) continue;
    ctx.topics.delete(t);
    ctx.topicsToDelete.delete(t);
    ctx.topicsIneligible.delete(t);
  }
  const fresh = names.filter((t) => !ctx.topics.has(t));
  if (!fresh.length) return;
  const parts = await loadTopics(term, fresh);
  log.info(`New topics: ${listSummary(fresh)} with ${parts.length} partitions`);
  const batch = term.newBatch();
  await onNewPartitionCreation(term, parts, batch);
  batch.send(term.channel);
}
