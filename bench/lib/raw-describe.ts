// The raw floor for `topics --describe`: one Node process, node-zookeeper-client straight, every
// read pipelined, Kafka 0.9's describe text printed. Nothing but the work itself; run as its own
// process by bench/topics-describe.ts. Usage: node raw-describe.js <zk-connect>
import zookeeper from 'node-zookeeper-client';

const connect = process.argv[2];
if (!connect) {
  process.stderr.write('usage: raw-describe <zk-connect>\n');
  process.exit(2);
}
const client = zookeeper.createClient(connect, { sessionTimeout: 30_000, spinDelay: 200, retries: 0 });
const NO_NODE = zookeeper.Exception.NO_NODE;
const WINDOW = 1000;

/** getData for every path with up to WINDOW requests in flight; missing znodes give null. */
function readAll(paths: string[]): Promise<Array<Buffer | null>> {
  return new Promise((resolve, reject) => {
    const out = new Array<Buffer | null>(paths.length);
    let next = 0;
    let done = 0;
    if (paths.length === 0) return resolve(out);
    const issue = (): void => {
      const i = next++;
      client.getData(paths[i]!, (err, data) => {
        if (err) {
          if ((err as { getCode?: () => number }).getCode?.() !== NO_NODE) return reject(err);
          out[i] = null;
        } else out[i] = data ?? null;
        if (++done === paths.length) resolve(out);
        else if (next < paths.length) issue();
      });
    };
    for (let k = 0; k < Math.min(WINDOW, paths.length); k++) issue();
  });
}

client.once('connected', async () => {
  try {
    const topics = await new Promise<string[]>((res, rej) =>
      client.getChildren('/brokers/topics', (err, children) => (err ? ((err as { getCode?: () => number }).getCode?.() === NO_NODE ? res([]) : rej(err)) : res(children))),
    );
    topics.sort();
    const meta = await readAll([...topics.map((t) => `/brokers/topics/${t}`), ...topics.map((t) => `/config/topics/${t}`)]);
    const assignments = topics.map((_, i) => {
      const raw = JSON.parse(meta[i]!.toString('utf8')) as { partitions: Record<string, number[]> };
      return Object.keys(raw.partitions)
        .map(Number)
        .sort((a, b) => a - b)
        .map((p) => [p, raw.partitions[String(p)]!] as const);
    });
    const statePaths: string[] = [];
    topics.forEach((t, i) => assignments[i]!.forEach(([p]) => statePaths.push(`/brokers/topics/${t}/partitions/${p}/state`)));
    const states = await readAll(statePaths);
    const lines: string[] = [];
    let k = 0;
    topics.forEach((t, i) => {
      const parts = assignments[i]!;
      const cfgData = meta[topics.length + i];
      const cfg = cfgData && cfgData.length ? (JSON.parse(cfgData.toString('utf8')) as { config: Record<string, string> }).config : {};
      const configs = Object.entries(cfg)
        .map(([key, v]) => `${key}=${v}`)
        .join(',');
      lines.push(`Topic:${t}\tPartitionCount:${parts.length}\tReplicationFactor:${parts[0]?.[1].length ?? 0}\tConfigs:${configs}`);
      for (const [p, replicas] of parts) {
        const s = states[k++];
        const st = s ? (JSON.parse(s.toString('utf8')) as { leader: number; isr: number[] }) : null;
        lines.push(`\tTopic: ${t}\tPartition: ${p}\tLeader: ${st ? st.leader : 'none'}\tReplicas: ${replicas.join(',')}\tIsr: ${st ? st.isr.join(',') : ''}`);
      }
    });
    process.stdout.write(lines.length ? lines.join('\n') + '\n' : '');
    client.close();
  } catch (err) {
    process.stderr.write(`raw-describe: ${(err as Error).message}\n`);
    process.exit(1);
  }
});
client.connect();
