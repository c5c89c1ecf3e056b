// Pure inference: from what a ZooKeeper namespace holds to the Kafka line it proves, the kind of
// controller in charge and whether a ZooKeeper → KRaft migration is under way
// (kafka-zk-safety.md §4). No single signal gives the exact release, so the highest proven line wins.
import { DAEMON_VERSION_LINE, compareVersions, versionOfLine, type KafkaVersion } from './version.js';

export interface RegistrationFact {
  id: number;
  /** `version` field of /brokers/ids/N. */
  version: number;
  ktoolDaemon: boolean;
}

export interface TopicFact {
  topic: string;
  /** `version` field of /brokers/topics/T (undefined when absent or unreadable). */
  version?: number;
  hasTopicId: boolean;
  hasAddingRemoving: boolean;
}

/** What ZooKeeper holds that says which Kafka wrote it. */
export interface NamespaceFacts {
  registrations: RegistrationFact[];
  topicCount: number;
  /** A few topics' znodes (topic ids and KIP-455 fields are written to every topic by the controller). */
  topicSample: TopicFact[];
  clusterId: boolean;
  feature: { version: number } | null;
  controller: { version: number; brokerId: number; kraftControllerEpoch?: number } | null;
  migration: boolean;
}

export interface Signal {
  /** The release line this signal proves (at least). */
  line: string;
  /** What was seen, e.g. "/controller is version 2". */
  reason: string;
}

export type ControllerKind = 'ktool' | 'kafka' | 'kraft' | 'none' | 'unregistered';

export interface Inference {
  version: KafkaVersion;
  /** How the version was reached. */
  basis: 'signals' | 'empty-namespace' | 'ktool-daemons' | 'no-newer-signals';
  /** Every signal seen, strongest first. */
  signals: Signal[];
  controller: { kind: ControllerKind; brokerId: number | null };
  /** Set when a migration to KRaft is under way: every write must be refused. */
  migration: string | null;
  /** Why the namespace belongs to a real Kafka cluster (empty when it does not). */
  realKafka: string[];
}

function registrationSignal(r: RegistrationFact): Signal | null {
  if (r.ktoolDaemon) return null;
  const at = `/brokers/ids/${r.id} is a version-${r.version} registration`;
  if (r.version >= 5) return { line: '2.7', reason: at };
  if (r.version === 4) return { line: '0.10.2', reason: at };
  if (r.version === 3) return { line: '0.10.0', reason: at };
  return { line: '0.9.0', reason: at };
}

export function signalsOf(f: NamespaceFacts): Signal[] {
  const out: Signal[] = [];
  for (const r of f.registrations) {
    const s = registrationSignal(r);
    if (s) out.push(s);
  }
  for (const t of f.topicSample) {
    if (t.hasTopicId || (t.version ?? 0) >= 3) out.push({ line: '2.8', reason: `/brokers/topics/${t.topic} has a topic_id` });
    else if (t.hasAddingRemoving || (t.version ?? 0) === 2) out.push({ line: '2.4', reason: `/brokers/topics/${t.topic} has adding/removing replicas` });
  }
  if (f.clusterId) out.push({ line: '0.10.1', reason: '/cluster/id exists' });
  if (f.feature) {
    out.push(f.feature.version >= 2 ? { line: '3.3', reason: '/feature is version 2' } : { line: '2.7', reason: '/feature exists' });
  }
  if (f.controller && f.controller.version >= 2) out.push({ line: '3.4', reason: '/controller is version 2' });
  if (f.migration) out.push({ line: '3.4', reason: '/migration exists' });
  // Strongest first; stable for equal lines so the first-seen reason leads.
  return out
    .map((s, i) => ({ s, i }))
    .sort((a, b) => compareVersions(versionOfLine(b.s.line), versionOfLine(a.s.line)) || a.i - b.i)
    .map((x) => x.s);
}

function controllerOf(f: NamespaceFacts): Inference['controller'] {
  const c = f.controller;
  if (!c) return { kind: 'none', brokerId: null };
  if (c.kraftControllerEpoch !== undefined && c.kraftControllerEpoch >= 0) return { kind: 'kraft', brokerId: c.brokerId };
  const reg = f.registrations.find((r) => r.id === c.brokerId);
  if (!reg) return { kind: 'unregistered', brokerId: c.brokerId };
  return { kind: reg.ktoolDaemon ? 'ktool' : 'kafka', brokerId: c.brokerId };
}

function migrationOf(f: NamespaceFacts): string | null {
  if (f.migration) return '/migration exists (a ZooKeeper to KRaft migration has started)';
  const e = f.controller?.kraftControllerEpoch;
  if (e !== undefined && e >= 0) return `/controller names a KRaft controller (kraftControllerEpoch ${e})`;
  return null;
}

/** Signals that only a real Kafka broker leaves (what `ktool broker start` refuses to join). */
export function realKafkaEvidence(f: NamespaceFacts): string[] {
  const out: string[] = [];
  for (const r of f.registrations) if (!r.ktoolDaemon) out.push(`broker ${r.id} is registered by a Kafka broker (no ktool daemon marker)`);
  if (f.clusterId) out.push('/cluster/id exists (written by Kafka brokers 0.10.1+)');
  if (f.feature) out.push('/feature exists (written by Kafka brokers 2.7+)');
  const withId = f.topicSample.find((t) => t.hasTopicId);
  if (withId) out.push(`topic ${withId.topic} has a topic id (assigned by a Kafka 2.8+ controller)`);
  if (f.controller && f.controller.version >= 2) out.push('/controller is version 2 (written by Kafka 3.4+)');
  if (f.migration) out.push('/migration exists');
  return out;
}

export function infer(f: NamespaceFacts): Inference {
  const signals = signalsOf(f);
  const base = { signals, controller: controllerOf(f), migration: migrationOf(f), realKafka: realKafkaEvidence(f) };
  if (signals.length > 0) return { ...base, version: versionOfLine(signals[0]!.line), basis: 'signals' };
  // Nothing newer than 0.9 is proven: the version the bundled daemon speaks.
  const daemons = f.registrations.some((r) => r.ktoolDaemon);
  const empty = f.registrations.length === 0 && f.topicCount === 0;
  const basis = daemons ? 'ktool-daemons' : empty ? 'empty-namespace' : 'no-newer-signals';
  return { ...base, version: versionOfLine(DAEMON_VERSION_LINE), basis };
}
