// Schema-engine-free decoders for the znodes --describe reads. Loading and compiling the JSON
// Schemas costs more than reading 10,000 partitions' metadata, so this hot path checks the same
// shapes by hand (schemas/znode-topic-assignment, znode-entity-config, znode-partition-state).
import { ZnodeFormatError } from '../zk/errors.js';
import type { PartitionState } from '../zk/codecs/partitionState.js';

const isInt = (v: unknown): v is number => Number.isInteger(v);
const isIntArray = (v: unknown): v is number[] => Array.isArray(v) && v.every(isInt);
const PARTITION_ID = /^(0|[1-9][0-9]*)$/;

function parseObject(data: Buffer | null, path: string): Record<string, unknown> {
  if (data === null || data.length === 0) throw new ZnodeFormatError(path, 'no data');
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw new ZnodeFormatError(path, `not JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ZnodeFormatError(path, '(root) must be object');
  return raw as Record<string, unknown>;
}

function partitionMap(parts: unknown, path: string, field: string): Map<number, number[]> {
  if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) throw new ZnodeFormatError(path, `${field} must be object`);
  const out: Array<[number, number[]]> = [];
  for (const [k, v] of Object.entries(parts)) {
    if (!PARTITION_ID.test(k)) throw new ZnodeFormatError(path, `${field} has a bad partition id "${k}"`);
    if (!isIntArray(v)) throw new ZnodeFormatError(path, `${field}.${k} must be array of integers`);
    out.push([Number(k), v]);
  }
  return new Map(out.sort((a, b) => a[0] - b[0]));
}

/** /brokers/topics/<t> (any version): partition id → replicas, sorted by partition id. */
export function decodeAssignmentFast(data: Buffer | null, path: string): Map<number, number[]> {
  return partitionMap(parseObject(data, path).partitions, path, 'partitions');
}

export interface TopicZnodeFast {
  partitions: Map<number, number[]>;
  /** KIP-455 (2.4+): replicas being added / removed, per partition (empty when idle or absent). */
  adding: Map<number, number[]>;
  removing: Map<number, number[]>;
  /** 2.8+ (IBP ≥ 2.8): the topic id, once the controller assigned one. */
  topicId: string | null;
}

/** /brokers/topics/<t> with everything describe shows (versions 1-3). */
export function decodeTopicZnodeFast(data: Buffer | null, path: string): TopicZnodeFast {
  const o = parseObject(data, path);
  const opt = (field: string): Map<number, number[]> => (o[field] === undefined || o[field] === null ? new Map() : partitionMap(o[field], path, field));
  if (o.topic_id !== undefined && typeof o.topic_id !== 'string') throw new ZnodeFormatError(path, 'topic_id must be string');
  return {
    partitions: partitionMap(o.partitions, path, 'partitions'),
    adding: opt('adding_replicas'),
    removing: opt('removing_replicas'),
    topicId: typeof o.topic_id === 'string' ? o.topic_id : null,
  };
}

/** /config/topics/<t>: overrides (null/empty data = none, as for old clusters). */
export function decodeConfigFast(data: Buffer | null, path: string): Map<string, string> {
  if (data === null || data.length === 0) return new Map();
  const config = parseObject(data, path).config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new ZnodeFormatError(path, 'config must be object');
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(config)) {
    if (typeof v !== 'string') throw new ZnodeFormatError(path, `config.${k} must be string`);
    out.set(k, v);
  }
  return out;
}

export interface DescribedState extends PartitionState {
  /** 3.2+ (KIP-704): 1 while the leader recovers from an unclean election; 0 when absent. */
  leaderRecoveryState: number;
}

/** /brokers/topics/<t>/partitions/<p>/state. */
export function decodeStateFast(data: Buffer | null, path: string): DescribedState {
  const { leader, leader_epoch, isr, controller_epoch, leader_recovery_state } = parseObject(data, path);
  if (!isInt(leader)) throw new ZnodeFormatError(path, 'leader must be integer');
  if (!isInt(leader_epoch)) throw new ZnodeFormatError(path, 'leader_epoch must be integer');
  if (!isInt(controller_epoch)) throw new ZnodeFormatError(path, 'controller_epoch must be integer');
  if (!isIntArray(isr)) throw new ZnodeFormatError(path, 'isr must be array of integers');
  if (leader_recovery_state !== undefined && !isInt(leader_recovery_state)) throw new ZnodeFormatError(path, 'leader_recovery_state must be integer');
  return { leader, leaderEpoch: leader_epoch, isr, controllerEpoch: controller_epoch, leaderRecoveryState: leader_recovery_state ?? 0 };
}
