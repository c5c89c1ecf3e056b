// Every template of kafka-versions-dialects.md §2.2, §2.5, §2.7, §3.3 and §4, per release line:
// the exact text each line's ZooKeeper-mode tool prints (3.x clusters get 2.8's).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_LINES, versionOfLine } from '../../src/kafka/version.js';
import { ALL_DIALECTS, dialectFor, javaHashMapOrder, type Dialect, type VerifyLine } from '../../src/kafka/dialects/index.js';

const D = (name: string): Dialect => {
  const d = ALL_DIALECTS.find((x) => x.name === name);
  if (!d) throw new Error(`no dialect ${name}`);
  return d;
};
const NAMES = ['0.9.0', '0.10.0', '0.10.1', '0.10.2', '0.11.0', '1.0', '1.1', '2.2', '2.3', '2.4', '2.6', '2.7', '2.8'];
const idx = (n: string): number => NAMES.indexOf(n);
const from = (d: Dialect, n: string): boolean => idx(d.name) >= idx(n);

describe('dialect-templates: which dialect each release line speaks', () => {
  it('every line 0.9–3.9 maps to its line group; 3.x speaks 2.8', () => {
    const want: Record<string, string> = {
      '0.9.0': '0.9.0', '0.10.0': '0.10.0', '0.10.1': '0.10.1', '0.10.2': '0.10.2', '0.11.0': '0.11.0', '1.0': '1.0', '1.1': '1.1',
      '2.0': '1.1', '2.1': '1.1', '2.2': '2.2', '2.3': '2.3', '2.4': '2.4', '2.5': '2.4', '2.6': '2.6', '2.7': '2.7', '2.8': '2.8',
    };
    for (const l of SUPPORTED_LINES) assert.equal(dialectFor(versionOfLine(l)).name, want[l] ?? '2.8', l);
    assert.deepEqual(ALL_DIALECTS.map((d) => d.name), NAMES);
  });
});

const header = { topic: 't', topicId: 'gT--DNcFR22S35kUqa7LPw', partitionCount: 2, replicationFactor: 3, configs: new Map([['segment.bytes', '1000'], ['cleanup.policy', 'compact']]), markedForDeletion: false };
const part = { topic: 't', partition: 1, leader: 2, replicas: [2, 3, 1], isr: [2, 3], markedForDeletion: false, headerSuppressed: false };

describe('dialect-templates: §2.2 describe', () => {
  for (const name of NAMES) {
    const d = D(name);
    it(`${name}: header and partition lines`, () => {
      const spaced = from(d, '2.4');
      // Configs: sorted up to 2.3 (ktool's stand-in for Properties order), HashMap order from 2.4.
      const cfg = spaced ? javaHashMapOrder(['cleanup.policy', 'segment.bytes']).map((k) => `${k}=${header.configs.get(k)}`).join(',') : 'cleanup.policy=compact,segment.bytes=1000';
      const id = from(d, '2.8') ? '\tTopicId: gT--DNcFR22S35kUqa7LPw' : '';
      const h = spaced ? `Topic: t${id}\tPartitionCount: 2\tReplicationFactor: 3\tConfigs: ${cfg}` : `Topic:t\tPartitionCount:2\tReplicationFactor:3\tConfigs:${cfg}`;
      assert.equal(d.describeHeader(header), h);
      const marked = from(d, '2.4') ? '\tMarkedForDeletion: true' : from(d, '0.11.0') ? '\tMarkedForDeletion:true' : '';
      assert.equal(d.describeHeader({ ...header, markedForDeletion: true }), h + marked);
      // An all-zero id is never printed.
      if (from(d, '2.8')) assert.equal(d.describeHeader({ ...header, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }), h.replace(id, ''));
      assert.equal(d.describeHeader({ ...header, topicId: undefined }), h.replace(id, ''));

      const line = '\tTopic: t\tPartition: 1\tLeader: 2\tReplicas: 2,3,1\tIsr: 2,3';
      assert.equal(d.describePartition(part), line);
      assert.equal(d.describePartition({ ...part, leader: -1 }), line.replace('Leader: 2', from(d, '2.4') ? 'Leader: none' : 'Leader: -1'));
      assert.equal(d.describePartition({ ...part, leader: null, isr: [] }), '\tTopic: t\tPartition: 1\tLeader: none\tReplicas: 2,3,1\tIsr: ');
      const markedShown = d.describePartition({ ...part, markedForDeletion: true });
      const markedFiltered = d.describePartition({ ...part, markedForDeletion: true, headerSuppressed: true });
      if (from(d, '2.4')) {
        assert.equal(markedShown, line + '\tMarkedForDeletion: true');
        assert.equal(markedFiltered, line + '\tMarkedForDeletion: true');
      } else if (from(d, '0.11.0')) {
        assert.equal(markedShown, line);
        assert.equal(markedFiltered, line + '\tMarkedForDeletion: true');
      } else {
        assert.equal(markedShown, line);
        assert.equal(markedFiltered, line);
      }
      assert.equal(d.describeNothingMatched('nope'), from(d, '2.3') ? "Topic 'nope' does not exist as expected" : null);
    });
  }
  it("Java HashMap order matches the JDK (the spec's examples, initial capacity n)", () => {
    assert.deepEqual(javaHashMapOrder(['topic-a', 'topic-b', 'topic-c'], 3), ['topic-b', 'topic-c', 'topic-a']);
    const seven = ['auto1', 'cfg1', 'manual1', 'my.topic', 'ra9', 'single2', 'under_score'];
    assert.deepEqual(javaHashMapOrder(seven, 7), ['single2', 'cfg1', 'under_score', 'manual1', 'my.topic', 'ra9', 'auto1']);
  });
});

describe('dialect-templates: §2.5 list and §2.7 messages', () => {
  for (const name of NAMES) {
    const d = D(name);
    it(`${name}: list, create, exists, updated, not found`, () => {
      assert.equal(d.listLine('a', false), 'a');
      assert.equal(d.listLine('a', true), 'a - marked for deletion');
      assert.equal(d.createdTopic('t'), from(d, '2.2') ? 'Created topic t.' : 'Created topic "t".');
      assert.equal(d.updatedConfig('t'), from(d, '2.2') ? 'Updated config for topic t.' : 'Updated config for topic "t".');
      assert.equal(d.topicExists('t'), from(d, '0.10.2') ? "Topic 't' already exists." : 'Topic "t" already exists.');
      const nf = from(d, '2.3') ? "Topic 'x.*' does not exist as expected" : from(d, '2.2') ? 'Topics in [] does not exist' : 'Topic x.* does not exist on ZK path h:2181/k';
      assert.equal(d.topicNotFound('x.*', 'h:2181/k'), nf);
    });
  }
});

const cur = [{ topic: 'b', partition: 0, replicas: [1, 2] }, { topic: 'a', partition: 1, replicas: [2] }, { topic: 'a', partition: 0, replicas: [1] }];
const prop = [{ topic: 'a', partition: 0, replicas: [3] }];
const plain = (l: typeof cur): string => JSON.stringify({ version: 1, partitions: l });
const withDirs = (l: typeof cur): string => JSON.stringify({ version: 1, partitions: l.map((r) => ({ ...r, log_dirs: r.replicas.map(() => 'any') })) });
const sorted = (l: typeof cur): typeof cur => [...l].sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition));

describe('dialect-templates: §3.3 reassign', () => {
  for (const name of NAMES) {
    const d = D(name);
    it(`${name}: generate, rollback, throttle, started, existing`, () => {
      const json = (l: typeof cur): string => (from(d, '2.6') ? withDirs(sorted(l)) : from(d, '1.0') ? withDirs(l) : plain(l));
      const gen = from(d, '0.10.2')
        ? `Current partition replica assignment\n${json(cur)}\n\nProposed partition reassignment configuration\n${json(prop)}\n`
        : `Current partition replica assignment\n\n${json(cur)}\nProposed partition reassignment configuration\n\n${json(prop)}\n`;
      assert.equal(d.generate(cur, prop), gen);
      const shown = from(d, '2.6') ? [cur[2]!] : cur;
      assert.equal(d.rollbackBlock(cur, prop), `Current partition replica assignment\n\n${json(shown)}\n\nSave this to use as the --reassignment-json-file option during rollback\n`);
      assert.equal(
        d.throttleWarning,
        from(d, '2.6')
          ? 'Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.'
          : 'Warning: You must run Verify periodically, until the reassignment completes, to ensure the throttle is removed. You can also alter the throttle by rerunning the Execute command passing a new value.',
      );
      assert.equal(d.throttleLimit(7), from(d, '1.1') ? 'The inter-broker throttle limit was set to 7 B/s' : 'The throttle limit was set to 7 B/s');
      const started = from(d, '2.6')
        ? ['Successfully started partition reassignment for a-0', 'Successfully started partition reassignments for a-0,a-1,b-0']
        : from(d, '0.10.1')
          ? ['Successfully started reassignment of partitions.', 'Successfully started reassignment of partitions.']
          : [`Successfully started reassignment of partitions ${json(prop)}`, `Successfully started reassignment of partitions ${json(cur)}`];
      assert.deepEqual([d.executeStarted(prop), d.executeStarted(cur)], started);
      const existing = from(d, '2.7')
        ? 'Cannot execute because there is an existing partition assignment.  Use --additional to override this and create a new partition assignment in addition to the existing one. The --additional flag can also be used to change the throttle by resubmitting the current reassignment.'
        : from(d, '2.6')
          ? 'Cannot execute because there is an existing partition assignment.  Use --additional to override this and create a new partition assignment in addition to the existing one.'
          : from(d, '0.10.1')
            ? 'There is an existing assignment running.'
            : 'Partition reassignment currently in progress for MAP. Aborting operation';
      assert.equal(d.existingReassignment(prop, 'MAP'), existing);
      assert.equal(d.reassignErrorPrefix, from(d, '2.6') ? '' : 'Partitions reassignment failed due to ');
      assert.equal(d.partitionText({ topic: 't', partition: 0 }), from(d, '1.1') ? 't-0' : '[t,0]');
    });
    it(`${name}: verify`, () => {
      const entries: VerifyLine[] = [
        { topic: 'b', partition: 0, replicas: [1, 3], assigned: [1, 2], status: 'failed' },
        { topic: 'a', partition: 1, replicas: [2], assigned: [2], status: 'completed' },
        { topic: 'a', partition: 0, replicas: [3], assigned: [1, 3], status: 'in_progress' },
      ];
      const scope = { brokers: [1, 2, 3], topics: ['a', 'b'] };
      const got = d.verify(entries, { throttleRemoved: true, scope });
      if (from(d, '2.6')) {
        assert.equal(
          got,
          'Status of partition reassignment:\nReassignment of partition a-0 is still in progress.\nReassignment of partition a-1 is complete.\n' +
            'There is no active reassignment of partition b-0, but replica set is 1,2 rather than 1,3.\n',
        );
        const done = entries.filter((e) => e.status !== 'in_progress');
        assert.equal(
          d.verify(done, { throttleRemoved: false, scope: { brokers: [1], topics: ['a', 'b'] } }),
          'Status of partition reassignment:\nReassignment of partition a-1 is complete.\nThere is no active reassignment of partition b-0, but replica set is 1,2 rather than 1,3.\n' +
            'Clearing broker-level throttles on broker 1\nClearing topic-level throttles on topics a,b\n',
        );
        assert.match(d.verify(done, { throttleRemoved: false, scope }), /on brokers 1,2,3\nClearing topic-level throttles on topics a,b\n$/);
      } else {
        const tp = (t: string, p: number): string => (from(d, '1.1') ? `${t}-${p}` : `[${t},${p}]`);
        const head = from(d, '0.10.1') ? 'Status of partition reassignment: ' : 'Status of partition reassignment:';
        assert.equal(
          got,
          `${head}\nERROR: Assigned replicas (1,2) don't match the list of replicas for reassignment (1,3) for partition ${tp('b', 0)}\n` +
            `Reassignment of partition ${tp('b', 0)} failed\nReassignment of partition ${tp('a', 1)} completed successfully\n` +
            `Reassignment of partition ${tp('a', 0)} is still in progress\nThrottle was removed.\n`,
        );
        assert.doesNotMatch(d.verify(entries, { throttleRemoved: false }), /Throttle was removed/);
      }
    });
  }
});

describe('dialect-templates: §4 preferred replica election', () => {
  const batch = [{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }];
  const json = '{"version":1,"partitions":[{"topic":"t","partition":0},{"topic":"t","partition":1}]}';
  for (const name of NAMES) {
    const d = D(name);
    it(`${name}: started`, () => {
      const want = from(d, '1.1')
        ? 'Created preferred replica election path with t-0,t-1\nSuccessfully started preferred replica election for partitions Set(t-0, t-1)'
        : from(d, '0.10.2')
          ? `Created preferred replica election path with ${json}\nSuccessfully started preferred replica election for partitions Set([t,0], [t,1])`
          : 'Successfully started preferred replica election for partitions Set([t,0], [t,1])';
      assert.equal(d.electionStarted(batch, json), want);
    });
  }
});
