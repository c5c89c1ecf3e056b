// No-op: keep leader and ISR (the caller still bumps the leader epoch and tells every replica).
import type { LeaderSelector } from './types.js';

export const noopSelector: LeaderSelector = ({ replicas, cur }) => ({ kind: 'elected', leader: cur.leader, isr: cur.isr, recipients: replicas });
