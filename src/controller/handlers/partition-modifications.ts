// /brokers/topics/<t> data changed (§7.3): partitions added by the admin tool get created. The
// watch also fires on the controller's own reassignment writes; the diff makes that harmless.
import type { TopicPartitionRef } from '../../broker/protocol.js';
import { decodeTopicAssignment } from '../../zk/codecs/topicAssignment.js';
import { topicPath } from '../../zk/paths.js';
import { onNewPartitionCreation } from '../new-partitions.js';
import type { ControllerTerm } from '../term.js';

export async function onPartitionModifications(term: ControllerTerm, topic: string): Promise<void> {
  const { ctx, zk, log } = term;
  const r = await zk.tryGetData(topicPath(topic), term.watch(`PartitionModifications:${topic}`, () => onPartitionModifications(term, topic)));
  const parts = ctx.topics.get(topic);
  if (!r || !parts) return;
  const assignment = decodeTopicAssignment(r.data, topicPath(topic)).partitions;
  const added: TopicPartitionRef[] = [];
  for (const [p, replicas] of assignment) {
    if (parts.has(p)) continue;
    added.push({ topic, partition: p });
    if (!ctx.isBeingDeleted(topic)) parts.set(p, ctx.newPartitionInfo(replicas));
  }
  if (!added.length) return;
  if (ctx.isBeingDeleted(topic)) {
    log.error(`Skipping adding partitions ${added.map((a) => a.partition).join(',')} to topic ${topic}: it is being deleted`);
    return;
  }
  log.info(`New partitions of topic ${topic}: [${added.map((a) => a.partition).join(',')}]`);
  const batch = term.newBatch();
  await onNewPartitionCreation(term, added, batch);
  batch.send(term.channel);
}
