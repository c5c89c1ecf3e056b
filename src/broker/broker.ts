// One daemon process: the broker side (registration, replica state, follower fetching, leader ISR
// upkeep, controlled shutdown) plus the controller module, sharing one RPC port and one
// ZooKeeper session that is replaced (and the broker re-registered) when it expires.
import type { ZkClient } from '../zk/client.js';
import type { BrokerConfig } from './config.js';
import type { Logger } from './logger.js';
import type { Request } from './protocol.js';
import { ErrorCode } from './protocol.js';
import { RpcServer } from './rpc.js';
import { DataDir } from './data-dir.js';
import { connectDaemonZk, createBrokerContainers } from './zk-session.js';
import { registerBroker, DuplicateBrokerIdError } from './registration.js';
import { FetcherManager } from './fetcher.js';
import { IsrManager } from './isr-manager.js';
import { IsrChangeNotifier } from './isr-notifier.js';
import { MetadataCache } from './metadata-cache.js';
import { ReplicaManager } from './replica-manager.js';
import { loadController, type ControllerHandle } from './controller-handle.js';
import { controlledShutdown } from './controlled-shutdown.js';
import { tpKey } from './partition.js';
import { ZK_RECONNECT_BACKOFF_MS } from './timing.js';
import { EventLoopWatch } from './event-loop.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Broker {
  zk?: ZkClient;
  port = 0;
  controller: ControllerHandle | null = null;
  readonly dataDir: DataDir;
  readonly metadata = new MetadataCache();
  readonly fetchers: FetcherManager;
  readonly notifier: IsrChangeNotifier;
  readonly isr: IsrManager;
  readonly replicas: ReplicaManager;
  private readonly rpc: RpcServer;
  private readonly loop: EventLoopWatch;
  private stopping = false;
  private forced = false;
  private reconnecting = false;
  /** False while the current session is disconnected (requests would wait for the reconnect). */
  private zkConnected = false;
  private resolveStopped!: () => void;
  /** Settles when shutdown() finished: start() gives up waiting then (a signal during start-up). */
  private readonly stopped = new Promise<void>((r) => (this.resolveStopped = r));

  constructor(
    readonly config: BrokerConfig,
    private readonly log: Logger,
  ) {
    this.dataDir = new DataDir(config.dataDir);
    this.fetchers = new FetcherManager(config.brokerId, log.child('fetcher'), (topic, partition, leo) => {
      const p = this.replicas.partitions.get(tpKey(topic, partition));
      if (p) p.logEndOffset = leo;
    });
    this.notifier = new IsrChangeNotifier(() => this.zk, log.child('isr'));
    this.replicas = new ReplicaManager(config.brokerId, this.dataDir, this.fetchers, () => this.isr, this.metadata, log.child('replicas'));
    this.isr = new IsrManager(config.brokerId, this.replicas.partitions, () => config.replicaLagTimeMaxMs, () => this.zk, this.notifier, log.child('isr'));
    this.rpc = new RpcServer((req, peer) => this.handle(req, peer));
    this.loop = new EventLoopWatch(() => config.zookeeperSessionTimeoutMs, log.child('loop'));
  }

  /** Start-up in Kafka's order: data dir, listener, ZooKeeper + containers, registration, controller.
   *  Returns early when a shutdown (signal) completes meanwhile, so the process can exit. */
  async start(): Promise<void> {
    const steps = this.startSteps();
    steps.catch(() => undefined);
    await Promise.race([steps, this.stopped]);
  }

  private async startSteps(): Promise<void> {
    const c = this.config;
    this.loop.start();
    this.dataDir.init(c.brokerId);
    this.port = await this.rpc.listen(c.host, c.port);
    this.log.info(`Listening on ${c.host}:${this.port}`);
    this.zk = await connectDaemonZk(c.zookeeperConnect, { sessionTimeoutMs: c.zookeeperSessionTimeoutMs, connectTimeoutMs: c.zookeeperConnectionTimeoutMs ?? 6000 });
    this.watchSession(this.zk);
    this.zkConnected = true;
    this.log.info(`Connected to ZooKeeper ${c.zookeeperConnect} (session 0x${this.zk.sessionId}, timeout ${this.zk.sessionTimeoutMs} ms)`);
    await createBrokerContainers(this.zk);
    if (this.stopping) return;
    await this.register(this.zk);
    if (this.stopping) return;
    this.isr.start();
    this.notifier.start();
    this.controller = await loadController({ config: { ...c, port: this.port }, log: this.log.child('controller') });
    await this.controller.start(this.zk);
  }

  private async register(zk: ZkClient): Promise<void> {
    const c = this.config;
    await registerBroker(zk, { id: c.brokerId, host: c.host, port: this.port, rack: c.rack });
    this.log.info(`Registered broker ${c.brokerId} at /brokers/ids/${c.brokerId} with address ${c.host}:${this.port}${c.rack ? `, rack ${c.rack}` : ''}`);
  }

  private watchSession(zk: ZkClient): void {
    zk.on('disconnected', () => {
      if (zk !== this.zk) return;
      this.zkConnected = false;
      if (!this.stopping) this.log.warn('Disconnected from ZooKeeper; reconnecting within the session');
    });
    zk.on('connected', () => {
      if (zk !== this.zk) return;
      this.zkConnected = true;
      if (!this.stopping) this.log.info(`Reconnected to ZooKeeper (session 0x${zk.sessionId})`);
    });
    zk.on('expired', () => {
      if (zk === this.zk && !this.stopping) void this.renewSession(zk);
    });
  }

  /** The session expired (its ephemeral registration is gone): new session, register again, re-campaign. */
  private async renewSession(old: ZkClient): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    this.log.warn(`ZooKeeper session 0x${old.sessionId} expired; starting a new session`);
    this.zk = undefined;
    void old.close();
    const c = this.config;
    try {
      while (!this.stopping) {
        let zk: ZkClient | undefined;
        try {
          zk = await connectDaemonZk(c.zookeeperConnect, { sessionTimeoutMs: c.zookeeperSessionTimeoutMs, connectTimeoutMs: c.zookeeperConnectionTimeoutMs ?? 6000 });
          await createBrokerContainers(zk);
          // The old session's znode may linger a moment (ZOOKEEPER-1740): retry for a session timeout.
          const deadline = Date.now() + c.zookeeperSessionTimeoutMs + 2000;
          for (;;) {
            try {
              await this.register(zk);
              break;
            } catch (err) {
              if (!(err instanceof DuplicateBrokerIdError) || Date.now() > deadline) throw err;
              await sleep(ZK_RECONNECT_BACKOFF_MS);
            }
          }
          this.zk = zk;
          this.zkConnected = true;
          this.watchSession(zk);
          break;
        } catch (err) {
          this.log.warn(`Could not re-establish the ZooKeeper session: ${(err as Error).message}; retrying`);
          if (zk && zk !== this.zk) void zk.close();
          await sleep(ZK_RECONNECT_BACKOFF_MS);
        }
      }
      if (this.zk && !this.stopping) {
        await this.controller?.start(this.zk).catch((err: Error) => this.log.error(`Controller start on the new session failed: ${err.message}`));
      }
    } finally {
      this.reconnecting = false;
    }
  }

  private async handle(req: Request, peer: string): Promise<unknown> {
    switch (req.type) {
      case 'LeaderAndIsr':
        return this.replicas.becomeLeaderOrFollower(req);
      case 'StopReplica':
        return this.replicas.stopReplicas(req);
      case 'UpdateMetadata':
        return this.replicas.updateMetadata(req);
      case 'Fetch':
        return this.isr.handleFetch(req);
      case 'ControlledShutdown': {
        this.log.info(`ControlledShutdown request for broker ${req.brokerId} from ${peer}`);
        if (!this.controller) return { errorCode: ErrorCode.NOT_CONTROLLER, partitionsRemaining: [] };
        try {
          return { errorCode: ErrorCode.NONE, partitionsRemaining: await this.controller.controlledShutdown(req.brokerId) };
        } catch (err) {
          if ((err as Error).message === 'NOT_CONTROLLER') return { errorCode: ErrorCode.NOT_CONTROLLER, partitionsRemaining: [] };
          throw err;
        }
      }
      default:
        throw new Error(`Unknown request type ${(req as { type?: string }).type}`);
    }
  }

  /** Immediate exit requested (second signal): stop waiting in controlled shutdown. */
  force(): void {
    this.forced = true;
  }

  /** Controlled shutdown, then stop everything and close the session (which deregisters). Always
   *  ends: ZooKeeper steps are bounded, so a lost ZooKeeper (or quorum) cannot hold the process. */
  async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const c = this.config;
    this.log.info(`Shutting down broker ${c.brokerId}`);
    // As Kafka: once shutting down, becoming a follower no longer starts fetchers. Stop fetching
    // now too: a fetch that reaches a leader after the controller took us out of its ISR would put
    // us back (the controller removes our follower replicas from the ISRs in controlled shutdown).
    this.replicas.shuttingDown = true;
    this.fetchers.stopAll();
    if (c.controlledShutdownEnable && this.zk) {
      await controlledShutdown(this.zk, c, this.controller, this.log.child('shutdown'), () => this.forced, () => this.zkConnected);
    }
    this.isr.stop();
    this.notifier.stop();
    const stepMs = Math.max(1000, Math.min(c.zookeeperSessionTimeoutMs, 5000));
    const bounded = async (what: string, p: Promise<unknown>): Promise<void> => {
      let timer: NodeJS.Timeout | undefined;
      const t = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.log.warn(`${what} did not finish within ${stepMs} ms; going on`);
          resolve();
        }, stepMs);
      });
      await Promise.race([p.catch((err: Error) => this.log.warn(`${what} failed: ${err.message}`)), t]);
      clearTimeout(timer);
    };
    if (this.zkConnected) await bounded('Publishing pending ISR changes', this.notifier.flush());
    await bounded('Controller stop', this.controller?.stop() ?? Promise.resolve());
    await this.rpc.close();
    await bounded('Closing the ZooKeeper session', this.zk?.close() ?? Promise.resolve());
    this.loop.stop();
    this.log.info(`Broker ${c.brokerId} shut down`);
    this.resolveStopped();
  }

  /** Release resources after a failed start-up. */
  async abort(): Promise<void> {
    this.stopping = true;
    this.loop.stop();
    this.fetchers.stopAll();
    this.isr.stop();
    this.notifier.stop();
    await this.controller?.stop().catch(() => undefined);
    await this.rpc.close().catch(() => undefined);
    await this.zk?.close().catch(() => undefined);
  }
}
