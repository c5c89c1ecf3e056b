// --generate inputs: the topics-to-move file and --broker-list.
import { CommandError, UsageError } from '../cli/errors.js';
import { duplicates, parseAndValidate } from './read-json-file.js';

interface RawTopics {
  topics: Array<{ topic: string }>;
}

export function parseTopicsToMoveFile(text: string, path: string): string[] {
  const raw = parseAndValidate<RawTopics>(text, 'topics-to-move', `Topics to move data file ${path}`);
  const topics = raw.topics.map((t) => t.topic);
  const dup = duplicates(topics);
  if (dup.length) throw new CommandError(`List of topics to reassign contains duplicate entries: ${dup.join(',')}`);
  return topics;
}

/** `"0,1,2"` → ids in the given order. Bad or repeated ids are usage errors (exit 2). */
export function parseBrokerList(text: string): number[] {
  const ids = text.split(',').map((s) => {
    const t = s.trim();
    if (!/^\d+$/.test(t) || Number(t) > 2147483647) {
      throw new UsageError(`--broker-list: "${t}" is not a broker id (expected a list like 0,1,2)`);
    }
    return Number(t);
  });
  const dup = duplicates(ids);
  if (dup.length) throw new UsageError(`Broker list contains duplicate entries: ${dup.join(',')}`);
  return ids;
}
