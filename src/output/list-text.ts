// --list: the cluster dialect's text (one topic per line, ` - marked for deletion`; the same in
// every ZooKeeper-mode line 0.9–2.8) or, on a terminal, the same lines with the marker coloured.
import type { ListedTopic } from '../topics/list.js';
import { DIALECT_0_9, type Dialect } from '../kafka/dialects/index.js';
import { loadChalk } from './colour.js';

export function renderListText(topics: readonly ListedTopic[], dialect: Dialect = DIALECT_0_9): string {
  let out = '';
  for (const t of topics) out += dialect.listLine(t.topic, t.markedForDeletion) + '\n';
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
