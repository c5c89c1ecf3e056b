// The execute journal: what a run planned and how far it got, so that `--execute` with the same
// file resumes an interrupted batched run and `--cancel` knows the original replicas. Written
// atomically (temp file + rename). A lock file (O_EXCL, holding the pid) keeps two ktool processes
// on this machine from driving the same journal at once.
import { createHash } from 'node:crypto';
import { access, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { CommandError } from '../cli/errors.js';
import { reassignmentJson } from './format.js';
import type { PartitionTarget } from './types.js';

export interface Journal {
  version: 1;
  planFile: string;
  planHash: string;
  startedAt: string;
  rollbackFile: string;
  /** Replica lists before the run, of every partition of the plan's topics. */
  originals: PartitionTarget[];
  batches: PartitionTarget[][];
  /** Number of batches whose znode was created. */
  submitted: number;
}

export const defaultJournalPath = (planFile: string): string => `${planFile}.ktool-journal.json`;
export const cancelMarkerPath = (journalPath: string): string => `${journalPath}.cancel`;
const lockPath = (journalPath: string): string => `${journalPath}.lock`;

export function planHash(plan: readonly PartitionTarget[]): string {
  return createHash('sha256').update(reassignmentJson(plan)).digest('hex');
}

/** A local state file's text, or null when it does not exist (journals, throttle records). */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function loadJournal(path: string): Promise<Journal | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null;
  try {
    const j = JSON.parse(text) as Journal;
    if (j.version !== 1 || !Array.isArray(j.batches) || !Array.isArray(j.originals) || typeof j.submitted !== 'number') throw new Error('unexpected shape');
    return j;
  } catch (err) {
    throw new CommandError(`Journal ${path} is corrupt (${(err as Error).message}); remove it to start over`);
  }
}

export async function saveJournal(path: string, j: Journal): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(j));
  await rename(tmp, path);
}

export async function removeFileIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the journal's lock or fail naming the process holding it; a dead holder's lock is taken over. */
export async function lockJournal(journalPath: string): Promise<() => Promise<void>> {
  const path = lockPath(journalPath);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => removeFileIfExists(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (holder && alive(holder)) {
        throw new CommandError(`Another ktool process (pid ${holder}) is executing this plan (lock ${path})`);
      }
      await removeFileIfExists(path);
    }
  }
  throw new CommandError(`Could not take the journal lock ${path}`);
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
