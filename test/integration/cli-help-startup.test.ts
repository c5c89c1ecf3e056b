// The installed-CLI experience that needs no ZooKeeper: help with examples, topic descriptions,
// "did you mean", shell completion, and the V8 code cache bin/ktool.js keeps (per-user, 0700,
// and never a reason to fail). Every run gets its own XDG_CACHE_HOME, removed afterwards.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKtool } from '../helpers/ktool.js';

const homes: string[] = [];
const freshCache = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ktool-test-cache-'));
  homes.push(dir);
  return dir;
};
after(() => homes.forEach((d) => rmSync(d, { recursive: true, force: true })));

const manifest = JSON.parse(readFileSync(new URL('../../../oclif.manifest.json', import.meta.url), 'utf8')) as {
  commands: Record<string, { hidden?: boolean; examples?: unknown[]; description?: string }>;
};

describe('ktool help, did-you-mean, completion and code cache', () => {
  const env = { XDG_CACHE_HOME: freshCache() };

  it('every ktool command has examples in its --help, and the main help describes topics by what they are', async () => {
    const ids = Object.keys(manifest.commands).filter((id) => !manifest.commands[id]!.hidden);
    assert.ok(ids.includes('topics') && ids.includes('reassign') && ids.includes('cluster:up'), `commands in the manifest: ${ids}`);
    for (const id of ids) {
      const r = await runKtool([...id.split(':'), '--help'], { env });
      assert.equal(r.code, 0, `${id} --help: ${r.stderr}`);
      assert.match(r.stdout, /^EXAMPLES$/m, `${id} --help has no EXAMPLES section`);
      assert.match(r.stdout, new RegExp(`\\$ ktool ${id.replaceAll(':', ' ')}`), `${id} --help examples run ${id}`);
    }
    const reassign = await runKtool(['reassign', '--help'], { env });
    for (const step of ['--generate', '--execute', '--verify']) assert.match(reassign.stdout, new RegExp(`\\$ ktool reassign [^\\n]*${step}`), `reassign example for ${step}`);
    const main = await runKtool(['--help'], { env });
    assert.equal(main.code, 0);
    assert.match(main.stdout, /^ {2}cluster +A local development cluster/m);
    assert.match(main.stdout, /^ {2}broker +Run a broker\/controller daemon/m);
  });

  it('a mistyped command suggests the right one and exits 127; a far-off one only says it is unknown', async () => {
    const typo = await runKtool(['topcs', '--list'], { env });
    assert.equal(typo.code, 127);
    assert.match(typo.stderr, /topcs is not a ktool command\. Did you mean topics\?/);
    const sub = await runKtool(['cluster', 'upp'], { env });
    assert.equal(sub.code, 127);
    assert.match(sub.stderr, /Did you mean cluster up\?/);
    const far = await runKtool(['zzzzzzzzzzzz'], { env });
    assert.equal(far.code, 127);
    assert.match(far.stderr, /zzzzzzzzzzzz is not a ktool command\./);
    assert.doesNotMatch(far.stderr, /Did you mean/);
  });

  it('bash completion completes commands, subcommands and flags', async () => {
    const r = await runKtool(['autocomplete', '--refresh-cache'], { env });
    assert.equal(r.code, 0, r.stderr);
    const script = join(env.XDG_CACHE_HOME, 'ktool', 'autocomplete', 'functions', 'bash', 'ktool.bash');
    const complete = (...words: string[]): string =>
      execFileSync('bash', ['-c', `source "$1"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _ktool_autocomplete; echo "\${COMPREPLY[*]}"`, 'complete', script], { encoding: 'utf8' }).trim();
    assert.equal(complete('ktool', 'top'), 'topics');
    assert.equal(complete('ktool', 'cluster', 'u'), 'up');
    assert.equal(complete('ktool', 'topics', '--desc'), '--describe');
    assert.equal(complete('ktool', 'reassign', '--gen'), '--generate');
  });

  it('keeps its V8 code cache in a 0700 per-user directory and survives a corrupt or foreign cache', async () => {
    const home = freshCache();
    const cacheEnv = { XDG_CACHE_HOME: home };
    const first = await runKtool(['--version'], { env: cacheEnv });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^ktool\/\d+\.\d+\.\d+ /);
    const dir = join(home, 'ktool', 'v8-code-cache');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const files = readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
    assert.equal(files.length, 1, `one cache file: ${files}`);
    assert.ok(files[0]!.startsWith(`${process.version}-`), files[0]);
    assert.equal(statSync(join(dir, files[0]!)).mode & 0o777, 0o600);
    const cached = await runKtool(['--version'], { env: cacheEnv });
    assert.deepEqual(cached, first);
    // Garbage of a plausible size, then an empty file: same output, no warning, cache rewritten.
    for (const junk of [Buffer.alloc(statSync(join(dir, files[0]!)).size, 0x5a), Buffer.alloc(0)]) {
      writeFileSync(join(dir, files[0]!), junk);
      const again = await runKtool(['--version'], { env: cacheEnv });
      assert.deepEqual(again, first);
      assert.notDeepEqual(readFileSync(join(dir, files[0]!)), junk, 'a rejected cache is replaced');
    }
    // A cache directory others could write to is made 0700 again; a cache file someone else owns
    // is not used (root only: it takes chown). Output stays correct either way.
    const shared = freshCache();
    const sharedDir = join(shared, 'ktool', 'v8-code-cache');
    execFileSync('mkdir', ['-p', '-m', '0777', sharedDir]);
    if (process.getuid?.() === 0) {
      writeFileSync(join(sharedDir, files[0]!), Buffer.alloc(1000, 0x41));
      execFileSync('chown', ['65534', join(sharedDir, files[0]!)]);
    }
    const r = await runKtool(['--version'], { env: { XDG_CACHE_HOME: shared } });
    assert.deepEqual(r, first);
    assert.equal(statSync(sharedDir).mode & 0o777, 0o700, 'our own directory is made 0700 again');
  });
});
