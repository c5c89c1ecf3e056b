// Kafka 0.9 TopicCommand's argument checks, in its order (so the same mistake gets the same
// message), plus ktool's stricter ones. All of them run before ZooKeeper is touched; every
// failure is a UsageError (exit 2). Messages are jopt-simple's / TopicCommand's first line.
import { UsageError } from '../cli/errors.js';

export type TopicsAction = 'create' | 'alter' | 'list' | 'describe' | 'delete';
export const ACTIONS: readonly TopicsAction[] = ['list', 'describe', 'create', 'alter', 'delete'];

/** The flags as parsed (kebab-case names as on the command line). */
export interface TopicsFlags {
  create?: boolean;
  alter?: boolean;
  list?: boolean;
  describe?: boolean;
  delete?: boolean;
  topic?: string;
  partitions?: string;
  'replication-factor'?: string;
  'replica-assignment'?: string;
  config?: string[];
  'delete-config'?: string[];
  'under-replicated-partitions'?: boolean;
  'unavailable-partitions'?: boolean;
  'topics-with-overrides'?: boolean;
  'non-preferred-leader-partitions'?: boolean;
  'if-exists'?: boolean;
  'if-not-exists'?: boolean;
  'disable-rack-aware'?: boolean;
  'exclude-internal'?: boolean;
  'from-file'?: string;
}

type Name = keyof TopicsFlags;

const has = (f: TopicsFlags, n: Name): boolean => {
  const v = f[n];
  return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false;
};

const REPORTS: readonly Name[] = ['under-replicated-partitions', 'unavailable-partitions', 'topics-with-overrides', 'non-preferred-leader-partitions'];

function forbid(f: TopicsFlags, used: Name, invalid: readonly Name[]): void {
  if (!has(f, used)) return;
  for (const other of invalid) {
    // Kafka's text, including its missing space before the second quote.
    if (has(f, other)) throw new UsageError(`Option "[${used}]" can't be used with option"[${other}]"`);
  }
}

const allBut = (...keep: TopicsAction[]): Name[] => ACTIONS.filter((a) => !keep.includes(a));

/** Returns the action; throws the first usage error Kafka (or ktool's stricter rules) would raise. */
export function checkTopicsArgs(f: TopicsFlags): TopicsAction {
  const actions = ACTIONS.filter((a) => has(f, a));
  if (actions.length !== 1) {
    throw new UsageError('Command must include exactly one action: --list, --describe, --create, --alter or --delete');
  }
  const action = actions[0]!;
  const fromFile = has(f, 'from-file');
  if (action !== 'list' && action !== 'describe' && !has(f, 'topic') && !(action === 'create' && fromFile)) {
    throw new UsageError('Missing required argument "[topic]"');
  }
  forbid(f, 'config', allBut('alter', 'create'));
  forbid(f, 'delete-config', allBut('alter'));
  forbid(f, 'partitions', allBut('alter', 'create'));
  forbid(f, 'replication-factor', allBut('create'));
  forbid(f, 'replica-assignment', allBut('create', 'alter'));
  if (action === 'create') forbid(f, 'replica-assignment', ['partitions', 'replication-factor']);
  for (const r of REPORTS) forbid(f, r, [...allBut('describe'), ...REPORTS.filter((o) => o !== r)]);
  forbid(f, 'if-exists', allBut('alter', 'delete'));
  forbid(f, 'if-not-exists', allBut('create'));
  forbid(f, 'disable-rack-aware', allBut('create'));
  forbid(f, 'exclude-internal', allBut('list', 'describe'));
  forbid(f, 'from-file', [...allBut('create'), 'topic', 'partitions', 'replication-factor', 'replica-assignment', 'config']);
  if (action === 'create' && !fromFile && !has(f, 'replica-assignment')) {
    if (!has(f, 'partitions')) throw new UsageError('Missing required argument "[partitions]"');
    if (!has(f, 'replication-factor')) throw new UsageError('Missing required argument "[replication-factor]"');
  }
  if (action === 'alter' && has(f, 'replica-assignment') && !has(f, 'partitions')) {
    // Kafka 0.9 silently ignores the assignment here.
    throw new UsageError('Option "[replica-assignment]" requires option "[partitions]" with --alter (list every partition, existing ones first)');
  }
  return action;
}

/** jopt-simple's Integer conversion (Java int range, optional sign, nothing else). */
export function parseIntFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) {
    throw new UsageError(`Cannot convert argument '${raw}' of option ['${name}'] to class java.lang.Integer`);
  }
  return n;
}

/**
 * Beyond this a topic's assignment cannot fit in one znode (ZooKeeper's 1 MB default limit), and
 * computing it would only burn time before ZooKeeper refused the write.
 */
export const MAX_PARTITIONS = 1_000_000;

export function checkPartitionCount(partitions: number | undefined): void {
  if (partitions !== undefined && partitions > MAX_PARTITIONS) {
    throw new UsageError(`Option "[partitions]" is too large: ${partitions} (at most ${MAX_PARTITIONS} partitions fit in a topic znode)`);
  }
}
