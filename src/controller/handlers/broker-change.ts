// /brokers/ids children changed (§7.1): find new, dead and bounced brokers (same id, new
// registration znode) and run broker startup / failure.
import { decodeBrokerRegistration } from '../../zk/codecs/brokerRegistration.js';
import { BROKER_IDS, brokerPath } from '../../zk/paths.js';
import { mapLimit } from '../../zk/pipeline.js';
import type { BrokerEndpoint, TopicPartitionRef } from '../../broker/protocol.js';
import { ReplicaState, PartitionState } from '../states.js';
import type { ControllerTerm } from '../term.js';
import { watchedChildren } from '../watched-children.js';
import { triggerOnlinePartitionStateChange } from '../online-trigger.js';
import { takeReplicasOffline, type ReplicaRef } from '../replica-offline.js';
import { resumeReassignmentsFor } from './reassignment.js';
import { failReplicaDeletion, resumeDeletionForTopics } from './topic-deletion.js';

export interface BrokerSnapshot {
  endpoint: BrokerEndpoint;
  czxid: bigint;
}

/** Registrations of the current children of /brokers/ids (arming the children watch). */
export async function readBrokers(term: ControllerTerm): Promise<Map<number, BrokerSnapshot>> {
  const { zk } = term;
  const ids = await watchedChildren(zk, BROKER_IDS, term.watch('BrokerChange', () => onBrokerChange(term)));
  const out = new Map<number, BrokerSnapshot>();
  await mapLimit(ids.map(Number).filter(Number.isInteger), 64, async (id) => {
    const r = await zk.tryGetData(brokerPath(id));
    if (!r) return;
    try {
      const reg = decodeBrokerRegistration(id, r.data, brokerPath(id));
      const ep = reg.endpoints.find((e) => e.listener === 'PLAINTEXT') ?? reg.endpoints[0];
      const host = ep?.host || reg.host || '127.0.0.1';
      out.set(id, { endpoint: { id, host, port: ep?.port ?? reg.port, rack: reg.rack }, czxid: r.stat.czxid });
    } catch (err) {
      term.log.warn(`Ignoring broker ${id}: ${(err as Error).message}`);
    }
  });
  return out;
}

export function addBroker(term: ControllerTerm, b: BrokerSnapshot): void {
  term.ctx.liveBrokers.set(b.endpoint.id, b.endpoint);
  term.channel.setBroker(b.endpoint);
  term.ctx.brokerEpochs.set(b.endpoint.id, b.czxid);
}

export async function onBrokerChange(term: ControllerTerm): Promise<void> {
  const { ctx, log } = term;
  const t0 = performance.now();
  const current = await readBrokers(term);
  const czx = ctx.brokerEpochs;
  const dead = [...ctx.liveBrokers.keys()].filter((id) => !current.has(id));
  const bounced = [...current.keys()].filter((id) => ctx.liveBrokers.has(id) && czx.get(id) !== current.get(id)!.czxid);
  const added = [...current.keys()].filter((id) => !ctx.liveBrokers.has(id));
  if (!dead.length && !added.length && !bounced.length) return;
  log.info(`Broker change: new [${added.join(',')}], dead [${dead.join(',')}], bounced [${bounced.join(',')}] (read in ${(performance.now() - t0).toFixed(0)} ms)`);
  for (const id of [...dead, ...bounced]) {
    ctx.liveBrokers.delete(id);
    ctx.shuttingDown.delete(id);
    term.channel.removeBroker(id);
    czx.delete(id);
  }
  if (dead.length || bounced.length) await onBrokerFailure(term, [...dead, ...bounced]);
  for (const id of [...added, ...bounced]) addBroker(term, current.get(id)!);
  if (added.length || bounced.length) await onBrokerStartup(term, [...added, ...bounced]);
}

/** §7.1 step 3. */
export async function onBrokerStartup(term: ControllerTerm, ids: number[]): Promise<void> {
  const { ctx } = term;
  const newSet = new Set(ids);
  const batch = term.newBatch();
  const existing = [...ctx.liveBrokers.keys()].filter((id) => !newSet.has(id));
  batch.addUpdateMetadata(existing, []);
  const all: TopicPartitionRef[] = [];
  const deletingTopics = new Set<string>();
  for (const [topic, partition, info] of ctx.allPartitions()) {
    all.push({ topic, partition });
    for (const b of info.replicas) {
      if (!newSet.has(b)) continue;
      if (ctx.isBeingDeleted(topic)) {
        deletingTopics.add(topic);
        ctx.setReplicaState(info, b, ReplicaState.Online);
        continue;
      }
      if (!ctx.setReplicaState(info, b, ReplicaState.Online)) continue;
      if (info.li) batch.addLeaderAndIsr([b], topic, partition, info.li, info.replicas);
    }
  }
  batch.addUpdateMetadata(ids, all);
  await triggerOnlinePartitionStateChange(term, batch);
  batch.send(term.channel);
  await resumeReassignmentsFor(term, newSet);
  if (deletingTopics.size) await resumeDeletionForTopics(term, [...deletingTopics]);
}

/** §7.1 step 4. */
export async function onBrokerFailure(term: ControllerTerm, ids: number[]): Promise<void> {
  const { ctx } = term;
  const deadSet = new Set(ids);
  for (const id of ids) ctx.shuttingDown.delete(id);
  let lostLeader = false;
  const offlineReplicas: ReplicaRef[] = [];
  const deletionReplicas: ReplicaRef[] = [];
  for (const [topic, partition, info] of ctx.allPartitions()) {
    const deleting = ctx.isBeingDeleted(topic);
    if (!deleting && info.li && deadSet.has(info.li.leader) && ctx.setPartitionState(info, PartitionState.Offline)) lostLeader = true;
    for (const b of info.replicas) {
      if (!deadSet.has(b)) continue;
      (deleting ? deletionReplicas : offlineReplicas).push({ topic, partition, broker: b });
    }
  }
  // Leaders first, and their requests out at once: that is what clients wait for.
  const t0 = performance.now();
  const batch = term.newBatch();
  await triggerOnlinePartitionStateChange(term, batch);
  if (!lostLeader) batch.addUpdateMetadata(ctx.liveBrokers.keys(), []);
  const t1 = performance.now();
  batch.send(term.channel);
  const batch2 = term.newBatch();
  await takeReplicasOffline(term, offlineReplicas, batch2, 'Broker failure');
  batch2.send(term.channel);
  term.log.info(
    `Broker failure of [${ids.join(',')}]: leaders elected in ${(t1 - t0).toFixed(0)} ms, ${offlineReplicas.length} replicas taken offline in ${(performance.now() - t1).toFixed(0)} ms`,
  );
  if (deletionReplicas.length) await failReplicaDeletion(term, deletionReplicas);
}
