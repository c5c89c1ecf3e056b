// Reading an operator's JSON file: a missing file or broken JSON is a clear exit-1 error.
import { CommandError } from '../cli/errors.js';
import { InputFileError, parseJsonStrict, readInputText } from '../cli/input-file.js';
import { describeErrors, schemaValidator } from '../schemas.js';

export async function readTextFile(path: string): Promise<string> {
  try {
    return await readInputText(path);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    // Kafka's text for a missing file.
    if (err.errno === 'ENOENT') throw new CommandError(`${path} (No such file or directory)`);
    throw new CommandError(err.message);
  }
}

/** Parse `text` and check it against `schema`; `what` names the file in messages. */
export function parseAndValidate<T>(text: string, schema: string, what: string): T {
  let value: unknown;
  try {
    value = parseJsonStrict(text);
  } catch (err) {
    throw new CommandError(`${what} is not valid JSON: ${(err as Error).message}`);
  }
  const v = schemaValidator(schema);
  if (!v(value)) throw new CommandError(`${what} is invalid: ${describeErrors(v)}`);
  return value as T;
}

/** Values that occur more than once, in order of their second occurrence. */
export function duplicates<T>(items: readonly T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const i of items) {
    if (seen.has(i)) dup.add(i);
    seen.add(i);
  }
  return [...dup];
}
