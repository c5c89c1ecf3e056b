// Broker side of controlled shutdown (Kafka §10.2): ask the active controller to move this
// broker's leaderships away, retrying controlled.shutdown.max.retries times with
// controlled.shutdown.retry.backoff.ms between attempts. Succeeds when nothing is left to move.
import type { ZkClient } from '../zk/client.js';
import { brokerPath, CONTROLLER } from '../zk/paths.js';
import { decodeController } from '../zk/codecs/controller.js';
import { decodeBrokerRegistration } from '../zk/codecs/brokerRegistration.js';
import type { BrokerConfig } from './config.js';
import type { Logger } from './logger.js';
import type { ControllerHandle } from './controller-handle.js';
import type { TopicPartitionRef } from './protocol.js';
import { ErrorCode } from './protocol.js';
import { RpcClient } from './rpc.js';

async function askController(zk: ZkClient, config: BrokerConfig, local: ControllerHandle | null): Promise<{ ok: boolean; detail: string }> {
  const c = await zk.tryGetData(CONTROLLER);
  if (!c) return { ok: false, detail: 'no active controller' };
  const cid = decodeController(c.data, CONTROLLER).brokerId;
  let remaining: TopicPartitionRef[];
  if (cid === config.brokerId) {
    if (!local) return { ok: false, detail: 'this broker is controller but has no controller module' };
    remaining = await local.controlledShutdown(config.brokerId);
  } else {
    const reg = await zk.tryGetData(brokerPath(cid));
    if (!reg) return { ok: false, detail: `controller ${cid} is not registered` };
    const ep = decodeBrokerRegistration(cid, reg.data, brokerPath(cid)).endpoints[0];
    if (!ep) return { ok: false, detail: `controller ${cid} has no endpoint` };
    const client = new RpcClient(ep.host, ep.port, config.controllerSocketTimeoutMs ?? 30_000);
    try {
      const res = await client.send({ type: 'ControlledShutdown', brokerId: config.brokerId });
      if (res.errorCode !== ErrorCode.NONE) return { ok: false, detail: `controller ${cid} answered error ${res.errorCode}` };
      remaining = res.partitionsRemaining;
    } finally {
      client.close();
    }
  }
  if (remaining.length) {
    const shown = remaining.slice(0, 5).map((p) => `[${p.topic},${p.partition}]`).join(',');
    return { ok: false, detail: `${remaining.length} partition(s) still led here: ${shown}${remaining.length > 5 ? ',...' : ''}` };
  }
  return { ok: true, detail: `controller ${cid} moved all leaderships away` };
}

/** Returns true when the controller confirmed nothing is left to move. Kafka 0.9's loop: at most
 *  controlled.shutdown.max.retries attempts, controlled.shutdown.retry.backoff.ms apart; each attempt
 *  is bounded (controller.socket.timeout.ms) and fails at once while ZooKeeper is unreachable, so
 *  the whole step always ends. */
export async function controlledShutdown(
  zk: ZkClient,
  config: BrokerConfig,
  local: ControllerHandle | null,
  log: Logger,
  aborted: () => boolean,
  zkReachable: () => boolean = () => true,
): Promise<boolean> {
  const attempts = config.controlledShutdownMaxRetries;
  let last = 'no attempt made (controlled.shutdown.max.retries=0)';
  for (let attempt = 1; attempt <= attempts && !aborted(); attempt++) {
    let result: { ok: boolean; detail: string };
    const timeoutMs = config.controllerSocketTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    let probe: NodeJS.Timeout | undefined;
    try {
      if (!zkReachable()) throw new Error('ZooKeeper is unreachable');
      result = await Promise.race([
        askController(zk, config, local),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          // ZooKeeper lost during the attempt: its reads would wait for a reconnect, so give up now.
          probe = setInterval(() => !zkReachable() && reject(new Error('ZooKeeper became unreachable')), 200);
        }),
      ]);
    } catch (err) {
      const msg = (err as Error).message;
      result = { ok: false, detail: msg === 'NOT_CONTROLLER' ? 'controller moved' : msg };
    } finally {
      clearTimeout(timer);
      clearInterval(probe);
    }
    if (result.ok) {
      log.info(`Controlled shutdown succeeded: ${result.detail}`);
      return true;
    }
    last = result.detail;
    log.warn(`Controlled shutdown attempt ${attempt}/${attempts} failed: ${result.detail}`);
    if (attempt < attempts && !aborted()) {
      log.warn(`Retrying controlled shutdown in ${config.controlledShutdownRetryBackoffMs} ms`);
      await new Promise((r) => setTimeout(r, config.controlledShutdownRetryBackoffMs));
    }
  }
  log.warn(`Controlled shutdown failed (${last}); proceeding to an unclean shutdown`);
  return false;
}
