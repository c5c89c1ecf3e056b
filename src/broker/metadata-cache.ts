// UpdateMetadata contents: live brokers and partition states, as a broker answers Metadata from.
import type { BrokerEndpoint, UpdateMetadataRequest } from './protocol.js';
import { tpKey } from './partition.js';

const LEADER_DURING_DELETE = -2;

/** What a broker would answer a client's Metadata request with (kept small: one per partition). */
export interface CachedPartition {
  leader: number;
  leaderEpoch: number;
  isr: number[];
  replicas: number[];
}

export class MetadataCache {
  readonly brokers = new Map<number, BrokerEndpoint>();
  readonly partitions = new Map<string, CachedPartition>();

  update(req: UpdateMetadataRequest): void {
    this.brokers.clear();
    for (const b of req.liveBrokers) this.brokers.set(b.id, b);
    for (const p of req.partitions) {
      const key = tpKey(p.topic, p.partition);
      if (p.leader === LEADER_DURING_DELETE) this.partitions.delete(key);
      else this.partitions.set(key, { leader: p.leader, leaderEpoch: p.leaderEpoch, isr: p.isr, replicas: p.replicas });
    }
  }

  endpoint(id: number): BrokerEndpoint | undefined {
    return this.brokers.get(id);
  }
}
