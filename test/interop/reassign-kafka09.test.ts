// Reassignment interop with real Kafka 0.9.0.1 brokers: Kafka's controller executes what
// `ktool reassign --execute` wrote, and `ktool reassign --verify` reads what Kafka's own tool started,
// agreeing line for line with kafka-reassign-partitions.sh --verify.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';
import { startKafkaBroker, runKafkaTool, type KafkaBroker } from '../helpers/kafka.js';
import { runKtool } from '../helpers/ktool.js';
import { ZkClient } from '../../src/zk/client.js';
import * as P from '../../src/zk/paths.js';
import { readAssignments, readPartitionStates } from '../../src/zk/readers.js';
import { decodeController } from '../../src/zk/codecs/controller.js';
import { decodeReassignPartitions } from '../../src/zk/codecs/reassignPartitions.js';
import { encodeTopicAssignment } from '../../src/zk/codecs/topicAssignment.js';

interface Move {
  topic: string;
  partition: number;
  replicas: number[];
}

const reassignJson = (moves: Move[]): string => JSON.stringify({ version: 1, partitions: moves });
const sortedLines = (s: string): string[] => s.split('\n').filter(Boolean).sort();

describe('reassignment interop with Kafka 0.9 brokers', { timeout: 90_000 }, () => {
  let server: ZkServer;
  let brokers: KafkaBroker[] = [];
  let zk: ZkClient;
  let work: string;

  before(async () => {
    server = await startZooKeeper();
    brokers = await Promise.all([1, 2, 3].map((brokerId) => startKafkaBroker({ zkConnect: server.connect, brokerId })));
    zk = await ZkClient.connect(server.connect);
    work = mkdtempSync(join(tmpdir(), 'ktool-reassign-interop-'));
  });

  after(async () => {
    await zk?.close();
    await Promise.all(brokers.map((b) => b.kill()));
    // The ZooKeeper helper awaits the exit of an unref'd JVM: hold the event loop open meanwhile.
    const hold = setInterval(() => undefined, 1000);
    await server?.stop();
    clearInterval(hold);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Create a topic as the admin tools do (config znode, then assignment) and wait for Kafka's leaders. */
  async function createTopic(topic: string, replicas: number[][]): Promise<void> {
    await zk.multi([
      { op: 'create', path: P.topicConfigPath(topic), data: JSON.stringify({ version: 1, config: {} }) },
      { op: 'create', path: P.topicPath(topic), data: encodeTopicAssignment(new Map(replicas.map((r, p) => [p, r]))) },
    ]);
    await waitFor(`leaders for ${topic}`, async () => {
      const states = await readPartitionStates(zk, replicas.map((_, partition) => ({ topic, partition })));
      return states.every((s) => s !== null && s.leader >= 0);
    }, 30_000);
  }

  function file(name: string, moves: Move[]): string {
    const path = join(work, name);
    writeFileSync(path, reassignJson(moves));
    return path;
  }

  async function reassignmentGone(): Promise<void> {
    await waitFor('/admin/reassign_partitions to be removed by the controller', async () => (await zk.exists(P.REASSIGN_PARTITIONS)) === null, 30_000);
  }

  /** ktool's and Kafka's --verify print the same lines (Kafka's order is hash order, so compare sorted). */
  async function verifyBoth(path: string, expectedCode = 0): Promise<string[]> {
    const [ours, theirs] = await Promise.all([
      runKtool(['reassign', '--zookeeper', server.connect, '--verify', '--reassignment-json-file', path]),
      runKafkaTool('kafka-reassign-partitions.sh', ['--zookeeper', server.connect, '--verify', '--reassignment-json-file', path]),
    ]);
    assert.equal(ours.code, expectedCode, ours.stdout + ours.stderr);
    assert.equal(ours.stdout.split('\n')[0], 'Status of partition reassignment:');
    assert.deepEqual(sortedLines(ours.stdout), sortedLines(theirs.stdout));
    return ours.stdout.split('\n').filter(Boolean);
  }

  it('Kafka executes a reassignment written by ktool reassign --execute, and ktool --verify confirms it', async () => {
    await createTopic('kt', [[1, 2], [2, 3], [3, 1], [1, 3]]);
    const moves: Move[] = [
      { topic: 'kt', partition: 0, replicas: [2, 3] }, // leader 1 must move
      { topic: 'kt', partition: 1, replicas: [3, 1, 2] }, // RF 2 -> 3
      { topic: 'kt', partition: 2, replicas: [1] }, // RF 2 -> 1, leader 3 must move
    ];
    const path = file('kt.json', moves);
    const exec = await runKtool(['reassign', '--zookeeper', server.connect, '--execute', '--reassignment-json-file', path, '--rollback-file', path + '.rollback.json']);
    assert.equal(exec.code, 0, exec.stdout + exec.stderr);
    assert.ok(exec.stdout.includes(`\nSuccessfully started reassignment of partitions ${reassignJson(moves)}\n`), exec.stdout);
    await reassignmentGone();

    const a = (await readAssignments(zk, ['kt'])).get('kt')!;
    assert.deepEqual([...a.partitions], [
      [0, [2, 3]],
      [1, [3, 1, 2]],
      [2, [1]],
      [3, [1, 3]],
    ]);
    const states = await readPartitionStates(zk, [0, 1, 2].map((partition) => ({ topic: 'kt', partition })));
    states.forEach((s, i) => assert.ok(s && moves[i]!.replicas.includes(s.leader), `kt-${i} led by a new replica: ${JSON.stringify(s)}`));

    const lines = await verifyBoth(path);
    assert.deepEqual(lines.slice(1).sort(), [0, 1, 2].map((p) => `Reassignment of partition [kt,${p}] completed successfully`));
  });

  it('ktool --verify reads what kafka-reassign-partitions.sh started: completed, failed and in progress', async () => {
    await createTopic('kk', [[1, 2], [2, 3], [3, 1]]);
    const controllerId = decodeController((await zk.getData(P.CONTROLLER)).data, P.CONTROLLER).brokerId;
    // A partition whose only replica is a broker we stop: moving it cannot finish (B.3 "stuck").
    const victim = [1, 2, 3].find((id) => id !== controllerId)!;
    const [o1, o2] = [1, 2, 3].filter((id) => id !== victim) as [number, number];
    await createTopic('stuck', [[victim]]);
    await brokers.find((b) => b.brokerId === victim)!.stop();
    await waitFor(`broker ${victim} deregistered`, async () => (await zk.exists(P.brokerPath(victim))) === null, 20_000);

    const moves: Move[] = [
      { topic: 'kk', partition: 0, replicas: [o1, o2] },
      { topic: 'kk', partition: 1, replicas: [o2, o1] },
      { topic: 'kk', partition: 2, replicas: [1, 9] }, // broker 9 is not alive: Kafka's controller drops it
      { topic: 'stuck', partition: 0, replicas: [o1, o2] }, // no live replica to copy from
    ];
    const path = file('kafka-started.json', moves);
    const exec = await runKafkaTool('kafka-reassign-partitions.sh', ['--zookeeper', server.connect, '--execute', '--reassignment-json-file', path]);
    assert.match(exec.stdout, /Successfully started reassignment/, exec.stdout + exec.stderr);
    await waitFor('Kafka to finish kk-0/kk-1, drop kk-2 and start stuck-0', async () => {
      const pending = await zk.tryGetData(P.REASSIGN_PARTITIONS);
      const left = pending ? decodeReassignPartitions(pending.data, P.REASSIGN_PARTITIONS) : [];
      const a = await readAssignments(zk, ['kk', 'stuck']);
      return (
        left.length === 1 && left[0]!.topic === 'stuck' &&
        a.get('stuck')?.partitions.get(0)?.length === 3 && // AR = new + old replicas while in flight
        a.get('kk')?.partitions.get(0)?.join() === [o1, o2].join() &&
        a.get('kk')?.partitions.get(1)?.join() === [o2, o1].join()
      );
    }, 30_000);

    // A failed partition makes ktool exit 1 (Kafka 0.9 exits 0 whatever happened); the text is Kafka's.
    const lines = await verifyBoth(path, 1);
    assert.deepEqual(lines.slice(1).sort(), [
      "ERROR: Assigned replicas (3,1) don't match the list of replicas for reassignment (1,9) for partition [kk,2]",
      'Reassignment of partition [kk,0] completed successfully',
      'Reassignment of partition [kk,1] completed successfully',
      'Reassignment of partition [kk,2] failed',
      'Reassignment of partition [stuck,0] is still in progress',
    ]);
  });
});
