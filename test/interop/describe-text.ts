// Parses kafka-topics.sh 0.9 --describe text (TAB-separated) so tests can check its content, not
// just compare it with ktool's.

export interface DescribedPartition {
  partition: number;
  leader: string;
  replicas: number[];
  isr: number[];
}

export interface DescribedTopic {
  topic: string;
  partitionCount: number;
  replicationFactor: number;
  configs: Map<string, string>;
  partitions: DescribedPartition[];
}

const ids = (s: string): number[] => (s === '' ? [] : s.split(',').map(Number));

export function parseDescribe(text: string): Map<string, DescribedTopic> {
  const out = new Map<string, DescribedTopic>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('Topic:')) {
      const m = /^Topic:(.*)\tPartitionCount:(\d+)\tReplicationFactor:(\d+)\tConfigs:(.*)$/.exec(line);
      if (!m) throw new Error(`unexpected describe header: ${JSON.stringify(line)}`);
      const configs = new Map(m[4] ? m[4].split(',').map((kv) => kv.split('=', 2) as [string, string]) : []);
      out.set(m[1]!, { topic: m[1]!, partitionCount: Number(m[2]), replicationFactor: Number(m[3]), configs, partitions: [] });
      continue;
    }
    const m = /^\tTopic: (.*)\tPartition: (\d+)\tLeader: (\S+)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)$/.exec(line);
    if (!m) throw new Error(`unexpected describe line: ${JSON.stringify(line)}`);
    let t = out.get(m[1]!);
    if (!t) {
      // Filtered output (--under-replicated-partitions etc.) has partition lines only.
      t = { topic: m[1]!, partitionCount: NaN, replicationFactor: NaN, configs: new Map(), partitions: [] };
      out.set(m[1]!, t);
    }
    t.partitions.push({ partition: Number(m[2]), leader: m[3]!, replicas: ids(m[4]!), isr: ids(m[5]!) });
  }
  return out;
}
