// Every topic-level config of Kafka 0.9–3.9 (LogConfig at each release tag), as data: its type,
// validator and bounds in each era, and the release line that introduced it (and retired it, where
// one did). Source: kafka-versions-dialects.md §5.1 (LogConfig.scala/.java, TopicConfig.java).
// A config's validator can change over time: `eras` lists them oldest first, each from its `since`.

export type ConfigType = 'LONG' | 'INT' | 'DOUBLE' | 'BOOLEAN' | 'STRING' | 'LIST';

/** Validators beyond bounds and enumerations, named (their code is in validate.ts). */
export type SpecialValidator =
  /** `*` or items `[partition]:[broker]` (ThrottledReplicaListValidator); message wording by era. */
  | 'throttled-replicas'
  /** A known message-format / inter-broker protocol version string (ApiVersionValidator, MetadataVersionValidator). */
  | 'api-version'
  /** 1..9 or -1 (CompressionType.GZIP.levelValidator). */
  | 'gzip-level'
  /** Only `false` is accepted in ZooKeeper mode (3.9 validateNoInvalidRemoteStorageConfigsInZK). */
  | 'false-in-zk';

export interface ConfigEra {
  /** First release line of this era. */
  since: string;
  type: ConfigType;
  min?: number;
  max?: number;
  /** Allowed values (STRING), or allowed items (LIST); each with the line that added it when not the era's own. */
  oneOf?: readonly string[];
  special?: SpecialValidator;
}

export interface CatalogEntry {
  name: string;
  /** First release line that knows the config. */
  since: string;
  /** First release line that no longer knows it (none of 0.9–3.9 retired a topic config; kept for the data shape). */
  until?: string;
  /** Defined with defineInternal until this line (still accepted by --config). */
  internalUntil?: string;
  /** Validators, oldest first; the first era's `since` equals `since`. */
  eras: readonly ConfigEra[];
  /** Enumerated values added after the config itself: value → line (e.g. zstd → 2.1). */
  valuesSince?: Readonly<Record<string, string>>;
}

const COMPRESSION = ['uncompressed', 'zstd', 'snappy', 'lz4', 'gzip', 'producer'] as const;

/** Alphabetical, as Kafka's usage text lists them. */
export const TOPIC_CONFIG_CATALOG: readonly CatalogEntry[] = [
  {
    name: 'cleanup.policy', since: '0.9.0',
    eras: [
      { since: '0.9.0', type: 'STRING', oneOf: ['compact', 'delete'] },
      { since: '0.10.1', type: 'LIST', oneOf: ['compact', 'delete'] },
    ],
  },
  { name: 'compression.gzip.level', since: '3.8', eras: [{ since: '3.8', type: 'INT', special: 'gzip-level' }] },
  { name: 'compression.lz4.level', since: '3.8', eras: [{ since: '3.8', type: 'INT', min: 1, max: 17 }] },
  {
    name: 'compression.type', since: '0.9.0',
    eras: [{ since: '0.9.0', type: 'STRING', oneOf: COMPRESSION }],
    valuesSince: { zstd: '2.1' },
  },
  { name: 'compression.zstd.level', since: '3.8', eras: [{ since: '3.8', type: 'INT', min: -131072, max: 22 }] },
  { name: 'delete.retention.ms', since: '0.9.0', eras: [{ since: '0.9.0', type: 'LONG', min: 0 }] },
  { name: 'file.delete.delay.ms', since: '0.9.0', eras: [{ since: '0.9.0', type: 'LONG', min: 0 }] },
  {
    name: 'flush.messages', since: '0.9.0',
    eras: [
      { since: '0.9.0', type: 'LONG', min: 0 },
      { since: '3.3', type: 'LONG', min: 1 },
    ],
  },
  { name: 'flush.ms', since: '0.9.0', eras: [{ since: '0.9.0', type: 'LONG', min: 0 }] },
  { name: 'follower.replication.throttled.replicas', since: '0.10.1', eras: [{ since: '0.10.1', type: 'LIST', special: 'throttled-replicas' }] },
  { name: 'index.interval.bytes', since: '0.9.0', eras: [{ since: '0.9.0', type: 'INT', min: 0 }] },
  { name: 'leader.replication.throttled.replicas', since: '0.10.1', eras: [{ since: '0.10.1', type: 'LIST', special: 'throttled-replicas' }] },
  { name: 'local.retention.bytes', since: '3.0', internalUntil: '3.6', eras: [{ since: '3.0', type: 'LONG', min: -2 }] },
  { name: 'local.retention.ms', since: '3.0', internalUntil: '3.6', eras: [{ since: '3.0', type: 'LONG', min: -2 }] },
  { name: 'max.compaction.lag.ms', since: '2.3', eras: [{ since: '2.3', type: 'LONG', min: 1 }] },
  { name: 'max.message.bytes', since: '0.9.0', eras: [{ since: '0.9.0', type: 'INT', min: 0 }] },
  { name: 'message.downconversion.enable', since: '2.0', eras: [{ since: '2.0', type: 'BOOLEAN' }] },
  {
    name: 'message.format.version', since: '0.10.0',
    eras: [
      // 0.10.0–2.0: not validated by ConfigDef, so the tools wrote any string.
      { since: '0.10.0', type: 'STRING' },
      { since: '2.1', type: 'STRING', special: 'api-version' },
    ],
  },
  { name: 'message.timestamp.after.max.ms', since: '3.6', eras: [{ since: '3.6', type: 'LONG', min: 0 }] },
  { name: 'message.timestamp.before.max.ms', since: '3.6', eras: [{ since: '3.6', type: 'LONG', min: 0 }] },
  { name: 'message.timestamp.difference.max.ms', since: '0.10.0', eras: [{ since: '0.10.0', type: 'LONG', min: 0 }] },
  {
    name: 'message.timestamp.type', since: '0.10.0',
    eras: [
      // 0.10.0–1.1: any string passed ConfigDef.
      { since: '0.10.0', type: 'STRING' },
      { since: '2.0', type: 'STRING', oneOf: ['CreateTime', 'LogAppendTime'] },
    ],
  },
  { name: 'min.cleanable.dirty.ratio', since: '0.9.0', eras: [{ since: '0.9.0', type: 'DOUBLE', min: 0, max: 1 }] },
  { name: 'min.compaction.lag.ms', since: '0.10.1', eras: [{ since: '0.10.1', type: 'LONG', min: 0 }] },
  { name: 'min.insync.replicas', since: '0.9.0', eras: [{ since: '0.9.0', type: 'INT', min: 1 }] },
  { name: 'preallocate', since: '0.9.0', eras: [{ since: '0.9.0', type: 'BOOLEAN' }] },
  { name: 'remote.log.copy.disable', since: '3.9', eras: [{ since: '3.9', type: 'BOOLEAN', special: 'false-in-zk' }] },
  { name: 'remote.log.delete.on.disable', since: '3.9', eras: [{ since: '3.9', type: 'BOOLEAN', special: 'false-in-zk' }] },
  { name: 'remote.storage.enable', since: '3.0', internalUntil: '3.6', eras: [{ since: '3.0', type: 'BOOLEAN' }] },
  { name: 'retention.bytes', since: '0.9.0', eras: [{ since: '0.9.0', type: 'LONG' }] },
  {
    name: 'retention.ms', since: '0.9.0',
    eras: [
      { since: '0.9.0', type: 'LONG' },
      { since: '2.2', type: 'LONG', min: -1 },
    ],
  },
  // A segment must hold at least one message header (14 bytes).
  { name: 'segment.bytes', since: '0.9.0', eras: [{ since: '0.9.0', type: 'INT', min: 14 }] },
  {
    name: 'segment.index.bytes', since: '0.9.0',
    eras: [
      { since: '0.9.0', type: 'INT', min: 0 },
      { since: '3.3', type: 'INT', min: 4 },
    ],
  },
  { name: 'segment.jitter.ms', since: '0.9.0', eras: [{ since: '0.9.0', type: 'LONG', min: 0 }] },
  {
    name: 'segment.ms', since: '0.9.0',
    eras: [
      { since: '0.9.0', type: 'LONG', min: 0 },
      { since: '2.0', type: 'LONG', min: 1 },
    ],
  },
  { name: 'unclean.leader.election.enable', since: '0.9.0', eras: [{ since: '0.9.0', type: 'BOOLEAN' }] },
];
