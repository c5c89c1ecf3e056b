// /controller (ephemeral) and /controller_epoch (bare decimal integer).
import { ZnodeFormatError } from '../errors.js';
import { parseZnodeJson } from './validate.js';

export interface ControllerInfo {
  brokerId: number;
  timestamp: string;
}

type Raw = number | { brokerid: number; timestamp?: string | number };

export function encodeController(brokerId: number, timestamp = Date.now()): Buffer {
  return Buffer.from(JSON.stringify({ version: 1, brokerid: brokerId, timestamp: String(timestamp) }));
}

export function decodeController(data: Buffer | null, path: string): ControllerInfo {
  const raw = parseZnodeJson<Raw>('znode-controller', data, path);
  if (typeof raw === 'number') return { brokerId: raw, timestamp: '' };
  return { brokerId: raw.brokerid, timestamp: raw.timestamp === undefined ? '' : String(raw.timestamp) };
}

export function encodeControllerEpoch(epoch: number): Buffer {
  return Buffer.from(String(epoch));
}

export function decodeControllerEpoch(data: Buffer | null, path: string): number {
  const text = data?.toString('utf8').trim() ?? '';
  if (!/^\d+$/.test(text)) throw new ZnodeFormatError(path, `expected a decimal epoch, got "${text}"`);
  return Number(text);
}
