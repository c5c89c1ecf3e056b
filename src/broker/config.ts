// Broker/controller configuration with Kafka's property names where they exist.
// Defaults follow Kafka 0.9 except delete.topic.enable (true, as Kafka 1.0+; tools expect it).

export interface BrokerConfig {
  brokerId: number;
  zookeeperConnect: string;
  zookeeperSessionTimeoutMs: number;
  host: string;
  /** RPC/listener port; 0 = pick a free port (the registration carries the real one). */
  port: number;
  rack: string | null;
  dataDir: string;
  deleteTopicEnable: boolean;
  autoLeaderRebalanceEnable: boolean;
  leaderImbalancePerBrokerPercentage: number;
  leaderImbalanceCheckIntervalSeconds: number;
  uncleanLeaderElectionEnable: boolean;
  replicaLagTimeMaxMs: number;
  controlledShutdownEnable: boolean;
  controlledShutdownMaxRetries: number;
  controlledShutdownRetryBackoffMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** zookeeper.connection.timeout.ms: how long start-up waits for ZooKeeper (optional, ktool addition). */
  zookeeperConnectionTimeoutMs?: number;
  /** controller.socket.timeout.ms: request timeout of controller/broker RPCs (optional). */
  controllerSocketTimeoutMs?: number;
}

export const DEFAULT_CONFIG: Omit<BrokerConfig, 'brokerId' | 'dataDir'> = {
  zookeeperConnect: '127.0.0.1:2181',
  zookeeperSessionTimeoutMs: 6000,
  host: '127.0.0.1',
  port: 0,
  rack: null,
  deleteTopicEnable: true,
  autoLeaderRebalanceEnable: true,
  leaderImbalancePerBrokerPercentage: 10,
  leaderImbalanceCheckIntervalSeconds: 300,
  uncleanLeaderElectionEnable: true,
  replicaLagTimeMaxMs: 10_000,
  controlledShutdownEnable: true,
  controlledShutdownMaxRetries: 3,
  controlledShutdownRetryBackoffMs: 5000,
  logLevel: 'info',
  zookeeperConnectionTimeoutMs: 6000,
  controllerSocketTimeoutMs: 30_000,
};
