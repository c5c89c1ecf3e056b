// ZooKeeper namespaces exactly as each Kafka line writes them (kafka-zk-safety.md §1, Kafka's
// ZkData.scala at the tags), as Trees for loadTree(). One builder, driven by the line's formats,
// so tests of every write command can run against 0.9, 1.1, 2.4, 2.8, 3.4 and 3.9.
import type { Tree, TreeNode } from './zk-tree.js';

export type NamespaceLine = '0.9' | '1.1' | '2.4' | '2.8' | '3.4' | '3.9';
export const NAMESPACE_LINES: NamespaceLine[] = ['0.9', '1.1', '2.4', '2.8', '3.4', '3.9'];

export interface TopicSpec {
  partitions: Record<string, number[]>;
  /** KIP-455 reassignment in flight (2.4+ only): replicas being added / removed per partition. */
  adding?: Record<string, number[]>;
  removing?: Record<string, number[]>;
  configs?: Record<string, string>;
  /** Partition state overrides (leader, isr, leader_recovery_state...). */
  states?: Record<string, Record<string, unknown>>;
  topicId?: string;
}

export interface NamespaceOptions {
  brokers?: number[];
  topics?: Record<string, TopicSpec>;
  /** /admin/reassign_partitions content (ZooKeeper-path reassignment in flight). */
  reassignPartitions?: Array<{ topic: string; partition: number; replicas: number[] }>;
  /** 3.4+: a ZooKeeper → KRaft migration has started (/migration, KRaft controller epoch). */
  migration?: boolean;
  /** ACL of every znode (default: open, as with zookeeper.set.acl=false). */
  acl?: Array<[string, string, number]>;
  /** ACL of /config/brokers, /config/users and their children (1.1+ sensitive paths). */
  sensitiveAcl?: Array<[string, string, number]>;
  controllerId?: number;
}

const OPEN: Array<[string, string, number]> = [['world', 'anyone', 31]];
const TS = '1796158931992';

const at = (line: NamespaceLine, min: NamespaceLine): boolean => NAMESPACE_LINES.indexOf(line) >= NAMESPACE_LINES.indexOf(min);

/** Registration as the line's broker writes it (v2 for 0.9, v4 for 1.1–2.6, v5 from 2.7). */
export function registration(line: NamespaceLine, id: number, port = 49092 + id): string {
  const ep = `PLAINTEXT://127.0.0.1:${port}`;
  if (line === '0.9') return JSON.stringify({ jmx_port: -1, timestamp: TS, endpoints: [ep], host: '127.0.0.1', version: 2, port });
  const base: Record<string, unknown> = {
    listener_security_protocol_map: { PLAINTEXT: 'PLAINTEXT' },
    endpoints: [ep],
    jmx_port: -1,
  };
  if (at(line, '2.8')) base.features = {};
  Object.assign(base, { host: '127.0.0.1', timestamp: TS, port, version: at(line, '2.8') ? 5 : 4 });
  return JSON.stringify(base);
}

/** A deterministic 22-character base64url id per topic (what Uuid.toString gives). */
export function topicIdFor(topic: string): string {
  let h = 0x811c9dc5;
  const out: string[] = [];
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < 22; i++) {
    for (const ch of topic + i) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out.push(abc[h % 64]!);
  }
  return out.join('');
}

/** /brokers/topics/T as the line's controller and tools leave it. */
export function topicZnode(line: NamespaceLine, topic: string, t: TopicSpec): string {
  if (!at(line, '2.4')) return JSON.stringify({ version: 1, partitions: t.partitions });
  const obj: Record<string, unknown> = {
    removing_replicas: t.removing ?? {},
    partitions: t.partitions,
  };
  if (at(line, '2.8')) obj.topic_id = t.topicId ?? topicIdFor(topic);
  obj.adding_replicas = t.adding ?? {};
  obj.version = at(line, '2.8') ? 3 : 2;
  return JSON.stringify(obj);
}

export const DEFAULT_TOPICS: Record<string, TopicSpec> = {
  orders: { partitions: { '0': [0, 1], '1': [1, 2], '2': [2, 0] }, configs: { 'retention.ms': '86400000' } },
  audit: { partitions: { '0': [1, 0] } },
};

export function buildNamespace(line: NamespaceLine, opts: NamespaceOptions = {}): Tree {
  const acl = opts.acl ?? OPEN;
  const sensitive = opts.sensitiveAcl ?? acl;
  const brokers = opts.brokers ?? [0, 1, 2];
  const topics = opts.topics ?? DEFAULT_TOPICS;
  const tree: Tree = {};
  const put = (path: string, data: string | null, extra: Partial<TreeNode> = {}): void => {
    const isSensitive = at(line, '1.1') && /^\/(config\/(brokers|users)|delegation_token)(\/|$)/.test(path);
    tree[path] = { data, version: 0, ephemeral: false, acl: isSensitive ? sensitive : acl, ...extra };
  };
  for (const p of ['/admin', '/admin/delete_topics', '/brokers', '/brokers/ids', '/brokers/seqid', '/brokers/topics', '/config', '/config/changes', '/config/clients', '/config/topics', '/consumers', '/isr_change_notification']) put(p, null);
  if (at(line, '1.1')) for (const p of ['/config/brokers', '/config/users', '/log_dir_event_notification', '/cluster']) put(p, null);
  if (at(line, '1.1')) put('/cluster/id', JSON.stringify({ version: '1', id: '8aPq3Mh2S9ijnuMJMZTLFw' }));
  if (at(line, '2.8')) put('/feature', JSON.stringify(at(line, '3.4') ? { features: {}, status: 1, version: 2 } : { features: {}, version: 1, status: 1 }));
  for (const id of brokers) put(`/brokers/ids/${id}`, registration(line, id), { ephemeral: true });
  const controllerId = opts.controllerId ?? brokers[0] ?? 0;
  const ctrl: Record<string, unknown> = { version: at(line, '3.4') ? 2 : 1, brokerid: controllerId, timestamp: TS };
  if (at(line, '3.4')) ctrl.kraftControllerEpoch = opts.migration ? 3 : -1;
  put('/controller', JSON.stringify(ctrl), { ephemeral: true });
  put('/controller_epoch', '2', { version: 1 });
  if (opts.migration) put('/migration', JSON.stringify({ version: 0, kraft_metadata_offset: 120, kraft_controller_id: 3000, kraft_metadata_epoch: 3, kraft_controller_epoch: 3 }));
  let notice = 0;
  for (const [topic, t] of Object.entries(topics)) {
    put(`/brokers/topics/${topic}`, topicZnode(line, topic, t));
    put(`/brokers/topics/${topic}/partitions`, null);
    put(`/config/topics/${topic}`, JSON.stringify({ version: 1, config: t.configs ?? {} }));
    for (const [p, replicas] of Object.entries(t.partitions)) {
      put(`/brokers/topics/${topic}/partitions/${p}`, null);
      const state = { controller_epoch: 2, leader: replicas[0], version: 1, leader_epoch: 0, isr: replicas, ...(t.states?.[p] ?? {}) };
      put(`/brokers/topics/${topic}/partitions/${p}/state`, JSON.stringify(state));
    }
    if (t.configs && Object.keys(t.configs).length) {
      const n = String(notice++).padStart(10, '0');
      put(`/config/changes/config_change_${n}`, line === '0.9' ? JSON.stringify({ version: 1, entity_type: 'topics', entity_name: topic }) : JSON.stringify({ version: 2, entity_path: `topics/${topic}` }));
    }
  }
  if (opts.reassignPartitions) put('/admin/reassign_partitions', JSON.stringify({ version: 1, partitions: opts.reassignPartitions }));
  return tree;
}
