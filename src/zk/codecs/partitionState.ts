// /brokers/topics/<t>/partitions/<p>/state: leader, leader epoch, ISR and the epoch of the
// controller that made the leadership decision.
import { parseZnodeJson } from './validate.js';

export interface PartitionState {
  leader: number;
  leaderEpoch: number;
  isr: number[];
  controllerEpoch: number;
}

export const NO_LEADER = -1;
export const LEADER_DURING_DELETE = -2;

interface Raw {
  leader: number;
  leader_epoch: number;
  isr: number[];
  controller_epoch: number;
}

/** Key order as a Kafka 0.9 controller writes it. */
export function encodePartitionState(s: PartitionState): Buffer {
  return Buffer.from(
    JSON.stringify({ controller_epoch: s.controllerEpoch, leader: s.leader, version: 1, leader_epoch: s.leaderEpoch, isr: s.isr }),
  );
}

export function decodePartitionState(data: Buffer | null, path: string): PartitionState {
  const raw = parseZnodeJson<Raw>('znode-partition-state', data, path);
  return { leader: raw.leader, leaderEpoch: raw.leader_epoch, isr: raw.isr, controllerEpoch: raw.controller_epoch };
}
