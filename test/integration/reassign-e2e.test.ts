// End to end with real `ktool broker start` daemons: generate → execute (throttled) → verify --wait
// → describe shows the new assignment; --cancel midway restores the original replicas; a kill -9
// of the controller during an execution still lets it complete. A reassignment is held "midway"
// by SIGSTOPping a target broker (it cannot join the ISR) and released with SIGCONT.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as P from '../../src/zk/paths.js';
import { decodeController } from '../../src/zk/codecs/controller.js';
import type { ZkClient } from '../../src/zk/client.js';
import { startZooKeeper, waitFor, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot } from '../helpers/cluster.js';
import { runKtool } from '../helpers/ktool.js';
import { keepingAlive, startDaemons, stopAll, type Daemon } from '../helpers/daemons.js';

/** freshChroot, retried: on a loaded machine the first connection to a just-started JVM can time out. */
describe('ktool reassign with real daemons', () => {
  let server: ZkServer;
  let c: { connect: string; zk: ZkClient; close(): Promise<void> };
  let daemons: Daemon[] = [];
  let dir: string;
  const stopped = new Set<number>();
  const ktool = (...args: string[]) => runKtool(args[0] === 'topics' ? [...args, '--zookeeper', c.connect] : [args[0]!, '--zookeeper', c.connect, ...args.slice(1)], { timeoutMs: 60_000 });
  const replicasOf = async (topic: string): Promise<string[]> => {
    const d = await ktool('topics', '--describe', '--topic', topic);
    return [...d.stdout.matchAll(/Partition: (\d+)\tLeader: \S+\tReplicas: (\S+)/g)].map((m) => `${m[1]}:${m[2]}`);
  };
  const controllerId = async (): Promise<number> =>
    waitFor('a controller', async () => {
      const r = await c.zk.tryGetData(P.CONTROLLER);
      return r ? decodeController(r.data, P.CONTROLLER).brokerId : null;
    }, 20_000);
  const allLed = (topic: string, n: number) =>
    waitFor(`${topic} led`, async () => {
      const d = await ktool('topics', '--describe', '--topic', topic);
      return (d.stdout.match(/Leader: \d+/g) ?? []).length === n;
    }, 20_000);
  const pause = (id: number): void => {
    process.kill(daemons.find((d) => d.id === id)!.pid, 'SIGSTOP');
    stopped.add(id);
  };
  const resume = (id: number): void => {
    process.kill(daemons.find((d) => d.id === id)!.pid, 'SIGCONT');
    stopped.delete(id);
  };

  before(async () => {
    server = await startZooKeeper();
    c = await freshChroot(server);
    // 6 s sessions: a SIGSTOPped broker stays registered long enough for the controller to start
    // moving replicas onto it even on a loaded machine.
    daemons = await startDaemons(c.connect, [1, 2, 3], { config: { 'zookeeper.session.timeout.ms': '6000' } });
    dir = mkdtempSync(join(tmpdir(), 'ktool-e2e-'));
  });
  after(async () => {
    await keepingAlive(async () => {
      for (const id of stopped) resume(id);
      await stopAll(daemons);
      await c?.close();
      await server?.stop();
    });
    rmSync(dir, { recursive: true, force: true });
  });

  test('generate → execute --throttle → verify --wait → describe shows the new assignment', async () => {
    assert.equal((await ktool('topics', '--create', '--topic', 'dt', '--partitions', '6', '--replication-factor', '2')).code, 0);
    await allLed('dt', 6);
    writeFileSync(join(dir, 'topics.json'), '{"topics":[{"topic":"dt"}],"version":1}');
    const gen = await ktool('reassign', '--generate', '--topics-to-move-json-file', join(dir, 'topics.json'), '--broker-list', '1,2');
    assert.equal(gen.code, 0, gen.stdout);
    const proposed = gen.stdout.trimEnd().split('\n').at(-1)!;
    const plan = join(dir, 'dt-plan.json');
    writeFileSync(plan, proposed);
    const ex = await ktool('reassign', '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'dt-rb.json'), '--throttle', '1000000');
    assert.equal(ex.code, 0, ex.stdout + ex.stderr);
    assert.match(ex.stdout, /The throttle limit was set to 1000000 B\/s\nSuccessfully started reassignment of partitions /);
    const v = await ktool('reassign', '--verify', '--reassignment-json-file', plan, '--wait', '--timeout', '30');
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.equal(v.stdout, 'Status of partition reassignment:\n' + [0, 1, 2, 3, 4, 5].map((p) => `Reassignment of partition [dt,${p}] completed successfully\n`).join('') + 'Throttle was removed.\n');
    const want = (JSON.parse(proposed) as { partitions: Array<{ partition: number; replicas: number[] }> }).partitions.map((p) => `${p.partition}:${p.replicas.join(',')}`);
    assert.deepEqual(await replicasOf('dt'), want);
    assert.equal(await c.zk.exists(P.REASSIGN_PARTITIONS), null);
  });

  test('--cancel midway: the unfinished partition goes back to its original replicas', async () => {
    const ctl = await controllerId();
    const [y, x] = [1, 2, 3].filter((id) => id !== ctl) as [number, number];
    assert.equal((await ktool('topics', '--create', '--topic', 'c1', '--replica-assignment', `${ctl}:${y},${y}:${ctl}`)).code, 0);
    await allLed('c1', 2);
    const plan = join(dir, 'c1.json');
    writeFileSync(plan, JSON.stringify({ version: 1, partitions: [{ topic: 'c1', partition: 0, replicas: [ctl, x] }, { topic: 'c1', partition: 1, replicas: [ctl, y] }] }));
    pause(x); // x can never join the ISR: p0 stays in flight
    const ex = await ktool('reassign', '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'c1-rb.json'));
    assert.equal(ex.code, 0, ex.stdout);
    await waitFor('p1 done, p0 in flight', async () => {
      const v = await ktool('reassign', '--verify', '--reassignment-json-file', plan);
      return /\[c1,0\] is still in progress/.test(v.stdout) && /\[c1,1\] completed successfully/.test(v.stdout);
    }, 20_000);
    const cancel = await ktool('reassign', '--cancel', '--reassignment-json-file', plan);
    assert.equal(cancel.code, 0, cancel.stdout);
    assert.equal(cancel.stdout, 'Successfully cancelled reassignment of partitions Set([c1,0]): their original replicas are being restored\n');
    await waitFor('cancel finished', async () => !(await c.zk.exists(P.REASSIGN_PARTITIONS)), 20_000);
    resume(x);
    assert.deepEqual(await replicasOf('c1'), [`0:${ctl},${y}`, `1:${ctl},${y}`]);
    const rb = await ktool('reassign', '--verify', '--reassignment-json-file', join(dir, 'c1-rb.json'));
    assert.match(rb.stdout, /\[c1,0\] completed successfully/);
  });

  test('preferred-replica-election --wait moves leadership to the preferred replica', async () => {
    const [a, b] = [1, 2];
    assert.equal((await ktool('topics', '--create', '--topic', 'pe', '--replica-assignment', `${a}:${b}`)).code, 0);
    await allLed('pe', 1);
    const state = async (): Promise<string> => (await ktool('topics', '--describe', '--topic', 'pe')).stdout;
    assert.match(await state(), new RegExp(`Leader: ${a}\t`));
    // Reordering the replicas keeps the live leader (Kafka D.6), so b becomes preferred but not leader.
    writeFileSync(join(dir, 'pe-swap.json'), JSON.stringify({ version: 1, partitions: [{ topic: 'pe', partition: 0, replicas: [b, a] }] }));
    const swap = await ktool('reassign', '--execute', '--reassignment-json-file', join(dir, 'pe-swap.json'), '--rollback-file', join(dir, 'pe-rb.json'), '--wait', '--timeout', '20');
    assert.equal(swap.code, 0, swap.stdout + swap.stderr);
    assert.match(await state(), new RegExp(`Leader: ${a}\tReplicas: ${b},${a}\t`));
    writeFileSync(join(dir, 'pe.json'), '{"partitions":[{"topic":"pe","partition":0}]}');
    const r = await ktool('preferred-replica-election', '--path-to-json-file', join(dir, 'pe.json'), '--wait', '--timeout', '20');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, 'Successfully started preferred replica election for partitions Set([pe,0])\nThe preferred replica leads all 1 partition\n');
    assert.match(await state(), new RegExp(`Partition: 0\tLeader: ${b}\t`));
    assert.equal(await c.zk.exists(P.PREFERRED_REPLICA_ELECTION), null);
  });

  test('kill -9 of the controller during --execute --wait: the reassignment still completes', async () => {
    await waitFor('all brokers registered', async () => (await c.zk.childrenOrEmpty(P.BROKER_IDS)).length === 3, 20_000);
    const ctl = await controllerId();
    const [y, x] = [1, 2, 3].filter((id) => id !== ctl) as [number, number];
    assert.equal((await ktool('topics', '--create', '--topic', 'c2', '--replica-assignment', `${ctl}:${y},${y}:${ctl}`)).code, 0);
    await allLed('c2', 2);
    const plan = join(dir, 'c2.json');
    writeFileSync(plan, JSON.stringify({ version: 1, partitions: [{ topic: 'c2', partition: 0, replicas: [y, x] }, { topic: 'c2', partition: 1, replicas: [x, y] }] }));
    pause(x);
    const run = ktool('reassign', '--execute', '--reassignment-json-file', plan, '--rollback-file', join(dir, 'c2-rb.json'), '--wait', '--timeout', '40');
    await waitFor('reassignment started', async () => (await replicasOf('c2')).some((r) => r.split(',').length > 2), 20_000);
    await daemons.find((d) => d.id === ctl)!.kill('SIGKILL');
    resume(x);
    const r = await run;
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Reassignment of partition \[c2,0\] completed successfully\nReassignment of partition \[c2,1\] completed successfully\n$/);
    assert.notEqual(await controllerId(), ctl);
    assert.deepEqual(await replicasOf('c2'), [`0:${y},${x}`, `1:${x},${y}`]);
  });
});
