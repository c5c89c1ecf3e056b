// Reading an operator's input file safely: only a regular file, at most MAX_INPUT_FILE_BYTES,
// strict UTF-8, and JSON without duplicate keys (JSON.parse silently keeps the last one, so a
// typo'd plan would run with half its entries replaced). Errors say what is wrong with which path.
import { open, stat } from 'node:fs/promises';

/** Bigger than any real plan (10,000 partitions are ~1 MB) and far below what would hurt memory. */
export const MAX_INPUT_FILE_BYTES = 16 * 1024 * 1024;

export class InputFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly errno?: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'InputFileError';
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function describeErrno(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    default:
      return err.code ? `cannot read (${err.code})` : err.message;
  }
}

/** The file's text; InputFileError when it is not a readable, reasonably sized UTF-8 file. */
export async function readInputText(path: string): Promise<string> {
  if (!path) throw new InputFileError('""', 'empty file name');
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new InputFileError(path, 'is a directory, not a file');
    // A FIFO or device would block or never end; only regular files are input.
    if (!st.isFile()) throw new InputFileError(path, 'is not a regular file');
    size = st.size;
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(path, describeErrno(err as NodeJS.ErrnoException), (err as NodeJS.ErrnoException).code);
  }
  if (size > MAX_INPUT_FILE_BYTES) throw new InputFileError(path, `is ${(size / 1048576).toFixed(1)} MB; input files are limited to ${MAX_INPUT_FILE_BYTES / 1048576} MB`);
  let buf: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      buf = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new InputFileError(path, describeErrno(err as NodeJS.ErrnoException), (err as NodeJS.ErrnoException).code);
  }
  if (buf.length > MAX_INPUT_FILE_BYTES) throw new InputFileError(path, `input files are limited to ${MAX_INPUT_FILE_BYTES / 1048576} MB`);
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    // The decoder does not say where; the lenient decode's first replacement character does.
    const lenient = buf.toString('utf8');
    const at = Buffer.byteLength(lenient.slice(0, Math.max(0, lenient.indexOf('\ufffd'))));
    throw new InputFileError(path, `is not valid UTF-8 text (bad byte at offset ${at})`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The first key that occurs twice in one object of valid JSON `text`, with its location
 * (`topics[3]`), or undefined. Runs after JSON.parse succeeded, so a simple scan suffices.
 */
export function findDuplicateKey(text: string): { key: string; at: string } | undefined {
  type Frame = { obj: boolean; keys: Set<string>; index: number; key?: string; expectKey: boolean };
  const stack: Frame[] = [];
  const where = (): string =>
    stack
      .slice(0, -1)
      .map((f) => (f.obj ? `.${f.key ?? ''}` : `[${f.index}]`))
      .join('')
      .replace(/^\./, '') || 'the top-level object';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.obj && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { key, at: where() };
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push({ obj: c === '{', keys: new Set(), index: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.obj) top.expectKey = true;
        else top.index++;
      }
    }
  }
  return undefined;
}

/** JSON.parse that also refuses duplicate keys; the thrown message names the key and where. */
export function parseJsonStrict(text: string): unknown {
  const value: unknown = JSON.parse(text);
  const dup = findDuplicateKey(text);
  if (dup) throw new SyntaxError(`duplicate key "${dup.key}" in ${dup.at}`);
  return value;
}
