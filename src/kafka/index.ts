// Knowledge of Kafka versions: every tool asks here (version inference, features by line).
export * from './version.js';
export * from './features.js';
export * from './signals.js';
export * from './cluster.js';
export * from './namespace.js';
