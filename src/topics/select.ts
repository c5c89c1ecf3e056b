// `--topic` for every action but create: Kafka's "whitelist" regex. Commas mean alternation,
// spaces are dropped, surrounding quotes stripped, and the whole topic name must match.
import { TopicCommandError } from './errors.js';

/** Kafka's normalisation of the raw `--topic` value. */
export function normaliseWhitelist(raw: string): string {
  return raw
    .trim()
    .replace(/,/g, '|')
    .replace(/ /g, '')
    .replace(/^["']+/, '')
    .replace(/["']+$/, '');
}

/** Full-match regex for `--topic`; throws Kafka's `<regex> is an invalid regex.` */
export function whitelistRegex(raw: string): RegExp {
  const re = normaliseWhitelist(raw);
  try {
    return new RegExp(`^(?:${re})$`);
  } catch {
    throw new TopicCommandError(`${re} is an invalid regex.`);
  }
}

/** Topics (already sorted) matching `--topic`, or all of them when it is absent. */
export function selectTopics(all: readonly string[], raw: string | undefined, opts: { excludeInternal?: (t: string) => boolean } = {}): string[] {
  const re = raw === undefined ? undefined : whitelistRegex(raw);
  return all.filter((t) => (!re || re.test(t)) && !(opts.excludeInternal && opts.excludeInternal(t)));
}
