#!/usr/bin/env node
// ktool's entry point. It runs dist/ktool.cjs (one CommonJS bundle of the commands and oclif, see
// scripts/build-bundle.mjs) through a V8 code cache, so most runs skip compiling oclif and the
// command modules. The cache is an optimisation only: any problem with it (missing, stale,
// rejected by V8, unreadable or unsafe directory) means running without it, silently.
// CommonJS (bin/package.json), not ESM: an ES-module entry starts Node's ESM loader, a measurable
// part of a 40 ms start-up, and nothing on the common paths needs it.
'use strict';
const { chmodSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'ktool.cjs');

/**
 * Per-user cache directory (XDG; never a shared /tmp), created 0700. Returns undefined when it is
 * not ours or others can write to it: a cache someone else can replace is code they can run.
 */
function cacheDir() {
  if (process.env.KTOOL_NO_CODE_CACHE === '1') return undefined;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  // A folder of its own: oclif keeps other files (autocomplete) in <cache>/ktool.
  const dir = join(base, 'ktool', 'v8-code-cache');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    const uid = process.getuid?.();
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) return undefined;
    if ((st.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
    return dir;
  } catch {
    return undefined;
  }
}

/** Removes caches of other bundles or Node versions (only when a new cache is written). */
function prune(dir, keepPrefix) {
  try {
    for (const f of readdirSync(dir)) if (!f.startsWith(keepPrefix)) rmSync(join(dir, f), { force: true });
  } catch {
    // Leftovers only cost disk space.
  }
}

/** Node version, architecture, V8-relevant flags, the bundle's content hash (+ size, mtime), the command. */
function cacheKey(source, st) {
  let hash;
  try {
    hash = readFileSync(`${bundle}.sha256`, 'utf8').trim();
  } catch {
    return undefined;
  }
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  // A short, file-name-safe digest of the parts (FNV-1a; not security relevant: the directory is ours).
  let h = 0x811c9dc5;
  for (const c of `${process.version}|${process.arch}|${flags}|${hash}|${st.size}|${st.mtimeMs}|${source.length}`) {
    h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  }
  // One cache per command word: the cache holds what its first run compiled (written at exit),
  // and `topics` compiles ZooKeeper code that `--version` never reaches.
  const word = process.argv[2] ?? '';
  const command = /^[a-z][a-z0-9-]{0,39}$/.test(word) ? word : word.startsWith('-') ? 'flags' : 'other';
  return `${process.version}-${hash.slice(0, 16)}-${h.toString(16)}-${command}.v8cache`;
}

function loadBundle() {
  const vm = require('node:vm');
  const Module = require('node:module');
  const fd = openSync(bundle, 'r');
  let source;
  let st;
  try {
    st = fstatSync(fd);
    source = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const dir = cacheDir();
  const key = dir && cacheKey(source, st);
  const cacheFile = key && join(dir, key);
  let cachedData;
  if (cacheFile) {
    try {
      // Only a file of ours that nobody else can write: the cache is code this process runs.
      const cst = statSync(cacheFile);
      const uid = process.getuid?.();
      cachedData = (uid === undefined || cst.uid === uid) && (cst.mode & 0o022) === 0 ? readFileSync(cacheFile) : undefined;
    } catch {
      cachedData = undefined;
    }
  }
  let script;
  try {
    script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  } catch {
    // A cache V8 cannot even parse against: compile plainly.
    script = new vm.Script(Module.wrap(source), { filename: bundle });
    cachedData = undefined;
  }
  // An import() inside vm.Script code needs an experimental loader hook; the bundle's import()
  // calls (oclif loading ES-module plugins and hooks) use this module's instead.
  globalThis.__ktoolDynImport = (specifier) => import(specifier);
  const mod = new Module(bundle, null);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(dirname(bundle));
  // oclif loads the command map with require(bundle): let it find this instance, not a second copy.
  require.cache[bundle] = mod;
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
  mod.loaded = true;
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // Written at exit, so the cache also holds the functions this run compiled lazily.
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, cacheFile);
        prune(dir, key.split('-').slice(0, 2).join('-'));
      } catch {
        // A cache we cannot write only costs speed.
      }
    });
  }
  return mod.exports;
}

function main() {
  let ktool;
  try {
    ktool = loadBundle();
  } catch (err) {
    if (err?.code === 'ENOENT' && err.path === bundle) {
      process.stderr.write(`ktool: ${bundle} is missing; run \`npm run build\` first\n`);
      process.exit(1);
    }
    throw err;
  }
  // The package root, not bin/: oclif looks for the nearest package.json, and bin/ has its own.
  return ktool.execute({ dir: root });
}

main();
