// --list: Kafka 0.9's text (one topic per line, ` - marked for deletion`) or, on a terminal, the
// same lines with the marker coloured.
import type { ListedTopic } from '../topics/list.js';
import { loadChalk } from './colour.js';

export function renderListText(topics: readonly ListedTopic[]): string {
  let out = '';
  for (const t of topics) out += t.markedForDeletion ? `${t.topic} - marked for deletion\n` : `${t.topic}\n`;
  return out;
}

export async function renderListTty(topics: readonly ListedTopic[]): Promise<string> {
  const chalk = await loadChalk();
  let out = '';
  for (const t of topics) {
    const name = t.internal ? chalk.dim(t.topic) : t.topic;
    out += t.markedForDeletion ? `${name}${chalk.magenta(' - marked for deletion')}\n` : `${name}\n`;
  }
  return out;
}
