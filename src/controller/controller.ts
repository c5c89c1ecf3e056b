// The controller module of the daemon: campaigns for /controller and, while elected, runs the
// cluster (kafka-controller.md). This class owns the session-level lifecycle (election, watch on
// /controller, resignation); one ControllerTerm holds everything of one term of office.
import type { ZkClient } from '../zk/client.js';
import { CONTROLLER } from '../zk/paths.js';
import { isZkCode } from '../zk/errors.js';
import type { BrokerConfig } from '../broker/config.js';
import type { Logger } from '../broker/logger.js';
import type { TopicPartitionRef } from '../broker/protocol.js';
import { campaign, ownedBySession, readControllerId } from './election.js';
import { ControllerMovedError, NOT_CONTROLLER } from './errors.js';
import { EventQueue } from './event-queue.js';
import { onControllerFailover } from './failover.js';
import { isControllerMoved } from './fenced-writer.js';
import { onControlledShutdown } from './handlers/controlled-shutdown.js';
import { ControllerTerm } from './term.js';

const RETRY_AFTER_CONNECTION_LOSS_MS = 500;

export interface ControllerOptions {
  config: BrokerConfig;
  log: Logger;
}

export class Controller {
  private zk?: ZkClient;
  private queue?: EventQueue;
  private term?: ControllerTerm;
  private session = 0;
  private stopped = false;
  private readonly log: Logger;
  private onExpired?: () => void;

  constructor(private readonly opts: ControllerOptions) {
    this.log = opts.log;
  }

  /** Campaign for /controller on this (new) ZooKeeper session; if elected, run failover. */
  async start(zk: ZkClient): Promise<void> {
    this.endSession('new ZooKeeper session');
    this.stopped = false;
    const session = ++this.session;
    this.zk = zk;
    const queue = new EventQueue(this.log, (name, err, requeue) => this.onEventError(session, name, err, requeue));
    this.queue = queue;
    this.onExpired = () => {
      if (session !== this.session) return;
      this.log.warn('ZooKeeper session expired');
      this.endSession('session expired');
    };
    zk.on('expired', this.onExpired);
    // Resolve once the campaign (and failover, if won) ran, not when the queue is empty.
    await new Promise<void>((resolve) => {
      queue.put('Elect', async () => {
        try {
          await this.elect(session);
        } finally {
          resolve();
        }
      });
      queue.onClosed(resolve);
    });
  }

  /** Resign if active, drop watches/timers/connections. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const zk = this.zk;
    const wasActive = this.isActive();
    this.endSession('stopping');
    // Hand over quickly when the session itself stays open.
    if (zk && wasActive) await this.deleteOwnControllerZnode(zk).catch(() => undefined);
  }

  isActive(): boolean {
    return !!this.term?.active;
  }

  /** Move leaderships away from a broker that is shutting down; returns partitions it still leads. */
  controlledShutdown(brokerId: number): Promise<TopicPartitionRef[]> {
    const term = this.term;
    if (!term?.active) return Promise.reject(new Error(NOT_CONTROLLER));
    return new Promise((resolve, reject) => {
      const settle = term.onClose(() => reject(new Error(NOT_CONTROLLER)));
      term.enqueue(
        `ControlledShutdown:${brokerId}`,
        async () => {
          try {
            resolve(await onControlledShutdown(term, brokerId));
          } catch (err) {
            reject(isControllerMoved(err) ? new Error(NOT_CONTROLLER) : err);
            throw err;
          } finally {
            settle();
          }
        },
        false,
      );
    });
  }

  /** Wait until every queued event has been processed (tests, orderly shutdown). */
  async idle(): Promise<void> {
    await this.queue?.idle();
  }

  private async elect(session: number): Promise<void> {
    const zk = this.zk;
    if (!zk || this.stopped || session !== this.session || this.term?.active) return;
    const { brokerId } = this.opts.config;
    const res = await campaign(zk, brokerId);
    if (session !== this.session || this.stopped) {
      if (res.won) await this.deleteOwnControllerZnode(zk).catch(() => undefined);
      return;
    }
    const watching = await zk.exists(CONTROLLER, () => this.queue?.put('ControllerChange', () => this.onControllerChange(session)));
    if (!res.won) {
      this.log.info(`Broker ${res.controllerId} is the controller`);
      if (!watching) this.queue?.put('Elect', () => this.elect(session));
      return;
    }
    const term = new ControllerTerm(zk, this.opts.config, this.log.child('controller'), this.queue!, res.epoch, res.epochZkVersion);
    this.term = term;
    await onControllerFailover(term);
  }

  private async onControllerChange(session: number): Promise<void> {
    const zk = this.zk;
    if (!zk || this.stopped || session !== this.session) return;
    const cur = await readControllerId(zk);
    if (!cur) {
      if (this.term) this.resign('/controller was deleted');
      await this.elect(session);
      return;
    }
    await zk.exists(CONTROLLER, () => this.queue?.put('ControllerChange', () => this.onControllerChange(session)));
    if (this.term && (cur.id !== this.opts.config.brokerId || !ownedBySession(cur.owner, zk.sessionId))) this.resign(`broker ${cur.id} is the controller now`);
  }

  private async onEventError(session: number, name: string, err: unknown, requeue: (() => void) | null): Promise<void> {
    if (session !== this.session) return;
    if (requeue && (isZkCode(err, 'CONNECTION_LOSS') || isZkCode(err, 'OPERATION_TIMEOUT'))) {
      // ZooKeeper is reconnecting; the session (and our term) may well survive: try again.
      this.log.warn(`${name}: ${(err as Error).message}; retrying`);
      const t = setTimeout(() => session === this.session && requeue(), RETRY_AFTER_CONNECTION_LOSS_MS);
      t.unref();
      return;
    }
    if (isControllerMoved(err)) {
      this.log.warn(`${name}: ${(err as Error).message}; resigning`);
      this.resign((err as Error).message);
      // Our /controller may outlive our epoch (someone bumped it): free it so an election runs.
      const zk = this.zk;
      if (zk && !this.stopped) {
        await this.deleteOwnControllerZnode(zk).catch(() => undefined);
        this.queue?.put('Elect', () => this.elect(session));
      }
      return;
    }
    this.log.error(`${name} failed: ${(err as Error)?.stack ?? String(err)}`);
  }

  private async deleteOwnControllerZnode(zk: ZkClient): Promise<void> {
    const r = await zk.tryGetData(CONTROLLER);
    if (r && ownedBySession(r.stat.ephemeralOwner, zk.sessionId)) await zk.remove(CONTROLLER, r.stat.version);
  }

  private resign(reason: string): void {
    const term = this.term;
    if (!term) return;
    this.term = undefined;
    term.close();
    this.log.info(`Resigned as controller (epoch ${term.ctx.epoch}): ${reason}`);
  }

  private endSession(reason: string): void {
    this.resign(reason);
    this.session++;
    this.queue?.close();
    this.queue = undefined;
    if (this.zk && this.onExpired) this.zk.off('expired', this.onExpired);
    this.zk = undefined;
  }
}

export { ControllerMovedError };
