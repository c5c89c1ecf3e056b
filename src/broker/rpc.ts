// Request/response transport over TCP, used controller→broker, broker→controller and
// follower→leader. Wire format (documented in the README):
//   frame    = uint32 big-endian length N, then N bytes of UTF-8 JSON
//   request  = {"correlationId": <int>, "request": <Request>}
//   response = {"correlationId": <int>, "response": <Response>} | {"correlationId": <int>, "error": "<text>"}
// One connection carries many requests; responses may come back in any order.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Request, ResponseFor } from './protocol.js';

const MAX_FRAME = 64 * 1024 * 1024;

function encodeFrame(obj: unknown): Buffer {
  const text = JSON.stringify(obj);
  const n = Buffer.byteLength(text, 'utf8');
  const frame = Buffer.allocUnsafe(4 + n);
  frame.writeUInt32BE(n, 0);
  frame.write(text, 4, 'utf8');
  return frame;
}

/**
 * Splits a byte stream into JSON frames. Chunks are only joined once a whole frame is there, so a
 * large frame (a LeaderAndIsr for 100k partitions) costs one copy, not one per arriving chunk.
 */
class FrameReader {
  private chunks: Buffer[] = [];
  private len = 0;
  /** Body length of the frame being read, -1 until its header is complete. */
  private need = -1;
  constructor(private readonly onFrame: (msg: unknown) => void) {}

  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.len)];
    return this.chunks[0]!;
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.len += chunk.length;
    for (;;) {
      if (this.need < 0) {
        if (this.len < 4) return;
        const head = this.chunks[0]!.length >= 4 ? this.chunks[0]! : this.joined();
        this.need = head.readUInt32BE(0);
        if (this.need > MAX_FRAME) throw new Error(`rpc frame of ${this.need} bytes exceeds ${MAX_FRAME}`);
      }
      if (this.len < 4 + this.need) return;
      const all = this.joined();
      const body = all.subarray(4, 4 + this.need);
      // Copy the (usually small) remainder so the big buffer can be freed.
      const rest = all.length > 4 + this.need ? Buffer.from(all.subarray(4 + this.need)) : null;
      this.chunks = rest ? [rest] : [];
      this.len = rest ? rest.length : 0;
      this.need = -1;
      this.onFrame(JSON.parse(body.toString('utf8')));
    }
  }
}

export class RpcServer {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(private readonly handler: (req: Request, peer: string) => Promise<unknown>) {}

  /** Listen; port 0 picks a free one. Returns the bound port. */
  async listen(host: string, port: number): Promise<number> {
    this.server = createServer((sock) => this.accept(sock));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const addr = this.server.address();
    return typeof addr === 'object' && addr ? addr.port : port;
  }

  private accept(sock: Socket): void {
    this.sockets.add(sock);
    sock.setNoDelay(true);
    const peer = `${sock.remoteAddress}:${sock.remotePort}`;
    const reader = new FrameReader((msg) => {
      const { correlationId, request } = msg as { correlationId: number; request: Request };
      this.handler(request, peer).then(
        (response) => !sock.destroyed && sock.write(encodeFrame({ correlationId, response })),
        (err: Error) => !sock.destroyed && sock.write(encodeFrame({ correlationId, error: err.message })),
      );
    });
    sock.on('data', (d) => {
      try {
        reader.push(d);
      } catch {
        sock.destroy();
      }
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => this.sockets.delete(sock));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

export class RpcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcError';
  }
}

/** A client connection to one peer; reconnects lazily on the next request after a failure. */
export class RpcClient {
  private sock?: Socket;
  private connecting?: Promise<Socket>;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private closed = false;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly timeoutMs = 30_000,
  ) {}

  private connect(): Promise<Socket> {
    if (this.sock && !this.sock.destroyed) return Promise.resolve(this.sock);
    this.connecting ??= new Promise<Socket>((resolve, reject) => {
      const sock = connect({ host: this.host, port: this.port });
      sock.setNoDelay(true);
      const reader = new FrameReader((msg) => {
        const m = msg as { correlationId: number; response?: unknown; error?: string };
        const p = this.pending.get(m.correlationId);
        if (!p) return;
        this.pending.delete(m.correlationId);
        clearTimeout(p.timer);
        if (m.error !== undefined) p.reject(new RpcError(m.error));
        else p.resolve(m.response);
      });
      sock.on('data', (d) => {
        try {
          reader.push(d);
        } catch (err) {
          sock.destroy(err as Error);
        }
      });
      const fail = (err: Error): void => {
        this.connecting = undefined;
        if (this.sock === sock) this.sock = undefined;
        for (const [id, p] of this.pending) {
          clearTimeout(p.timer);
          p.reject(new RpcError(`connection to ${this.host}:${this.port} lost: ${err.message}`));
          this.pending.delete(id);
        }
      };
      sock.once('connect', () => {
        this.sock = sock;
        this.connecting = undefined;
        resolve(sock);
      });
      sock.once('error', (err) => {
        fail(err);
        reject(new RpcError(`cannot reach ${this.host}:${this.port}: ${err.message}`));
      });
      sock.once('close', () => fail(new Error('closed')));
    });
    return this.connecting;
  }

  async send<R extends Request>(request: R): Promise<ResponseFor[R['type']]> {
    if (this.closed) throw new RpcError('client closed');
    const sock = await this.connect();
    const correlationId = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new RpcError(`${request.type} to ${this.host}:${this.port} timed out after ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(correlationId, { resolve: resolve as (v: unknown) => void, reject, timer });
      sock.write(encodeFrame({ correlationId, request }));
    });
  }

  close(): void {
    this.closed = true;
    this.sock?.destroy();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new RpcError('client closed'));
    }
    this.pending.clear();
  }
}
