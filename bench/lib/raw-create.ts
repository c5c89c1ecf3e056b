// The raw floor for `topics --create --from-file`: one Node process that reads the topics file and
// writes, per topic, one multi (config znode + assignment znode, as Kafka's tool writes them) with
// up to WINDOW multis in flight. Round-robin assignment; no validation beyond what ZooKeeper does.
// Usage: node raw-create.js <zk-connect> <topics-file> <comma-separated broker ids>
import { readFileSync } from 'node:fs';
import zookeeper from 'node-zookeeper-client';

interface FileTopic {
  topic: string;
  partitions: number;
  replication_factor: number;
  configs?: Record<string, string>;
}

const [connect, file, brokersArg] = process.argv.slice(2);
if (!connect || !file || !brokersArg) {
  process.stderr.write('usage: raw-create <zk-connect> <topics-file> <broker ids>\n');
  process.exit(2);
}
const brokers = brokersArg.split(',').map(Number);
const topics = (JSON.parse(readFileSync(file, 'utf8')) as { topics: FileTopic[] }).topics;
const WINDOW = 1000;
const client = zookeeper.createClient(connect, { sessionTimeout: 30_000, spinDelay: 200, retries: 0 });

function ops(t: FileTopic, i: number): zookeeper.Transaction {
  const partitions: Record<string, number[]> = {};
  for (let p = 0; p < t.partitions; p++) {
    partitions[String(p)] = Array.from({ length: t.replication_factor }, (_, r) => brokers[(i + p + r) % brokers.length]!);
  }
  return client
    .transaction()
    .create(`/config/topics/${t.topic}`, Buffer.from(JSON.stringify({ version: 1, config: t.configs ?? {} })))
    .create(`/brokers/topics/${t.topic}`, Buffer.from(JSON.stringify({ version: 1, partitions })));
}

client.once('connected', () => {
  let next = 0;
  let done = 0;
  const issue = (): void => {
    const i = next++;
    ops(topics[i]!, i).commit((err) => {
      if (err) {
        process.stderr.write(`raw-create: ${topics[i]!.topic}: ${String(err)}\n`);
        process.exit(1);
      }
      if (++done === topics.length) {
        process.stdout.write(`created ${done}\n`);
        client.close();
      } else if (next < topics.length) issue();
    });
  };
  for (let k = 0; k < Math.min(WINDOW, topics.length); k++) issue();
});
client.connect();
