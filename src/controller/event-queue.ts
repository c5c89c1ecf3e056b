// One serialized queue of controller events. Watch callbacks, timers and API calls only enqueue;
// each event is awaited fully before the next starts, and handlers re-read ZooKeeper themselves.
import type { Logger } from '../broker/logger.js';

/** An event failing on a transient ZooKeeper error is retried this often (then dropped, logged). */
const MAX_RETRIES = 60;

export interface QueuedEvent {
  name: string;
  run: () => Promise<void>;
  /** How many times this event was put back after a transient failure. */
  retries?: number;
}

export class EventQueue {
  private readonly queue: QueuedEvent[] = [];
  /** Names of coalescable events waiting (not yet started): a second one would re-read the same state. */
  private readonly pendingNames = new Set<string>();
  private running = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly closeHooks: Array<() => void> = [];

  constructor(
    private readonly log: Logger,
    private readonly onError: (name: string, err: unknown, requeue: (() => void) | null) => Promise<void>,
  ) {}

  /** Enqueue; with coalesce, an identical event already waiting makes this a no-op. */
  put(name: string, run: () => Promise<void>, coalesce = true): void {
    if (this.closed) return;
    if (coalesce) {
      if (this.pendingNames.has(name)) return;
      this.pendingNames.add(name);
    }
    this.queue.push({ name: coalesce ? name : `${name}\u0001`, run });
    if (!this.running) void this.drain();
  }

  private putBack(ev: QueuedEvent): void {
    if (this.closed) return;
    if (!ev.name.endsWith('\u0001')) {
      if (this.pendingNames.has(ev.name)) return;
      this.pendingNames.add(ev.name);
    }
    this.queue.push(ev);
    if (!this.running) void this.drain();
  }

  /** Drop everything waiting (resignation). The running event finishes on its own. */
  clear(): void {
    this.queue.length = 0;
    this.pendingNames.clear();
  }

  close(): void {
    this.closed = true;
    this.clear();
    for (const f of this.closeHooks.splice(0)) f();
  }

  /** Run `hook` when the queue is closed (callers waiting for an event that will never run). */
  onClosed(hook: () => void): void {
    if (this.closed) hook();
    else this.closeHooks.push(hook);
  }

  /** Resolves when the queue is empty and nothing runs. */
  idle(): Promise<void> {
    if (!this.running && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length) {
      const ev = this.queue.shift()!;
      const name = ev.name.endsWith('\u0001') ? ev.name.slice(0, -1) : ev.name;
      if (!ev.name.endsWith('\u0001')) this.pendingNames.delete(ev.name);
      const t0 = Date.now();
      try {
        await ev.run();
      } catch (err) {
        const retries = (ev.retries ?? 0) + 1;
        const requeue = (): void => this.putBack({ ...ev, retries });
        await this.onError(name, err, retries <= MAX_RETRIES ? requeue : null).catch((e: unknown) => this.log.error(`error handler failed: ${(e as Error).message}`));
      }
      const ms = Date.now() - t0;
      if (ms > 1000) this.log.debug(`event ${name} took ${ms} ms`);
    }
    this.running = false;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }
}
