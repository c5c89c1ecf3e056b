// /brokers/ids/<id>: written by brokers (ephemeral), read by every tool.
import { parseZnodeJson } from './validate.js';

export interface Endpoint {
  listener: string;
  host: string;
  port: number;
}

export interface BrokerRegistration {
  id: number;
  version: number;
  host: string | null;
  port: number;
  jmxPort: number;
  /** Epoch milliseconds (Kafka stores it as a string). */
  timestamp: string;
  endpoints: Endpoint[];
  rack: string | null;
  /** The registration carries ktool's daemon marker (a real Kafka broker never writes it). */
  ktoolDaemon: boolean;
}

/**
 * Field that marks a ktool daemon's registration. Kafka's readers (0.9's Broker.createBroker,
 * 1.x+ BrokerIdZNode.decode) pick the keys they know and ignore the rest, so real brokers and
 * tools read the registration as before.
 */
export const KTOOL_DAEMON_MARKER = 'ktool_daemon';

interface Raw {
  version: number;
  host?: string | null;
  port?: number;
  jmx_port?: number;
  timestamp?: string | number;
  endpoints?: string[];
  rack?: string | null;
  [KTOOL_DAEMON_MARKER]?: unknown;
}

// Kafka (EndPoint.scala) takes any listener name before "://": INTERNAL-SASL, client.tls, ...
const ENDPOINT_RE = /^(.*?):\/\/(\[[^\]]*\]|[^:]*):(-?\d+)$/;

export function parseEndpoint(s: string): Endpoint {
  const m = ENDPOINT_RE.exec(s);
  if (!m) throw new Error(`Unable to parse ${s} to a broker endpoint`);
  return { listener: m[1]!, host: m[2]!.replace(/^\[|\]$/g, ''), port: Number(m[3]) };
}

export function formatEndpoint(e: Endpoint): string {
  const host = e.host.includes(':') ? `[${e.host}]` : e.host;
  return `${e.listener}://${host}:${e.port}`;
}

/** Kafka 0.9 layout (v2); v3 adds `rack` (0.10), written only when the broker has one. */
export function encodeBrokerRegistration(b: Omit<BrokerRegistration, 'version' | 'id' | 'ktoolDaemon'> & { ktoolDaemon?: boolean }): Buffer {
  const obj: Record<string, unknown> = {
    jmx_port: b.jmxPort,
    timestamp: String(b.timestamp),
    endpoints: b.endpoints.map(formatEndpoint),
    host: b.host,
    version: b.rack ? 3 : 2,
    port: b.port,
  };
  if (b.rack) obj.rack = b.rack;
  if (b.ktoolDaemon) obj[KTOOL_DAEMON_MARKER] = 1;
  return Buffer.from(JSON.stringify(obj));
}

export function decodeBrokerRegistration(id: number, data: Buffer | null, path: string): BrokerRegistration {
  const raw = parseZnodeJson<Raw>('znode-broker-registration', data, path);
  const endpoints =
    raw.version >= 2 && raw.endpoints
      ? raw.endpoints.map(parseEndpoint)
      : raw.host != null && raw.port != null
        ? [{ listener: 'PLAINTEXT', host: raw.host, port: raw.port }]
        : [];
  return {
    id,
    version: raw.version,
    host: raw.host ?? null,
    port: raw.port ?? -1,
    jmxPort: raw.jmx_port ?? -1,
    timestamp: raw.timestamp === undefined ? '' : String(raw.timestamp),
    endpoints,
    rack: raw.rack ?? null,
    ktoolDaemon: raw[KTOOL_DAEMON_MARKER] !== undefined,
  };
}
