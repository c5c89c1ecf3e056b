// The controller module as the broker sees it (daemon contract, src/controller/controller.ts).
import type { ZkClient } from '../zk/client.js';
import type { BrokerConfig } from './config.js';
import type { Logger } from './logger.js';
import type { TopicPartitionRef } from './protocol.js';

export interface ControllerHandle {
  start(zk: ZkClient): Promise<void>;
  stop(): Promise<void>;
  isActive(): boolean;
  controlledShutdown(brokerId: number): Promise<TopicPartitionRef[]>;
}

export async function loadController(opts: { config: BrokerConfig; log: Logger }): Promise<ControllerHandle> {
  const { Controller } = await import('../controller/controller.js');
  return new Controller(opts);
}
