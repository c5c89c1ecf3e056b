// Checks a ZooKeeper connection string before anything connects. node-zookeeper-client throws
// ERR_SOCKET_BAD_PORT from inside a socket callback on a bad port (an uncaught crash, not an
// error we can catch), accepts empty members and never says which part is wrong; ZooKeeper's own
// rules are enforced here instead: host[:port] members (port 1..65535, default 2181), separated by
// commas, then an optional chroot that is a valid ZooKeeper path.

/** A bad connection string: a usage error (exit 2). The message quotes the string, redacted. */
export class ConnectionStringError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionStringError';
  }
}

/** `user:password@` in front of a host: never printed back. */
const CREDENTIALS = /[^\s",/@']*@/g;

/** The string with any `user:password@` part replaced by `***@`, safe to print. */
export function redactConnectionString(cs: string): string {
  return cs.replace(CREDENTIALS, '***@');
}

const HOST_LABEL = /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

function checkHost(host: string): string | undefined {
  if (!host) return 'empty host';
  if (host.startsWith('[') || host.split(':').length > 1) return 'IPv6 addresses are not supported by the ZooKeeper client';
  if (host.length > 253) return 'host name longer than 253 characters';
  if (/^[\d.]+$/.test(host)) {
    const parts = host.split('.');
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return `"${host}" is not a valid IPv4 address`;
    return undefined;
  }
  if (host.split('.').some((l) => !HOST_LABEL.test(l))) return `"${host}" is not a valid host name`;
  return undefined;
}

/** ZooKeeper's PathUtils.validatePath rules; returns the reason, or undefined when valid. */
export function zkPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with /';
  if (path === '/') return undefined;
  if (path.endsWith('/')) return 'must not end with /';
  for (const node of path.slice(1).split('/')) {
    if (!node) return 'empty node name (//)';
    if (node === '.' || node === '..') return `relative node name "${node}"`;
  }
  for (const ch of path) {
    const c = ch.codePointAt(0)!;
    // ZooKeeper refuses NUL, control characters and the surrogate/private-use/special ranges.
    if (c === 0 || (c > 0 && c < 0x20) || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xf8ff) || (c >= 0xfff0 && c <= 0xffff)) {
      return `invalid character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return undefined;
}

/**
 * Throws ConnectionStringError unless `cs` is `host[:port][,host[:port]...][/chroot]`.
 * `what` names where the string came from (--zookeeper, KTOOL_ZOOKEEPER, zookeeper.connect).
 */
export function validateConnectionString(cs: string, what = 'ZooKeeper connection string'): void {
  const fail = (reason: string): never => {
    throw new ConnectionStringError(`Invalid ${what} "${redactConnectionString(cs)}": ${reason}`);
  };
  if (!cs.trim()) fail('it is empty; expected host:port[,host:port...][/chroot]');
  if (/\s/.test(cs)) fail('it contains whitespace');
  const slash = cs.indexOf('/');
  const hosts = slash < 0 ? cs : cs.slice(0, slash);
  const chroot = slash < 0 ? '' : cs.slice(slash);
  if (hosts.includes('@')) fail('a connection string must not carry credentials; set KTOOL_ZK_AUTH=user:password instead');
  if (!hosts) fail('no host before the chroot');
  const members = hosts.split(',');
  members.forEach((m, i) => {
    if (!m) fail(`member ${i + 1} is empty (stray comma)`);
    const colon = m.lastIndexOf(':');
    const host = m.startsWith('[') || m.indexOf(':') !== colon ? m : colon < 0 ? m : m.slice(0, colon);
    const hostProblem = checkHost(host);
    if (hostProblem) fail(`member "${m}": ${hostProblem}`);
    if (colon >= 0 && host !== m) {
      const port = m.slice(colon + 1);
      if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) fail(`member "${m}": port "${port}" is not an integer between 1 and 65535`);
    }
  });
  if (chroot && chroot !== '/') {
    const problem = zkPathProblem(chroot);
    if (problem) fail(`chroot "${chroot}" is not a valid ZooKeeper path: ${problem}`);
  }
}
