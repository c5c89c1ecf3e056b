// Publishes ISR changes for the controller (Kafka 0.9+): partitions whose ISR this leader changed
// are collected and written as one persistent sequential /isr_change_notification/isr_change_<seq>
// once changes have been quiet for a moment or the last publish is old (see timing.ts).
import type { ZkClient } from '../zk/client.js';
import { isZkCode } from '../zk/errors.js';
import { ISR_CHANGE_PREFIX, ISR_CHANGE_NOTIFICATION } from '../zk/paths.js';
import { encodePartitionList } from '../zk/codecs/partitionList.js';
import type { Logger } from './logger.js';
import { tpKey } from './partition.js';
import { ISR_PROPAGATION_CHECK_MS, ISR_PROPAGATION_MAX_DELAY_MS, ISR_PROPAGATION_QUIET_MS } from './timing.js';

export class IsrChangeNotifier {
  private readonly changed = new Map<string, { topic: string; partition: number }>();
  private lastChange = 0;
  private lastPublish = Date.now();
  private timer?: NodeJS.Timeout;
  private publishing = false;

  constructor(
    private readonly zk: () => ZkClient | undefined,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), ISR_PROPAGATION_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  record(topic: string, partition: number): void {
    this.changed.set(tpKey(topic, partition), { topic, partition });
    this.lastChange = Date.now();
  }

  /** Publish now if anything is pending (used at shutdown). */
  async flush(): Promise<void> {
    if (this.changed.size) await this.publish();
  }

  private async tick(): Promise<void> {
    if (!this.changed.size || this.publishing) return;
    const now = Date.now();
    if (now - this.lastChange > ISR_PROPAGATION_QUIET_MS || now - this.lastPublish > ISR_PROPAGATION_MAX_DELAY_MS) await this.publish();
  }

  private async publish(): Promise<void> {
    const zk = this.zk();
    if (!zk || this.publishing) return;
    this.publishing = true;
    const batch = [...this.changed.values()];
    this.changed.clear();
    try {
      const data = encodePartitionList(batch.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition));
      let path: string;
      try {
        path = await zk.create(ISR_CHANGE_PREFIX, data, 'persistent_sequential');
      } catch (err) {
        if (!isZkCode(err, 'NO_NODE')) throw err;
        await zk.mkdirp(ISR_CHANGE_NOTIFICATION);
        path = await zk.create(ISR_CHANGE_PREFIX, data, 'persistent_sequential');
      }
      this.lastPublish = Date.now();
      this.log.info(`Published ISR change notification ${path} for ${batch.length} partition(s)`);
    } catch (err) {
      // Keep them for the next tick (newer changes for the same partitions merge in).
      for (const p of batch) this.changed.set(tpKey(p.topic, p.partition), p);
      this.log.warn(`Could not publish ISR change notification: ${(err as Error).message}`);
    } finally {
      this.publishing = false;
    }
  }
}
