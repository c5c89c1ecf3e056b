// Controller -> broker connections: one RpcClient and one send queue per live broker, so the
// requests of a state change reach each broker in order (LeaderAndIsr, UpdateMetadata,
// StopReplica). A broker that cannot be reached just fails its sends: the broker-change handler
// deals with brokers that died.
import type { Logger } from '../broker/logger.js';
import type { BrokerEndpoint, Request, ResponseFor } from '../broker/protocol.js';
import { RpcClient } from '../broker/rpc.js';

const RETRY_BACKOFF_MS = 300;
const MAX_ATTEMPTS = 3;
const DOWN_WINDOW_MS = 1000;

interface BrokerChannel {
  endpoint: BrokerEndpoint;
  client: RpcClient;
  tail: Promise<unknown>;
  /** After a request failed every attempt, later ones get a single attempt until this time,
   *  so an unreachable broker does not pile up a backlog. */
  downUntil: number;
}

export class ChannelManager {
  private readonly channels = new Map<number, BrokerChannel>();
  private closed = false;

  constructor(
    private readonly log: Logger,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Add or update a broker (a changed endpoint gets a new connection). */
  setBroker(b: BrokerEndpoint): void {
    const cur = this.channels.get(b.id);
    if (cur && cur.endpoint.host === b.host && cur.endpoint.port === b.port) return;
    cur?.client.close();
    this.channels.set(b.id, { endpoint: b, client: new RpcClient(b.host, b.port, this.timeoutMs), tail: Promise.resolve(), downUntil: 0 });
  }

  removeBroker(id: number): void {
    this.channels.get(id)?.client.close();
    this.channels.delete(id);
  }

  /** Queue a request to a broker; resolves with the response, or null if it could not be delivered. */
  send<R extends Request>(brokerId: number, req: R): Promise<ResponseFor[R['type']] | null> {
    const ch = this.channels.get(brokerId);
    if (!ch || this.closed) return Promise.resolve(null);
    const run = async (): Promise<ResponseFor[R['type']] | null> => {
      for (let attempt = 1; ; attempt++) {
        if (this.closed || this.channels.get(brokerId) !== ch) return null;
        try {
          const res = await ch.client.send(req);
          ch.downUntil = 0;
          return res;
        } catch (err) {
          if (attempt >= MAX_ATTEMPTS || Date.now() < ch.downUntil) {
            if (Date.now() >= ch.downUntil) this.log.warn(`${req.type} to broker ${brokerId} failed: ${(err as Error).message}`);
            ch.downUntil = Date.now() + DOWN_WINDOW_MS;
            return null;
          }
          await new Promise((r) => setTimeout(r, RETRY_BACKOFF_MS));
        }
      }
    };
    const p = ch.tail.then(run, run);
    ch.tail = p.catch(() => undefined);
    return p;
  }

  close(): void {
    this.closed = true;
    for (const ch of this.channels.values()) ch.client.close();
    this.channels.clear();
  }
}
