// --execute: validate the plan against the cluster, print and save the rollback, then create
// /admin/reassign_partitions batch by batch (each batch when the previous finished), recording
// progress in a journal so that running --execute again resumes an interrupted run.
import { writeFile } from 'node:fs/promises';
import type { ZkClient } from '../zk/client.js';
import { CommandError, UsageError } from '../cli/errors.js';
import { assertNoApiReassignment, checkPlanAgainstCluster, liveBrokerIdSet, readAssignmentView, readClusterView, readInFlight } from './cluster-view.js';
import { assertWritable, type ClusterKnowledge } from '../kafka/cluster.js';
import { configChangeNoticeVersion } from '../kafka/features.js';
import { throttleRecordPath } from './throttle-record.js';
import { flattenAssignment, inFlightMapText, reassignmentJson, rollbackBlock } from './format.js';
import { MAX_BATCH_BYTES, MAX_THROTTLED_BATCH_BYTES, splitIntoBatches } from './batches.js';
import { cancelMarkerPath, defaultJournalPath, fileExists, loadJournal, lockJournal, planHash, removeFileIfExists, saveJournal, type Journal } from './journal.js';
import { restoreOriginals } from './cancel.js';
import { InFlightConflict, submitBatch, type BatchThrottle } from './submit-batch.js';
import { inFlightBelongsTo, rethrottle } from './rethrottle.js';
import { waitForPartitions } from './wait.js';
import { removeThrottles, verifyPlan, type VerifyEntry } from './verify.js';
import { tpKey, type PartitionTarget } from './types.js';
import { DIALECT_0_9, type Dialect } from '../kafka/dialects/index.js';

export const THROTTLE_WARNING = DIALECT_0_9.throttleWarning;

export interface ExecuteOptions {
  planFile: string;
  plan: PartitionTarget[];
  throttle?: number;
  wait: boolean;
  batchSize?: number;
  maxBatchBytes?: number;
  rollbackFile?: string;
  journalFile?: string;
  timeoutMs?: number;
  /** Kafka's text on stdout. */
  print: (text: string) => void;
  /** ktool's extra information (where files are, resume notes). */
  note: (text: string) => void;
  progress?: { update(done: number, total: number): void; finish(): void };
  /** The cluster's text (default Kafka 0.9's). */
  dialect?: Dialect;
}

export interface ExecuteResult {
  rollbackFile: string;
  journalFile: string;
  batches: number;
  submitted: number;
  resumed: boolean;
  cancelled: boolean;
  /** Present after --wait: the final status of every planned partition. */
  status?: VerifyEntry[];
  throttleRemoved?: boolean;
  /** True when this run only changed the throttle rate of the plan's in-flight reassignment. */
  rethrottled?: boolean;
  /** With --wait: which throttle keys removal considered, and a note when there was no record. */
  throttleScope?: 'recorded' | 'fallback';
  throttleNote?: string;
}

export const inProgressMessage = (list: readonly PartitionTarget[], dialect: Dialect = DIALECT_0_9): string =>
  dialect.existingReassignment(list, inFlightMapText(list));

async function writeRollbackFile(path: string | undefined, originals: readonly PartitionTarget[]): Promise<string> {
  const text = reassignmentJson(originals) + '\n';
  if (path) {
    await writeFile(path, text);
    return path;
  }
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  for (const name of [`reassign-rollback-${stamp}.json`, `reassign-rollback-${stamp}-${process.pid}.json`]) {
    try {
      await writeFile(name, text, { flag: 'wx' });
      return name;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new CommandError('Could not create a unique rollback file name; pass --rollback-file');
}

/** Index of the journal batch that holds every in-flight entry (same targets), or -1: not ours. */
function batchOfInFlight(j: Journal, inFlight: readonly PartitionTarget[]): number {
  const key = (r: PartitionTarget): string => `${tpKey(r.topic, r.partition)}=${r.replicas.join(',')}`;
  for (let i = Math.max(0, j.submitted - 1); i < j.batches.length; i++) {
    const mine = new Set(j.batches[i]!.map(key));
    if (inFlight.length && inFlight.every((e) => mine.has(key(e)))) return i;
  }
  return -1;
}

export async function executeReassignment(zk: ZkClient, k: ClusterKnowledge, o: ExecuteOptions): Promise<ExecuteResult> {
  // No ZooKeeper controller acts on the znode during a KRaft migration (H7).
  assertWritable(k);
  const journalFile = o.journalFile ?? defaultJournalPath(o.planFile);
  const d = o.dialect ?? DIALECT_0_9;
  const [view, live] = await Promise.all([readAssignmentView(zk, o.plan.map((r) => r.topic)), liveBrokerIdSet(zk)]);
  // replicas − adding: during a KIP-455 move the stored list is the union (H8).
  const current = view.current;
  checkPlanAgainstCluster(o.plan, current, live);
  const throttle: BatchThrottle | undefined =
    o.throttle === undefined ? undefined : { rate: o.throttle, topicNoticeVersion: configChangeNoticeVersion(k.version), recordPath: throttleRecordPath(journalFile) };

  if (throttle !== undefined) {
    // Before the lock: a batched --wait run of this plan may hold it while we change its rate.
    const inFlight = await readInFlight(zk);
    if (inFlight && inFlightBelongsTo(inFlight, o.plan)) {
      o.print('There is an existing assignment running.\n');
      await rethrottle(zk, inFlight.list, throttle);
      o.print(d.throttleLimit(o.throttle!) + '\n');
      return { rollbackFile: '', journalFile, batches: 0, submitted: 0, resumed: false, cancelled: false, rethrottled: true };
    }
  }
  const release = await lockJournal(journalFile);
  try {
    const hash = planHash(o.plan);
    let journal = await loadJournal(journalFile);
    let resumed = false;
    if (journal) {
      const inFlight = await readInFlight(zk);
      const ours = inFlight ? batchOfInFlight(journal, inFlight.list) : -1;
      const workLeft = journal.submitted < journal.batches.length || ours >= 0;
      if (workLeft && journal.planHash !== hash) {
        throw new CommandError(
          `Journal ${journalFile} belongs to a different version of ${o.planFile} with batches left; finish or --cancel that run, or remove the journal`,
        );
      }
      if (workLeft && (await fileExists(cancelMarkerPath(journalFile)))) {
        throw new CommandError(`The run recorded in ${journalFile} was cancelled; remove the journal to start over`);
      }
      if (workLeft) {
        resumed = true;
        if (ours >= 0 && ours + 1 > journal.submitted) journal.submitted = ours + 1;
        if (journal.batches.length > 1 && !o.wait) {
          throw new UsageError(`Resuming a run of ${journal.batches.length} batches needs --wait (each batch is submitted when the previous one finishes)`);
        }
        if (ours >= 0 && journal.submitted >= journal.batches.length && !o.wait) {
          throw new CommandError(inProgressMessage(inFlight!.list, d));
        }
        o.note(`Resuming the reassignment of ${o.planFile} from journal ${journalFile}: ${journal.submitted} of ${journal.batches.length} batches submitted`);
      } else {
        // Everything of that run was submitted and has finished: a new run of the file.
        journal = null;
        await removeFileIfExists(journalFile);
        await removeFileIfExists(cancelMarkerPath(journalFile));
      }
    }

    if (!journal) {
      const batches = splitIntoBatches(o.plan, o.batchSize, o.maxBatchBytes ?? (o.throttle !== undefined ? MAX_THROTTLED_BATCH_BYTES : MAX_BATCH_BYTES));
      if (batches.length > 1 && !o.wait) {
        throw new UsageError(
          `The plan of ${o.plan.length} partitions runs in ${batches.length} batches (--batch-size or the znode size limit); add --wait so each batch is submitted when the previous one finishes`,
        );
      }
      const originals = flattenAssignment(current);
      const inFlight = await readInFlight(zk);
      // An Admin API / Cruise Control move anywhere in the cluster (adding/removing replicas, no
      // znode): refused before anything is printed or saved; the znode would override it (H8).
      if (!inFlight) assertNoApiReassignment(await readClusterView(zk), null);
      o.print(rollbackBlock(originals, o.plan, d));
      if (inFlight) throw new CommandError(inProgressMessage(inFlight.list, d));
      const rollbackFile = await writeRollbackFile(o.rollbackFile, originals);
      journal = { version: 1, planFile: o.planFile, planHash: hash, startedAt: new Date().toISOString(), rollbackFile, originals, batches, submitted: 0 };
      await saveJournal(journalFile, journal);
      o.note(`Rollback saved to ${rollbackFile}; progress journal ${journalFile}`);
    }
    const j = journal;
    const result: ExecuteResult = { rollbackFile: j.rollbackFile, journalFile, batches: j.batches.length, submitted: j.submitted, resumed, cancelled: false };
    const total = j.batches.reduce((n, b) => n + b.length, 0);
    const doneBefore = (k: number): number => j.batches.slice(0, k).reduce((n, b) => n + b.length, 0);
    const cancelled = (): Promise<boolean> => fileExists(cancelMarkerPath(journalFile));
    if (o.throttle !== undefined) o.print(d.throttleWarning + '\n');
    // --timeout bounds the whole wait, not each batch.
    const deadline = o.timeoutMs === undefined ? undefined : Date.now() + o.timeoutMs;

    for (;;) {
      if (j.submitted > 0 && o.wait) {
        const k = j.submitted - 1;
        const outcome = await waitForPartitions(zk, j.batches[k]!, {
          timeoutMs: deadline === undefined ? undefined : Math.max(0, deadline - Date.now()),
          onProgress: (d) => o.progress?.update(doneBefore(k) + d, total),
          shouldStop: cancelled,
        });
        if (outcome === 'timeout') {
          o.progress?.finish();
          throw new CommandError(`Timed out waiting for batch ${k + 1} of ${j.batches.length}; run --execute again with the same file to resume`);
        }
        if (outcome === 'stopped') {
          result.cancelled = true;
          break;
        }
      }
      if (j.submitted >= j.batches.length) break;
      if (await cancelled()) {
        result.cancelled = true;
        break;
      }
      const batch = j.batches[j.submitted]!;
      try {
        await submitBatch(zk, batch, throttle);
      } catch (err) {
        const apiMove = err instanceof CommandError;
        if (!(err instanceof InFlightConflict) && !apiMove) throw err;
        if (j.submitted === 0 && !resumed) {
          // Someone else won the create: we started nothing, so leave no files behind.
          await removeFileIfExists(journalFile);
          await removeFileIfExists(j.rollbackFile);
        }
        throw err instanceof InFlightConflict ? new CommandError(inProgressMessage(err.inFlight, d)) : err;
      }
      if (o.throttle !== undefined) o.print(d.throttleLimit(o.throttle) + '\n');
      o.print(d.executeStarted(batch) + '\n');
      j.submitted++;
      result.submitted = j.submitted;
      await saveJournal(journalFile, j);
      if (await cancelled()) {
        // A --cancel ran while we were creating this batch: undo it the same way.
        await restoreOriginals(zk, j.originals);
        result.cancelled = true;
        break;
      }
      if (!o.wait) break;
    }
    o.progress?.finish();

    if (o.wait && !result.cancelled) {
      result.status = await verifyPlan(zk, o.plan);
      if (result.status.every((e) => e.status === 'completed')) {
        const t = await removeThrottles(zk, { plan: o.plan, recordPath: throttleRecordPath(journalFile), topicNoticeVersion: configChangeNoticeVersion(k.version) });
        result.throttleRemoved = t.removed;
        result.throttleScope = t.scope;
        if (t.note) result.throttleNote = t.note;
        await removeFileIfExists(journalFile);
      }
    }
    return result;
  } finally {
    await release();
  }
}
