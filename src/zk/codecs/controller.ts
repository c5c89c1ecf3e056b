// /controller (ephemeral) and /controller_epoch (bare decimal integer).
import { ZnodeFormatError } from '../errors.js';
import { parseZnodeJson } from './validate.js';

export interface ControllerInfo {
  brokerId: number;
  timestamp: string;
  /** Znode format version: 1 up to Kafka 3.3, 2 from 3.4 (adds kraftControllerEpoch). */
  version: number;
  /** 3.4+: -1 while a ZooKeeper controller rules, >= 0 once a KRaft controller took over (migration). */
  kraftControllerEpoch?: number;
}

type Raw = number | { version?: number; brokerid: number; timestamp?: string | number; kraftControllerEpoch?: number };

export function encodeController(brokerId: number, timestamp = Date.now()): Buffer {
  return Buffer.from(JSON.stringify({ version: 1, brokerid: brokerId, timestamp: String(timestamp) }));
}

export function decodeController(data: Buffer | null, path: string): ControllerInfo {
  const raw = parseZnodeJson<Raw>('znode-controller', data, path);
  if (typeof raw === 'number') return { brokerId: raw, timestamp: '', version: 0 };
  const info: ControllerInfo = {
    brokerId: raw.brokerid,
    timestamp: raw.timestamp === undefined ? '' : String(raw.timestamp),
    version: raw.version ?? 1,
  };
  if (typeof raw.kraftControllerEpoch === 'number') info.kraftControllerEpoch = raw.kraftControllerEpoch;
  return info;
}

export function encodeControllerEpoch(epoch: number): Buffer {
  return Buffer.from(String(epoch));
}

export function decodeControllerEpoch(data: Buffer | null, path: string): number {
  const text = data?.toString('utf8').trim() ?? '';
  if (!/^\d+$/.test(text)) throw new ZnodeFormatError(path, `expected a decimal epoch, got "${text}"`);
  return Number(text);
}
