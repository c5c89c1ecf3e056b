// Intervals of the broker's background work. Kafka 0.9 checks ISR-change propagation every 2.5 s
// and publishes when nothing changed for 5 s or the last publish is 60 s old; ktool keeps the rule
// but shortens the intervals so that controllers (and tests) converge within a second.
export const FOLLOWER_FETCH_INTERVAL_MS = 200;
export const ISR_PROPAGATION_CHECK_MS = 250;
export const ISR_PROPAGATION_QUIET_MS = 500;
export const ISR_PROPAGATION_MAX_DELAY_MS = 5000;
/** Follower fetch requests give up after this long (a dead leader must not stall the loop). */
export const FETCH_TIMEOUT_MS = 3000;
/** Back-off between ZooKeeper reconnect attempts after a session expired. */
export const ZK_RECONNECT_BACKOFF_MS = 500;
