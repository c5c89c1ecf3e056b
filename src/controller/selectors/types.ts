// A leader selector: a pure decision on (partition, current leader/ISR) -> new leader/ISR and who
// must hear about it (kafka-controller.md §6). The new leader epoch is always current + 1.
import type { LeaderIsr } from '../context.js';

export interface SelectorView {
  /** Registered and not shutting down. */
  isLive(id: number): boolean;
  /** Registered (possibly shutting down). */
  isRegistered(id: number): boolean;
  isShuttingDown(id: number): boolean;
  uncleanLeaderElectionEnabled(topic: string): boolean;
}

export interface SelectorInput {
  topic: string;
  partition: number;
  /** Current assignment, first = preferred replica. */
  replicas: number[];
  cur: LeaderIsr;
}

export type Selection =
  | { kind: 'elected'; leader: number; isr: number[]; recipients: number[]; unclean?: boolean }
  | { kind: 'notNeeded' }
  | { kind: 'failed'; reason: string };

export type LeaderSelector = (input: SelectorInput, view: SelectorView) => Selection;
