// /brokers/ids/<id>: the broker's ephemeral registration in Kafka 0.9's JSON (v2; v3 with a rack).
import type { ZkClient } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import { brokerPath } from '../zk/paths.js';
import { decodeBrokerRegistration, encodeBrokerRegistration } from '../zk/codecs/brokerRegistration.js';
import { CommandError } from '../cli/errors.js';

export interface RegistrationInfo {
  id: number;
  host: string;
  port: number;
  rack: string | null;
}

export class DuplicateBrokerIdError extends CommandError {
  constructor(id: number, detail: string) {
    super(`Broker id ${id} is already registered at ${brokerPath(id)} (${detail}); another broker with this id is running, or a killed one's session has not expired yet`);
    this.name = 'DuplicateBrokerIdError';
  }
}

function sameSession(zk: ZkClient, owner: string): boolean {
  try {
    return BigInt('0x' + zk.sessionId) === BigInt('0x' + owner);
  } catch {
    return false;
  }
}

/**
 * Create the ephemeral registration. An existing znode owned by our own session counts as success
 * (a retried create after connection loss); one owned by another session is a duplicate broker id.
 */
export async function registerBroker(zk: ZkClient, info: RegistrationInfo): Promise<void> {
  const path = brokerPath(info.id);
  const data = encodeBrokerRegistration({
    host: info.host,
    port: info.port,
    jmxPort: -1,
    timestamp: String(Date.now()),
    endpoints: [{ listener: 'PLAINTEXT', host: info.host, port: info.port }],
    rack: info.rack,
    // Lets tools tell a ktool daemon from a real Kafka broker (src/kafka/namespace.ts).
    ktoolDaemon: true,
  });
  try {
    await zk.create(path, data, 'ephemeral');
  } catch (err) {
    if (!isZkCode(err, 'NODE_EXISTS')) throw err;
    const existing = await zk.tryGetData(path);
    if (!existing) return registerBroker(zk, info);
    if (sameSession(zk, existing.stat.ephemeralOwner)) return;
    let detail = `session 0x${existing.stat.ephemeralOwner}`;
    try {
      const reg = decodeBrokerRegistration(info.id, existing.data, path);
      detail = `${reg.endpoints.map((e) => `${e.host}:${e.port}`).join(',') || 'no endpoint'}, ${detail}`;
    } catch {
      /* keep the session only */
    }
    throw new DuplicateBrokerIdError(info.id, detail);
  }
}
