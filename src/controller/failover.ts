// Becoming the controller (§2.3, 2.4 order): arm the watches, read the whole cluster state
// (pipelined), tell every broker, then resume what the previous controller left unfinished.
import type { Op } from '../zk/client.js';
import { DELETE_TOPICS, deleteTopicPath } from '../zk/paths.js';
import { addBroker, readBrokers } from './handlers/broker-change.js';
import { clearIsrChangeNotifications, onIsrChangeNotification } from './handlers/isr-change.js';
import { onPreferredReplicaElection } from './handlers/preferred-election.js';
import { onReassignmentZnode } from './handlers/reassignment.js';
import { enqueueTopics, onDeleteTopicsChange, resumeDeletions } from './handlers/topic-deletion.js';
import { loadTopicsWithStates, readTopicNames } from './handlers/topic-change.js';
import { scheduleAutoRebalance } from './handlers/auto-rebalance.js';
import { triggerOnlinePartitionStateChange } from './online-trigger.js';
import { PartitionState, ReplicaState, type ReplicaStateName } from './states.js';
import type { ControllerTerm } from './term.js';
import { inSlices } from './slices.js';

/** First auto-rebalance check: 5 s after election, or sooner when the interval is shorter. */
const FIRST_REBALANCE_DELAY_MS = 5000;

export async function onControllerFailover(term: ControllerTerm): Promise<void> {
  const { ctx, zk, log, config } = term;
  const t0 = Date.now();
  log.info(`Elected as controller with epoch ${ctx.epoch}; initializing`);

  // Independent reads together (one round trip instead of four). The ISR-change notifications are
  // listed before any state is read (one session serves requests in order), so the states read
  // below are at least as new as the notifications deleted here.
  const [brokers, topicNames, markers] = await Promise.all([
    readBrokers(term),
    readTopicNames(term),
    config.deleteTopicEnable ? zk.childrenOrEmpty(DELETE_TOPICS) : Promise.resolve<string[]>([]),
    clearIsrChangeNotifications(term),
  ]);
  for (const b of brokers.values()) addBroker(term, b);

  const { tps, states } = await loadTopicsWithStates(term, topicNames);
  tps.forEach((tp, i) => {
    const info = ctx.partition(tp.topic, tp.partition)!;
    const li = states[i];
    if (li) info.li = li;
    info.state = !li ? PartitionState.New : ctx.isLive(li.leader) ? PartitionState.Online : PartitionState.Offline;
    const rs = new Array<number | ReplicaStateName>(info.replicas.length * 2);
    info.replicas.forEach((b, k) => {
      rs[2 * k] = b;
      rs[2 * k + 1] = ctx.isLive(b) ? ReplicaState.Online : ReplicaState.DeletionIneligible;
    });
    info.rs = rs;
  });
  const tRead = Date.now();

  // Deletion queue: markers of unknown topics are removed; topics with dead replicas wait.
  const unknown = markers.filter((t) => !ctx.topics.has(t));
  if (unknown.length) await term.writer.runGroups(unknown.map((t): Op[] => [{ op: 'remove', path: deleteTopicPath(t) }]));
  const toDelete = markers.filter((t) => ctx.topics.has(t));
  enqueueTopics(term, toDelete);
  for (const t of toDelete) {
    for (const info of ctx.topics.get(t)!.values()) if (info.replicas.some((b) => !ctx.isRegistered(b))) ctx.topicsIneligible.add(t);
  }

  // Leaderless partitions first (what clients wait for); then every live replica hears its
  // partition's state and every broker the whole metadata (one batch: the order of sending is fixed).
  const batch = term.newBatch();
  await triggerOnlinePartitionStateChange(term, batch);
  await inSlices(tps, async (slice) => {
    batch.addUpdateMetadataAll(slice);
    for (const { topic, partition } of slice) {
      const info = ctx.partition(topic, partition)!;
      if (!info.li || ctx.isBeingDeleted(topic)) continue;
      batch.addLeaderAndIsr(info.replicas.filter((b) => ctx.isLive(b)), topic, partition, info.li, info.replicas);
    }
    batch.send(term.channel);
  });
  log.info(
    `Controller failover: ${ctx.liveBrokers.size} live brokers, ${ctx.topics.size} topics, ${tps.length} partitions read in ${tRead - t0} ms; ready after ${Date.now() - t0} ms`,
  );

  // Unfinished work, each as its own event (arming its watch).
  term.enqueue('PartitionReassignment', () => onReassignmentZnode(term));
  if (config.deleteTopicEnable) {
    term.enqueue('TopicDeletion', () => onDeleteTopicsChange(term));
    term.enqueue('ResumeDeletions', () => resumeDeletions(term));
  }
  term.enqueue('PreferredReplicaElection', () => onPreferredReplicaElection(term));
  term.enqueue('IsrChangeNotification', () => onIsrChangeNotification(term));
  scheduleAutoRebalance(term, Math.min(FIRST_REBALANCE_DELAY_MS, config.leaderImbalanceCheckIntervalSeconds * 1000));
}
