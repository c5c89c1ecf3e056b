// --verify [--wait]: wait (optionally) until none of the plan's partitions is in flight, report the
// statuses, remove the throttles once everything completed and drop a finished run's journal.
import type { ZkClient } from '../zk/client.js';
import { defaultJournalPath, loadJournal, removeFileIfExists } from './journal.js';
import { waitForPartitions, type WaitOutcome } from './wait.js';
import { removeThrottles, verifyPlan, type VerifyEntry } from './verify.js';
import type { PartitionTarget } from './types.js';

export interface VerifyOptions {
  planFile: string;
  plan: PartitionTarget[];
  journalFile?: string;
  wait: boolean;
  timeoutMs?: number;
  progress?: { update(done: number, total: number): void; finish(): void };
}

export interface VerifyResult {
  entries: VerifyEntry[];
  throttleRemoved: boolean;
  waitOutcome?: WaitOutcome;
}

export async function runVerify(zk: ZkClient, o: VerifyOptions): Promise<VerifyResult> {
  let waitOutcome: WaitOutcome | undefined;
  if (o.wait) {
    waitOutcome = await waitForPartitions(zk, o.plan, { timeoutMs: o.timeoutMs, onProgress: (d, t) => o.progress?.update(d, t) });
    o.progress?.finish();
  }
  const entries = await verifyPlan(zk, o.plan);
  let throttleRemoved = false;
  if (entries.every((e) => e.status === 'completed')) {
    throttleRemoved = await removeThrottles(zk, [...new Set(o.plan.map((r) => r.topic))]);
    const journalFile = o.journalFile ?? defaultJournalPath(o.planFile);
    const j = await loadJournal(journalFile).catch(() => null);
    if (j && j.submitted >= j.batches.length) await removeFileIfExists(journalFile);
  }
  return { entries, throttleRemoved, waitOutcome };
}
