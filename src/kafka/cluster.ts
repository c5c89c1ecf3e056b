// "Know the cluster": the one place tools ask which Kafka they are writing for. The version comes
// from --kafka-version, else $KTOOL_KAFKA_VERSION, else what the namespace proves; the controller's
// kind and a KRaft migration are always read from ZooKeeper.
import type { ZkClient } from '../zk/client.js';
import { readNamespaceFacts } from './namespace.js';
import { infer, type Inference, type NamespaceFacts } from './signals.js';
import type { KafkaVersion } from './version.js';
import { KAFKA_VERSION_ENV, type VersionSource } from './override.js';
import { dialectFor } from './dialects/index.js';

export { KAFKA_VERSION_ENV, versionOverride, type VersionSource, type VersionOverride } from './override.js';

export interface ClusterKnowledge extends Inference {
  /** The version every tool uses (the override when one was given). */
  version: KafkaVersion;
  source: VersionSource;
  /** What the namespace alone proves, whatever the override. */
  inferred: KafkaVersion;
  facts: NamespaceFacts;
}


export function knowledgeFrom(facts: NamespaceFacts, override?: { version: KafkaVersion; source: VersionSource }): ClusterKnowledge {
  const inf = infer(facts);
  return {
    ...inf,
    inferred: inf.version,
    version: override?.version ?? inf.version,
    source: override?.source ?? 'inferred',
    facts,
  };
}

export async function knowCluster(zk: ZkClient, override?: { version: KafkaVersion; source: VersionSource }): Promise<ClusterKnowledge> {
  return knowledgeFrom(await readNamespaceFacts(zk), override);
}

/** One sentence: which version was used and why (for messages and logs). */
export function explainVersion(k: ClusterKnowledge): string {
  if (k.source === 'flag') return `Kafka ${k.version.text} (from --kafka-version)`;
  if (k.source === 'env') return `Kafka ${k.version.text} (from $${KAFKA_VERSION_ENV})`;
  if (k.basis === 'signals') return `Kafka ${k.version.line} or later (${k.signals[0]!.reason})`;
  if (k.basis === 'ktool-daemons') return `Kafka ${k.version.line} (only ktool daemons are registered)`;
  if (k.basis === 'empty-namespace') return `Kafka ${k.version.line} (empty namespace: the version ktool's daemon speaks)`;
  return `Kafka ${k.version.line} (nothing in ZooKeeper shows a newer Kafka)`;
}

/** What `--json` results carry under "kafka": which version was used and why. */
export function knowledgeJson(k: ClusterKnowledge): Record<string, unknown> {
  return {
    version: k.version.text,
    line: k.version.line,
    source: k.source,
    inferred: k.inferred.line,
    basis: k.basis,
    reasons: k.signals.map((s) => `${s.reason} (Kafka ${s.line}+)`),
    controller: k.controller,
    migration: k.migration,
    /** Whose tools' text piped output speaks (3.x: 2.8's). */
    dialect: dialectFor(k.version).name,
  };
}

/** A runtime refusal (exit 1) that names why a write would harm the cluster. */
export class ClusterSafetyError extends Error {
  readonly exitCode = 1;
  readonly ktool = true;
  constructor(message: string) {
    super(message);
    this.name = 'ClusterSafetyError';
  }
}

/** Refuses every write while a ZooKeeper → KRaft migration is under way (kafka-zk-safety.md H7). */
export function assertWritable(k: ClusterKnowledge): void {
  if (k.migration) {
    throw new ClusterSafetyError(
      `refusing to write: ${k.migration}; during a migration no ZooKeeper controller acts on these znodes and KRaft may delete or ignore what is written. Use the KRaft cluster's own tools (--bootstrap-server)`,
    );
  }
}
