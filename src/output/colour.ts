// A chalk instance for TTY output, loaded lazily. NO_COLOR (any non-empty value) turns colour off;
// KTOOL_FORCE_TTY=1 (tables on a pipe) gets basic colour unless NO_COLOR is set.
import type { ChalkInstance } from 'chalk';

export async function loadChalk(): Promise<ChalkInstance> {
  const { Chalk, default: chalk } = await import('chalk');
  if (process.env.NO_COLOR) return new Chalk({ level: 0 });
  const forced = process.env.KTOOL_FORCE_TTY === '1' ? 1 : 0;
  return new Chalk({ level: Math.max(chalk.level, forced) as 0 | 1 | 2 | 3 });
}

export async function loadTable(): Promise<typeof import('cli-table3')> {
  const mod = (await import('cli-table3')) as unknown as { default?: typeof import('cli-table3') };
  return (mod.default ?? mod) as typeof import('cli-table3');
}
