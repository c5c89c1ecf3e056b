// What ktool set for a reassignment's throttle, kept beside the plan's journal
// (`<journal>.throttles.json`) so that removal touches only those keys (kafka-zk-safety.md H3):
// never an operator's own rates, never /config/brokers/<default>. Kept in a file, not a znode, so
// nothing new appears in a real cluster's ZooKeeper. Each write is a union with what the file
// holds (atomic temp file + rename), so batches and re-throttles only ever add to it.
import { rename, writeFile } from 'node:fs/promises';
import { readTextIfExists, removeFileIfExists } from './journal.js';

export interface ThrottleScope {
  /** topic -> config keys ktool set in /config/topics/<topic>. */
  topics: Map<string, string[]>;
  /** broker id -> config keys ktool set in /config/brokers/<id>. */
  brokers: Map<string, string[]>;
}

interface RecordFile {
  version: 1;
  topics: Record<string, string[]>;
  brokers: Record<string, string[]>;
}

export const throttleRecordPath = (journalPath: string): string => `${journalPath}.throttles.json`;

export const emptyScope = (): ThrottleScope => ({ topics: new Map(), brokers: new Map() });

export async function loadThrottleRecord(path: string): Promise<ThrottleScope | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null;
  try {
    const r = JSON.parse(text) as RecordFile;
    if (r.version !== 1 || typeof r.topics !== 'object' || typeof r.brokers !== 'object') throw new Error('unexpected shape');
    return { topics: new Map(Object.entries(r.topics)), brokers: new Map(Object.entries(r.brokers)) };
  } catch {
    // Unreadable: treat as missing (the conservative removal), never as "everything".
    return null;
  }
}

function union(into: Map<string, string[]>, from: Map<string, string[]>): void {
  for (const [name, keys] of from) into.set(name, [...new Set([...(into.get(name) ?? []), ...keys])]);
}

export async function addToThrottleRecord(path: string, set: ThrottleScope): Promise<void> {
  if (!set.topics.size && !set.brokers.size) return;
  const r = (await loadThrottleRecord(path)) ?? emptyScope();
  union(r.topics, set.topics);
  union(r.brokers, set.brokers);
  const out: RecordFile = { version: 1, topics: Object.fromEntries(r.topics), brokers: Object.fromEntries(r.brokers) };
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(out) + '\n');
  await rename(tmp, path);
}

export async function dropThrottleRecord(path: string): Promise<void> {
  await removeFileIfExists(path);
}
