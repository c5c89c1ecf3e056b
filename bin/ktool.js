#!/usr/bin/env node
// ktool's entry point. It runs dist/ktool.cjs (one CommonJS bundle of the commands and oclif, see
// scripts/build-bundle.mjs) through a V8 code cache, so most runs skip compiling oclif and the
// command modules. The cache is an optimisation only: any problem with it (missing, stale,
// rejected by V8, unreadable or unsafe directory) means running without it, silently.
// CommonJS (bin/package.json), not ESM: an ES-module entry starts Node's ESM loader, a measurable
// part of a 40 ms start-up, and nothing on the common paths needs it.
'use strict';
const { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
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
  const dir = join(base, 'ktool');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    const uid = process.getuid?.();
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** Node version, architecture, V8-relevant flags and the bundle's content hash (+ size, mtime). */
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
  return `${process.version}-${hash.slice(0, 16)}-${h.toString(16)}.v8cache`;
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
      cachedData = readFileSync(cacheFile);
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
