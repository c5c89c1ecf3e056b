// Loads the JSON Schemas in schemas/ and compiles them with ajv on first use. ajv is imported
// lazily so commands that never validate anything do not pay for it at start-up.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

const SCHEMA_DIR = new URL('../../schemas/', import.meta.url);
const require = createRequire(import.meta.url);

type AjvInstance = { compile: (schema: object) => ValidateFunction; errorsText: (errors: unknown) => string };
let ajv: AjvInstance | undefined;
const compiled = new Map<string, ValidateFunction>();

function getAjv(): AjvInstance {
  if (!ajv) {
    // ajv is CommonJS; require keeps this synchronous so codecs stay synchronous.
    const mod = require('ajv') as { default: new (opts: object) => AjvInstance };
    ajv = new mod.default({ allErrors: false, strict: false });
  }
  return ajv;
}

export function schemaValidator(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const schema = JSON.parse(readFileSync(new URL(`${name}.schema.json`, SCHEMA_DIR), 'utf8')) as object;
    v = getAjv().compile(schema);
    compiled.set(name, v);
  }
  return v;
}

/** Human-readable reason for the first validation error, naming the JSON path of the field. */
export function describeErrors(v: ValidateFunction): string {
  const e = v.errors?.[0];
  if (!e) return 'invalid';
  const where = e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : '(root)';
  // Name the offending key, not just the object that holds it (a typo'd field is the usual cause).
  const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty?: string }).additionalProperty : undefined;
  return `${where} ${e.message ?? 'is invalid'}${extra !== undefined ? `: "${extra}"` : ''}`;
}
