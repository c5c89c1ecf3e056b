// Shared decode step of every codec: parse JSON and check it against the znode's schema.
import { ZnodeFormatError } from '../errors.js';
import { describeErrors, schemaValidator } from '../../schemas.js';

export function parseZnodeJson<T>(schema: string, data: Buffer | null, path: string): T {
  if (data === null || data.length === 0) throw new ZnodeFormatError(path, 'no data');
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw new ZnodeFormatError(path, `not JSON (${(err as Error).message})`);
  }
  const v = schemaValidator(schema);
  if (!v(value)) throw new ZnodeFormatError(path, describeErrors(v));
  return value as T;
}
