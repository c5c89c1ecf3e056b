// The one-line text of a failure as the operator sees it. ZooKeeper's bare result codes become
// sentences that say what to check; everything else keeps its own message.
import { ZkError } from '../zk/errors.js';

export function errorText(err: unknown): string {
  if (err instanceof ZkError) {
    if (err.code === 'NO_AUTH') {
      const user = process.env.KTOOL_ZK_AUTH?.split(':')[0];
      const who = user ? `the digest identity "${user}" from KTOOL_ZK_AUTH` : 'an unauthenticated client (KTOOL_ZK_AUTH is not set)';
      return `ZooKeeper denied access to ${err.path} (NO_AUTH): ${who} lacks permission there; check the user and password in KTOOL_ZK_AUTH`;
    }
    if (err.code === 'CONNECTION_LOSS' || err.code === 'SESSION_EXPIRED') {
      return `Lost the ZooKeeper ${err.code === 'SESSION_EXPIRED' ? 'session' : 'connection'} at ${err.path}; every step ktool writes is one transaction, so each is either fully done or not at all. Run the same command again to finish`;
    }
    if (err.code === 'AUTH_FAILED') return `ZooKeeper rejected the credentials in KTOOL_ZK_AUTH (AUTH_FAILED at ${err.path})`;
  }
  const msg = err instanceof Error ? err.message : String(err);
  return msg;
}
