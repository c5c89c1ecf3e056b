// Reads the facts of src/kafka/signals.ts from ZooKeeper: a handful of pipelined reads, so every
// tool can afford it before its first write.
import type { ZkClient } from '../zk/client.js';
import * as P from '../zk/paths.js';
import { mapLimit, DEFAULT_PIPELINE } from '../zk/pipeline.js';
import { KTOOL_DAEMON_MARKER } from '../zk/codecs/brokerRegistration.js';
import { decodeController } from '../zk/codecs/controller.js';
import type { NamespaceFacts, RegistrationFact, TopicFact } from './signals.js';

/** Topics whose znodes are sampled: the controller writes ids and KIP-455 fields into every topic. */
export const TOPIC_SAMPLE = 8;

function jsonObject(data: Buffer | null): Record<string, unknown> | null {
  if (!data || data.length === 0) return null;
  try {
    const v: unknown = JSON.parse(data.toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function registrations(zk: ZkClient): Promise<RegistrationFact[]> {
  const ids = (await zk.childrenOrEmpty(P.BROKER_IDS)).map(Number).filter(Number.isInteger).sort((a, b) => a - b);
  const got = await mapLimit(ids, DEFAULT_PIPELINE, async (id) => {
    const r = await zk.tryGetData(P.brokerPath(id));
    if (!r) return null;
    const raw = jsonObject(r.data);
    return { id, version: typeof raw?.version === 'number' ? raw.version : 0, ktoolDaemon: raw?.[KTOOL_DAEMON_MARKER] !== undefined };
  });
  return got.filter((x): x is RegistrationFact => x !== null);
}

async function topics(zk: ZkClient): Promise<{ count: number; sample: TopicFact[] }> {
  const names = (await zk.childrenOrEmpty(P.BROKER_TOPICS)).sort();
  const sample = await mapLimit(names.slice(0, TOPIC_SAMPLE), DEFAULT_PIPELINE, async (topic) => {
    const r = await zk.tryGetData(P.topicPath(topic));
    const raw = jsonObject(r?.data ?? null);
    const fact: TopicFact = {
      topic,
      hasTopicId: typeof raw?.topic_id === 'string',
      hasAddingRemoving: raw !== null && ('adding_replicas' in raw || 'removing_replicas' in raw),
    };
    if (typeof raw?.version === 'number') fact.version = raw.version;
    return fact;
  });
  return { count: names.length, sample };
}

async function controller(zk: ZkClient): Promise<NamespaceFacts['controller']> {
  const r = await zk.tryGetData(P.CONTROLLER);
  if (!r) return null;
  try {
    const c = decodeController(r.data, P.CONTROLLER);
    return { version: c.version, brokerId: c.brokerId, ...(c.kraftControllerEpoch !== undefined ? { kraftControllerEpoch: c.kraftControllerEpoch } : {}) };
  } catch {
    return null;
  }
}

export async function readNamespaceFacts(zk: ZkClient): Promise<NamespaceFacts> {
  const [regs, tops, clusterId, feature, ctrl, migration] = await Promise.all([
    registrations(zk),
    topics(zk),
    zk.exists(P.CLUSTER_ID),
    zk.tryGetData(P.FEATURE),
    controller(zk),
    zk.exists(P.MIGRATION),
  ]);
  const featureRaw = feature ? jsonObject(feature.data) : null;
  return {
    registrations: regs,
    topicCount: tops.count,
    topicSample: tops.sample,
    clusterId: clusterId !== null,
    feature: feature ? { version: typeof featureRaw?.version === 'number' ? featureRaw.version : 1 } : null,
    controller: ctrl,
    migration: migration !== null,
  };
}
