// oclif `command_not_found` hook: "did you mean" for a mistyped command.
// In a terminal it hands over to @oclif/plugin-not-found, which asks "Did you mean …? (Y/n)" and
// runs the suggestion. Piped or in scripts (no TTY on stdin) that plugin would print no suggestion
// at all, so here the suggestion is printed and ktool exits 127, as a shell does for an unknown
// command. Deliberately free of @oclif/core imports: the bundle has its own copy of it.

interface HookContext {
  warn(message: string): void;
  error(message: string, options: { exit: number }): never;
  config: { bin: string; topicSeparator: string };
}
interface NotFoundOptions {
  id: string;
  argv?: string[];
  config: { bin: string; topicSeparator: string; commandIDs: string[]; commands: { id: string; hidden?: boolean; aliases: string[] }[] };
}

/** Edit distance (insert, delete, substitute), for the closest command id. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** The visible command id closest to `id`, or undefined when nothing is reasonably close. */
export function closestCommand(id: string, ids: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of ids) {
    const d = editDistance(id, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  // More than half the typed word changed is not a typo of it.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(id.length / 2)) ? best : undefined;
}

const hook = async function (this: HookContext, opts: NotFoundOptions): Promise<unknown> {
  if (process.stdin.isTTY) {
    const { default: interactive } = (await import('@oclif/plugin-not-found')) as unknown as { default: (this: HookContext, o: NotFoundOptions) => Promise<unknown> };
    return interactive.call(this, opts);
  }
  const hidden = new Set(opts.config.commands.filter((c) => c.hidden).map((c) => c.id));
  const ids = [...opts.config.commandIDs, ...opts.config.commands.flatMap((c) => c.aliases)].filter((c) => !hidden.has(c));
  const shown = (id: string): string => id.replaceAll(':', opts.config.topicSeparator);
  const suggestion = closestCommand(opts.id, ids);
  this.warn(`${shown(opts.id)} is not a ${opts.config.bin} command.${suggestion ? ` Did you mean ${shown(suggestion)}?` : ''}`);
  return this.error(`Run ${opts.config.bin} help for a list of available commands.`, { exit: 127 });
};

export default hook;
