// One term of office: everything that exists only while this broker is the active controller
// (context, fenced writer, broker channels, timers). Resignation closes the term; watch callbacks
// and timers of a closed term do nothing.
import type { BrokerConfig } from '../broker/config.js';
import type { Logger } from '../broker/logger.js';
import type { Watcher, ZkClient } from '../zk/client.js';
import { ChannelManager } from './channel.js';
import { ControllerContext } from './context.js';
import type { EventQueue } from './event-queue.js';
import { FencedWriter } from './fenced-writer.js';
import { RequestBatch } from './request-batch.js';
import type { SelectorView } from './selectors/types.js';

export class ControllerTerm {
  active = true;
  readonly ctx: ControllerContext;
  readonly writer: FencedWriter;
  readonly channel: ChannelManager;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closeHooks = new Set<() => void>();

  constructor(
    readonly zk: ZkClient,
    readonly config: BrokerConfig,
    readonly log: Logger,
    readonly queue: EventQueue,
    epoch: number,
    epochZkVersion: number,
  ) {
    this.ctx = new ControllerContext(config.brokerId);
    this.ctx.epoch = epoch;
    this.ctx.epochZkVersion = epochZkVersion;
    this.writer = new FencedWriter(zk, epochZkVersion);
    this.channel = new ChannelManager(log.child('channel'));
  }

  newBatch(): RequestBatch {
    return new RequestBatch(this.ctx);
  }

  /** Enqueue an event of this term (dropped once the term is over). */
  enqueue(name: string, run: () => Promise<void>, coalesce = true): void {
    if (!this.active) return;
    this.queue.put(name, async () => {
      if (!this.active) return;
      this.ctx.eventSeq++;
      await run();
    }, coalesce);
  }

  /** A one-shot ZooKeeper watch that enqueues `name` when it fires. */
  watch(name: string, run: () => Promise<void>): Watcher {
    return () => this.enqueue(name, run);
  }

  schedule(ms: number, name: string, run: () => Promise<void>): void {
    if (!this.active) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.enqueue(name, run);
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  get view(): SelectorView {
    const { ctx, config } = this;
    return {
      isLive: (id) => ctx.isLive(id),
      isRegistered: (id) => ctx.isRegistered(id),
      isShuttingDown: (id) => ctx.shuttingDown.has(id),
      uncleanLeaderElectionEnabled: (topic) => ctx.uncleanOverride.get(topic) ?? config.uncleanLeaderElectionEnable,
    };
  }

  /** Run `hook` when the term ends; the returned function unregisters it. */
  onClose(hook: () => void): () => void {
    this.closeHooks.add(hook);
    return () => this.closeHooks.delete(hook);
  }

  close(): void {
    this.active = false;
    for (const h of this.closeHooks) h();
    this.closeHooks.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.channel.close();
  }
}
