// Temporary directories for tests: created under the OS temp dir and removed when the test
// process exits, however the test ended (failed assertion, killed daemon), so runs leave nothing
// in /tmp. (node:test runs each test file in its own process.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

// Registered on first use, so it runs after exit handlers of modules loaded earlier (daemons.ts
// SIGKILLs leftover daemons first; then nothing writes into these directories any more).
function removeAll(): void {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // Best effort: nothing else can be done at exit.
    }
  }
}

/** A new empty directory `<tmp>/<prefix>XXXXXX`, removed at process exit. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (made.length === 0) process.once('exit', removeAll);
  made.push(dir);
  return dir;
}
