// --cancel: find the original replica lists (the run's journal, or a rollback file saved by
// --execute), mark the run cancelled so no further batch starts, then restore them (cancel.ts).
import { writeFile } from 'node:fs/promises';
import type { ZkClient } from '../zk/client.js';
import { CommandError } from '../cli/errors.js';
import { cancelMarkerPath, loadJournal } from './journal.js';
import { parseReassignmentFile } from './parse-reassignment-file.js';
import { readTextFile } from './read-json-file.js';
import { restoreOriginals, type RestoreResult } from './cancel.js';
import { assertWritable, type ClusterKnowledge } from '../kafka/cluster.js';
import { assertCancelSafe } from './cancel-guard.js';

export interface CancelOptions {
  journalFile?: string;
  rollbackFile?: string;
}

export interface CancelResult extends RestoreResult {
  /** Where the original replica lists came from. */
  source: string;
  /** Batches of the journaled run that will now never be submitted. */
  skippedBatches: number;
}

export async function cancelReassignment(zk: ZkClient, k: ClusterKnowledge, o: CancelOptions): Promise<CancelResult> {
  // A bad rollback file is the operator's input error: say so before judging the cluster.
  const originals = o.rollbackFile ? parseReassignmentFile(await readTextFile(o.rollbackFile), o.rollbackFile) : undefined;
  // Before any file or znode is written (the cancel marker would stop a running --execute --wait).
  assertWritable(k);
  assertCancelSafe(k);
  if (o.rollbackFile && originals) {
    return { ...(await restoreOriginals(zk, originals)), source: o.rollbackFile, skippedBatches: 0 };
  }
  const journalFile = o.journalFile!;
  const j = await loadJournal(journalFile);
  if (!j) {
    throw new CommandError(`No journal ${journalFile}: this plan was not executed from here; pass --rollback-file with the file saved by --execute`);
  }
  // Marker first: a concurrent --execute --wait checks it before (and right after) each batch.
  await writeFile(cancelMarkerPath(journalFile), new Date().toISOString() + '\n');
  const r = await restoreOriginals(zk, j.originals);
  return { ...r, source: journalFile, skippedBatches: Math.max(0, j.batches.length - j.submitted) };
}
