// Errors raised by the ZooKeeper layer. Callers switch on `code`, never on message text.

/** ZooKeeper result codes we act on (names as ZooKeeper spells them). */
export type ZkCode =
  | 'NO_NODE'
  | 'NODE_EXISTS'
  | 'BAD_VERSION'
  | 'NOT_EMPTY'
  | 'NO_AUTH'
  | 'CONNECTION_LOSS'
  | 'SESSION_EXPIRED'
  | 'OPERATION_TIMEOUT'
  | 'NO_CHILDREN_FOR_EPHEMERALS'
  | 'INVALID_ACL'
  | 'AUTH_FAILED'
  | 'RUNTIME_INCONSISTENCY'
  | 'MARSHALLING_ERROR'
  | 'UNKNOWN';

const CODE_BY_NUMBER: Record<number, ZkCode> = {
  [-101]: 'NO_NODE',
  [-110]: 'NODE_EXISTS',
  [-103]: 'BAD_VERSION',
  [-111]: 'NOT_EMPTY',
  [-102]: 'NO_AUTH',
  [-4]: 'CONNECTION_LOSS',
  [-112]: 'SESSION_EXPIRED',
  [-7]: 'OPERATION_TIMEOUT',
  [-108]: 'NO_CHILDREN_FOR_EPHEMERALS',
  [-114]: 'INVALID_ACL',
  [-115]: 'AUTH_FAILED',
  [-2]: 'RUNTIME_INCONSISTENCY',
  [-5]: 'MARSHALLING_ERROR',
};

export function codeFromNumber(n: number): ZkCode {
  return CODE_BY_NUMBER[n] ?? 'UNKNOWN';
}

export class ZkError extends Error {
  constructor(
    readonly code: ZkCode,
    readonly path: string,
    message?: string,
  ) {
    super(message ?? `ZooKeeper ${code} at ${path}`);
    this.name = 'ZkError';
  }
}

/** A multi transaction failed; `index` is the op that caused it (others were rolled back). */
export class ZkMultiError extends ZkError {
  constructor(
    code: ZkCode,
    path: string,
    readonly index: number,
  ) {
    super(code, path, `ZooKeeper transaction failed: ${code} at ${path} (op ${index})`);
    this.name = 'ZkMultiError';
  }
}

/** Could not reach ZooKeeper at all: names the connection string so the operator can fix it. */
export class ZkConnectError extends Error {
  constructor(
    readonly connectionString: string,
    readonly timeoutMs: number,
  ) {
    super(`Unable to connect to ZooKeeper at ${connectionString} within ${timeoutMs} ms`);
    this.name = 'ZkConnectError';
  }
}

/** A znode's data did not match the format Kafka writes there. */
export class ZnodeFormatError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Unexpected data in znode ${path}: ${reason}`);
    this.name = 'ZnodeFormatError';
  }
}

export function isZkCode(err: unknown, code: ZkCode): boolean {
  return err instanceof ZkError && err.code === code;
}
