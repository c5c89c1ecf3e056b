// Builds dist/ktool.cjs: ktool's commands, everything they import from dist/src, @oclif/core and
// chalk in ONE CommonJS file, which bin/ktool.js runs through a V8 code cache.
//
// Why (measured on this 2-core machine; see bench/startup.ts):
// - Start-up of a Node CLI is dominated by resolving, reading and compiling modules. oclif/core
//   alone is ~150 CommonJS files and ktool's commands another few dozen ESM files; one file
//   removes the resolution and per-file costs, and lets V8 reuse compiled code from a cache.
// - CommonJS, not ESM: a CommonJS function can be compiled with `vm.Script` + `cachedData`
//   (Node 20 has no public code cache for ES modules), and esbuild turns every `await import()`
//   of a bundled module into a lazy init call, so code a command does not reach is never run.
// - oclif finds the commands through its "explicit" strategy: the bundle exports COMMANDS, a map
//   id -> class GENERATED here from the files tsc wrote to dist/src/commands (the same id rules
//   as oclif's pattern discovery), so a new command or flag needs nothing but `npm run build`.
//   The manifest (scripts/build-manifest.mjs) is still built: without it oclif would load every
//   command class to learn the flags of one.
// - Code a command does not reach is not run: esbuild turns `await import()` of a bundled module
//   into a lazy init (the ZooKeeper client is initialised on the first ZooKeeper call); ajv and
//   cli-table3 stay outside and are required only where used (see EXTERNAL).
// - Two patches of oclif's start-up path (see `patches` below): the Node-engine check (semver +
//   a package.json read on every run; npm already checks `engines` at install) and the
//   `localeCompare` sort of command ids (the first call initialises ICU collation, several ms).
// - `import.meta.url` of a bundled file is rewritten to that file's original location under
//   dist/src, relative to the bundle, so paths built from it (bin/ktool.js for the daemons,
//   schemas/) stay right wherever the package is installed.
// tsc's dist/src stays the source of truth (tests and the library exports use it); the bundle is
// an extra artefact, written together with dist/ktool.cjs.sha256 (the content hash the code
// cache is keyed by).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const commandsDir = join(dist, 'src', 'commands');
const outfile = join(dist, 'ktool.cjs');
/**
 * Required at run time from node_modules, only by the code paths that need them: ajv (large,
 * schema checks only) and cli-table3 (terminal tables only). node-zookeeper-client (with async
 * and underscore) IS bundled: nearly every command needs it, and inside the bundle it is still
 * initialised only on the first ZooKeeper call, but without a module resolution per file and
 * with its compiled code in the V8 cache (measured: most of `topics --list`'s extra start-up).
 */
const EXTERNAL = ['ajv', 'ajv/*', 'cli-table3',
  // oclif's TypeScript auto-transpile for development plugins: never reached in production
  // (NODE_ENV unset) and never a dependency of the installed package.
  'typescript', 'ts-node', 'tsx', 'source-map-support'];

const EXTERNAL_IMPORT = new RegExp(String.raw`\bimport\((['"])(${EXTERNAL.filter((e) => !e.includes('*')).join('|')})\1\)`, 'g');

function commandFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...commandFiles(p));
    else if (e.name.endsWith('.js') && !e.name.startsWith('_')) out.push(p);
  }
  return out.sort();
}

// oclif's pattern rules: directories are topics, `index` names the topic itself.
const commands = commandFiles(commandsDir).map((file) => {
  const parts = relative(commandsDir, file).slice(0, -3).split(sep);
  if (parts.at(-1) === 'index') parts.pop();
  return { id: parts.join(':'), file };
});
const entry = [
  "export { execute, settings } from '@oclif/core';",
  ...commands.map((c, i) => `import C${i} from ${JSON.stringify('./' + relative(dist, c.file).split(sep).join('/'))};`),
  `export const COMMANDS = {${commands.map((c, i) => `${JSON.stringify(c.id)}: C${i}`).join(', ')}};`,
].join('\n');

const patches = [
  {
    file: /@oclif[\\/]core[\\/]lib[\\/]index\.js$/,
    from: /\ncheckNodeVersion\(\);/,
    to: '\n/* ktool: engine check skipped at start-up (npm checks package.json engines at install) */',
  },
  {
    file: /@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/,
    from: '.sort((a, b) => a.id.localeCompare(b.id))',
    to: '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) /* ktool: no ICU collation at start-up */',
  },
];

const startupPlugin = {
  name: 'ktool-startup',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const patch = patches.filter((p) => p.file.test(args.path));
      const inDist = args.path.startsWith(join(dist, 'src') + sep);
      if (!patch.length && !inDist) return undefined;
      let text = readFileSync(args.path, 'utf8');
      for (const p of patch) {
        const before = text;
        text = text.replace(p.from, p.to);
        // A changed oclif that no longer matches must fail the build, not silently slow start-up.
        if (text === before) throw new Error(`build-bundle: patch for ${args.path} no longer applies (${p.from})`);
      }
      if (inDist) {
        // `await import('<external>')` would stay an ES import() (the ESM loader, and an experimental
        // warning inside vm): these packages are CommonJS, so require them, shaped like Node's
        // namespace of a CommonJS module (default = module.exports, plus its named keys).
        text = text.replace(EXTERNAL_IMPORT, (_, _q, id) => `__ktoolImport(${JSON.stringify(id)})`);
      }
      if (inDist && text.includes('import.meta.url')) {
        const rel = './' + relative(dist, args.path).split(sep).join('/');
        text = text.replaceAll('import.meta.url', `__ktoolFileUrl(${JSON.stringify(rel)})`);
      }
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// Module scope of the bundle, where `require` and `__dirname` are the bundle's own (a bundled
// file may have a local `require`, e.g. from createRequire).
const BANNER = [
      "const __ktoolFileUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;",
      'const __ktoolImport = (id) => Promise.resolve().then(() => { const m = require(id); return { ...m, default: m }; });',
      // oclif's own import() calls (ESM plugins such as plugin-help, hooks): inside vm.Script an
      // import() needs an experimental loader hook, so bin/ktool.js lends its own import().
      'const __ktoolDynImport = globalThis.__ktoolDynImport ?? ((s) => import(s));',
    ];

const result = await build({
  stdin: { contents: entry, resolveDir: dist, sourcefile: 'ktool-entry.js', loader: 'js' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile,
  external: EXTERNAL,
  plugins: [startupPlugin],
  banner: { js: BANNER.join('\n') },
  // Fewer bytes to read and compile; keepNames keeps class and function names (oclif and error
  // messages use some).
  minify: process.env.KTOOL_BUNDLE_DEBUG !== "1",
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// Every remaining `import(` (not the text "import()" in oclif's error message) goes through
// __ktoolDynImport; the banner's own fallback is the one left as it is.
let code = readFileSync(outfile, 'utf8');
const lines = code.split('\n');
if (lines.slice(0, BANNER.length).join('\n') !== BANNER.join('\n')) throw new Error('build-bundle: the bundle does not start with the banner');
let rewritten = 0;
code = [...BANNER, lines.slice(BANNER.length).join('\n').replace(/(?<![\w$.])import\((?!\))/g, () => (rewritten++, '__ktoolDynImport('))].join('\n');
writeFileSync(outfile, code);
const bytes = Buffer.from(code);
writeFileSync(`${outfile}.sha256`, createHash('sha256').update(bytes).digest('hex'));
const inputs = Object.keys(result.metafile.inputs).length;
if (process.env.KTOOL_BUNDLE_REPORT) for (const [k, v] of Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 25)) console.log(v.bytesInOutput, k);
console.log(`dist/ktool.cjs: ${commands.length} commands (${commands.map((c) => c.id).join(', ')}), ${inputs} modules, ${(statSync(outfile).size / 1024).toFixed(0)} KiB, ${rewritten} import() calls routed to the entry point`);
