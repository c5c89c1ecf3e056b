// --verify [--wait]: wait (optionally) until none of the plan's partitions is in flight, report the
// statuses, remove the throttles ktool set once everything completed and drop a finished run's journal.
import type { ZkClient } from '../zk/client.js';
import { assertWritable, type ClusterKnowledge } from '../kafka/cluster.js';
import { configChangeNoticeVersion } from '../kafka/features.js';
import { defaultJournalPath, loadJournal, removeFileIfExists } from './journal.js';
import { throttleRecordPath } from './throttle-record.js';
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
  /** Which throttle keys removal considered: the record of what ktool set, or the fallback scope. */
  throttleScope?: 'recorded' | 'fallback';
  throttleNote?: string;
  waitOutcome?: WaitOutcome;
}

export async function runVerify(zk: ZkClient, k: ClusterKnowledge, o: VerifyOptions): Promise<VerifyResult> {
  // --verify may remove throttles: a write, refused during a KRaft migration (H7).
  assertWritable(k);
  let waitOutcome: WaitOutcome | undefined;
  if (o.wait) {
    waitOutcome = await waitForPartitions(zk, o.plan, { timeoutMs: o.timeoutMs, onProgress: (d, t) => o.progress?.update(d, t) });
    o.progress?.finish();
  }
  const entries = await verifyPlan(zk, o.plan);
  const result: VerifyResult = { entries, throttleRemoved: false, ...(waitOutcome ? { waitOutcome } : {}) };
  if (entries.every((e) => e.status === 'completed')) {
    const journalFile = o.journalFile ?? defaultJournalPath(o.planFile);
    const t = await removeThrottles(zk, { plan: o.plan, recordPath: throttleRecordPath(journalFile), topicNoticeVersion: configChangeNoticeVersion(k.version) });
    result.throttleRemoved = t.removed;
    result.throttleScope = t.scope;
    if (t.note) result.throttleNote = t.note;
    const j = await loadJournal(journalFile).catch(() => null);
    if (j && j.submitted >= j.batches.length) await removeFileIfExists(journalFile);
  }
  return result;
}
