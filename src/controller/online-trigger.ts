// triggerOnlinePartitionStateChange (§4.3): every New or Offline partition whose topic is not
// being deleted goes to OnlinePartition (initialization for New, offline selector for Offline).
import type { TopicPartitionRef } from '../broker/protocol.js';
import { decodeEntityConfig } from '../zk/codecs/entityConfig.js';
import { topicConfigPath } from '../zk/paths.js';
import { mapLimit } from '../zk/pipeline.js';
import { electLeaders } from './leader-election.js';
import { initializePartitions } from './new-partitions.js';
import type { RequestBatch } from './request-batch.js';
import { offlineSelector } from './selectors/offline.js';
import { READS_IN_FLIGHT } from './state-reads.js';
import { PartitionState } from './states.js';
import type { ControllerTerm } from './term.js';
import { inSlices } from './slices.js';

export async function triggerOnlinePartitionStateChange(term: ControllerTerm, batch: RequestBatch): Promise<void> {
  const { ctx } = term;
  const fresh: TopicPartitionRef[] = [];
  const offline: TopicPartitionRef[] = [];
  for (const [topic, partition, info] of ctx.allPartitions()) {
    if (ctx.isBeingDeleted(topic)) continue;
    if (info.state === PartitionState.New) fresh.push({ topic, partition });
    else if (info.state === PartitionState.Offline) offline.push({ topic, partition });
  }
  await inSlices(fresh, async (slice) => {
    await initializePartitions(term, slice, batch);
    batch.send(term.channel);
  });
  await inSlices(offline, async (slice) => {
    await loadUncleanOverrides(term, slice);
    await electLeaders(term, slice, () => offlineSelector, batch, 'Offline partition election');
    batch.send(term.channel);
  });
}

/**
 * unclean.leader.election.enable can be overridden per topic (/config/topics/<t>). Read it only for
 * topics that may need an unclean election (no live ISR member in the cache): it is rare, and
 * reading every topic's config would slow failover down.
 */
async function loadUncleanOverrides(term: ControllerTerm, tps: TopicPartitionRef[]): Promise<void> {
  const { ctx, zk } = term;
  const topics = new Set<string>();
  for (const tp of tps) {
    const li = ctx.partition(tp.topic, tp.partition)?.li;
    if (!li || !li.isr.some((b) => ctx.isLive(b))) topics.add(tp.topic);
  }
  await mapLimit([...topics], READS_IN_FLIGHT, async (t) => {
    try {
      const r = await zk.tryGetData(topicConfigPath(t));
      const v = r ? decodeEntityConfig(r.data, topicConfigPath(t)).get('unclean.leader.election.enable') : undefined;
      if (v === 'true' || v === 'false') ctx.uncleanOverride.set(t, v === 'true');
      else ctx.uncleanOverride.delete(t);
    } catch {
      ctx.uncleanOverride.delete(t);
    }
  });
}
