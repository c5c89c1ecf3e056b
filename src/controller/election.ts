// Running for /controller (§2.2, the 2.1+ algorithm): one multi creates the ephemeral /controller
// and bumps /controller_epoch with the version just read, so winning and getting a fresh epoch
// are one atomic step. The first controller of a cluster gets epoch 1.
import type { ZkClient } from '../zk/client.js';
import { ZkMultiError, isZkCode } from '../zk/errors.js';
import { decodeController, decodeControllerEpoch, encodeController, encodeControllerEpoch } from '../zk/codecs/controller.js';
import { CONTROLLER, CONTROLLER_EPOCH } from '../zk/paths.js';

export type CampaignResult = { won: true; epoch: number; epochZkVersion: number } | { won: false; controllerId: number };

/** The id in /controller, or -1 when there is none (or it is unreadable). */
export async function readControllerId(zk: ZkClient): Promise<{ id: number; owner: string } | null> {
  const r = await zk.tryGetData(CONTROLLER);
  if (!r) return null;
  try {
    return { id: decodeController(r.data, CONTROLLER).brokerId, owner: r.stat.ephemeralOwner };
  } catch {
    return { id: -1, owner: r.stat.ephemeralOwner };
  }
}

export function ownedBySession(owner: string, sessionId: string): boolean {
  try {
    return BigInt('0x' + owner) === BigInt('0x' + sessionId);
  } catch {
    return false;
  }
}

async function readEpoch(zk: ZkClient): Promise<{ epoch: number; version: number }> {
  const r = await zk.tryGetData(CONTROLLER_EPOCH);
  if (r) return { epoch: decodeControllerEpoch(r.data, CONTROLLER_EPOCH), version: r.stat.version };
  try {
    await zk.create(CONTROLLER_EPOCH, encodeControllerEpoch(0));
  } catch (err) {
    if (!isZkCode(err, 'NODE_EXISTS')) throw err;
  }
  return readEpoch(zk);
}

export async function campaign(zk: ZkClient, brokerId: number): Promise<CampaignResult> {
  const existing = await readControllerId(zk);
  if (existing) return { won: false, controllerId: existing.id };
  const { epoch, version } = await readEpoch(zk);
  try {
    const res = await zk.multi([
      { op: 'create', path: CONTROLLER, data: encodeController(brokerId), mode: 'ephemeral' },
      { op: 'set', path: CONTROLLER_EPOCH, data: encodeControllerEpoch(epoch + 1), version },
    ]);
    return { won: true, epoch: epoch + 1, epochZkVersion: res[1]!.stat!.version };
  } catch (err) {
    if (!(err instanceof ZkMultiError) || (err.code !== 'NODE_EXISTS' && err.code !== 'BAD_VERSION')) throw err;
    // A retry after connection loss may have succeeded already: it is ours if both match.
    const now = await readControllerId(zk);
    const e = await zk.tryGetData(CONTROLLER_EPOCH);
    if (now && now.id === brokerId && ownedBySession(now.owner, zk.sessionId) && e && decodeControllerEpoch(e.data, CONTROLLER_EPOCH) === epoch + 1) {
      return { won: true, epoch: epoch + 1, epochZkVersion: e.stat.version };
    }
    return { won: false, controllerId: now?.id ?? -1 };
  }
}
