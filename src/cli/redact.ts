// Secrets must never reach a message, a log line or a --json envelope: the KTOOL_ZK_AUTH
// credentials and any user:password@ part of a connection string.
import { redactConnectionString } from '../zk/connection-string.js';

/** `text` with every known secret replaced by ***. */
export function redactSecrets(text: string): string {
  let out = text;
  const auth = process.env.KTOOL_ZK_AUTH;
  if (auth) {
    out = out.split(auth).join('***');
    const password = auth.slice(auth.indexOf(':') + 1);
    // Very short passwords would blank out ordinary letters; they are redacted only as a whole auth.
    if (auth.includes(':') && password.length >= 4) out = out.split(password).join('***');
  }
  // user:password@host inside any quoted or bare connection string.
  return redactConnectionString(out);
}
