// The bad-input suite: hundreds of wrong flags, numbers, names, files, broker lists, regexes,
// configs and connection strings fed to every command as separate processes. Each must end with
// exit 2 (usage) or 1 (runtime), a message naming the flag, field or value, and no stack trace;
// and the ZooKeeper tree must be byte-identical before and after the whole suite.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZkClient } from '../../src/zk/client.js';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { registerBrokers, snapshotTree } from '../helpers/cluster.js';
import { runKtool, type RunResult } from '../helpers/ktool.js';
import { inParallel, STACK_TRACE } from '../helpers/parallel.js';

interface Case {
  /** What the case feeds in, for the failure message. */
  name: string;
  args: string[];
  code: 1 | 2;
  /** Text the output must contain: the flag, field or value at fault. */
  names: string | RegExp;
  env?: Record<string, string | undefined>;
  /** Text that must NOT appear anywhere in the output (secrets). */
  secret?: string;
}

const BAD_CONNECTION_STRINGS = [
  '127.0.0.1:99999',
  'host:notaport',
  'h:0',
  'h:-1',
  'h:65536',
  'h:0x50',
  'h:2181.5',
  'h:1e3',
  'h:',
  ':2181',
  'h:2181,,h2:2181',
  ',h:2181',
  'h:2181,',
  'h:2181/a//b',
  'h:2181/a/',
  'h:2181/./x',
  'h:2181/a/..',
  '[::1]:2181',
  'bad host:2181',
  'h..x:2181',
  'ħost:2181',
  '-h:2181',
  'h:2181/zoo\u0001',
  '256.1.1.1:2181',
  'h:2181:2182',
  ' ',
];

describe('bad input: every command refuses cleanly and ZooKeeper stays unchanged', () => {
  let server: ZkServer;
  let zk: ZkClient;
  let dir: string;
  let connect: string;
  const cases: Case[] = [];
  const f = (name: string, content: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  before(async () => {
    server = await startZooKeeper();
    connect = server.connect + '/bad';
    const root = await ZkClient.connect(server.connect);
    await root.mkdirp('/bad');
    await root.close();
    zk = await ZkClient.connect(connect);
    await registerBrokers(zk, [1, 2, 3]);
    dir = mkdtempSync(join(tmpdir(), 'ktool-bad-'));
    for (const [t, p] of [
      ['exists', '3'],
      ['other', '2'],
      ['dot.topic', '1'],
    ] as const) {
      const r = await runKtool(['topics', '--create', '--topic', t, '--partitions', p, '--replication-factor', '2', '--zookeeper', connect]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
    }
  });

  after(async () => {
    await zk?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function buildCases(): void {
    const Z = ['--zookeeper', connect];
    const add = (name: string, args: string[], code: 1 | 2, names: string | RegExp, extra: Partial<Case> = {}): void => {
      cases.push({ name, args, code, names, ...extra });
    };

    // --- Files shared by the file-reading commands --------------------------------------------
    const files = {
      truncated: f('truncated.json', '{"version":1,"partitions":[{"topic":"exists","partition":0,'),
      empty: f('empty.json', ''),
      nullJson: f('null.json', 'null'),
      notUtf8: f('latin1.json', Buffer.from('{"version":1,"partitions":[{"topic":"caf\xe9","partition":0,"replicas":[1]}]}', 'latin1')),
      huge: join(dir, 'huge.json'),
      directory: join(dir, 'a-directory'),
      missing: join(dir, 'missing.json'),
      underFile: join(dir, 'empty.json', 'child.json'),
      fifo: join(dir, 'a-fifo'),
      dangling: join(dir, 'dangling.json'),
    };
    mkdirSync(files.directory);
    execFileSync('mkfifo', [files.fifo]);
    execFileSync('ln', ['-s', join(dir, 'nowhere'), files.dangling]);
    // 50 MB of otherwise valid JSON: refused by size, never parsed.
    const big = '{"version":1,"partitions":[' + Array.from({ length: 700_000 }, (_, i) => `{"topic":"exists","partition":${i % 3},"replicas":[1,2]}`).join(',') + ']}';
    writeFileSync(files.huge, big.padEnd(50 * 1024 * 1024, ' '));
    const fileProblems: Array<[string, string, RegExp]> = [
      ['truncated JSON', files.truncated, /not valid JSON/],
      ['empty file', files.empty, /not valid JSON|empty/],
      ['not UTF-8', files.notUtf8, /UTF-8/],
      ['50 MB', files.huge, /limited to 16 MB/],
      ['a directory', files.directory, /is a directory/],
      ['missing', files.missing, /No such file/],
      ['path under a file', files.underFile, /not a directory/],
      ['a FIFO', files.fifo, /not a regular file/],
      ['dangling symlink', files.dangling, /No such file/],
    ];

    // --- Connection strings: every command, flag and environment ------------------------------
    // Node start-up dominates the suite's time: every string through one command, a sample through the others.
    BAD_CONNECTION_STRINGS.forEach((cs, i) => {
      const quoted = `"${cs}"`;
      add(`topics --list --zookeeper ${JSON.stringify(cs)}`, ['topics', '--list', '--zookeeper', cs], 2, quoted);
      if (i % 3 === 0) add(`preferred-replica-election --zookeeper ${JSON.stringify(cs)}`, ['preferred-replica-election', '--zookeeper', cs], 2, quoted);
    });
    for (const cs of ['h:99999', 'h:2181/a//b', 'h:abc']) {
      add(`reassign --verify --zookeeper ${cs}`, ['reassign', '--verify', '--reassignment-json-file', files.missing, '--zookeeper', cs], 2, `"${cs}"`);
      add(`KTOOL_ZOOKEEPER=${cs} topics --describe`, ['topics', '--describe'], 2, `KTOOL_ZOOKEEPER "${cs}"`, { env: { KTOOL_ZOOKEEPER: cs } });
      add(`broker start --zookeeper ${cs}`, ['broker', 'start', '--broker-id', '7', '--zookeeper', cs], 2, `"${cs}"`);
      add(`broker start zookeeper.connect=${cs}`, ['broker', 'start', '--broker-id', '7', '--override', `zookeeper.connect=${cs}`], 2, `zookeeper.connect`);
      add(`topics --create --zookeeper ${cs}`, ['topics', '--create', '--topic', 'fresh', '--partitions', '1', '--replication-factor', '1', '--zookeeper', cs], 2, `"${cs}"`);
    }
    // Credentials in a connection string: refused, and the password never printed back.
    for (const [cmd, args] of [
      ['topics --list', ['topics', '--list']],
      ['topics --list --json', ['topics', '--list', '--json']],
      ['preferred-replica-election', ['preferred-replica-election']],
    ] as const) {
      add(`${cmd} with user:password@ in --zookeeper`, [...args, '--zookeeper', `admin:hunter22secret@127.0.0.1:${server.port}`], 2, /must not carry credentials/, { secret: 'hunter22secret' });
    }
    add('KTOOL_ZK_AUTH without a colon', ['topics', '--list', ...Z], 2, 'KTOOL_ZK_AUTH', { env: { KTOOL_ZK_AUTH: 'justapassword' }, secret: 'justapassword' });
    add('KTOOL_ZK_AUTH with an empty password', ['topics', '--list', ...Z], 2, 'KTOOL_ZK_AUTH', { env: { KTOOL_ZK_AUTH: 'user:' } });
    add('KTOOL_ZK_CONNECT_TIMEOUT_MS=abc', ['topics', '--list', ...Z], 2, 'KTOOL_ZK_CONNECT_TIMEOUT_MS', { env: { KTOOL_ZK_CONNECT_TIMEOUT_MS: 'abc' } });
    add('KTOOL_ZK_CONNECT_TIMEOUT_MS=-5', ['topics', '--list', ...Z], 2, 'KTOOL_ZK_CONNECT_TIMEOUT_MS', { env: { KTOOL_ZK_CONNECT_TIMEOUT_MS: '-5' } });

    // --- topics: numbers ----------------------------------------------------------------------
    // Kafka's own range checks are runtime errors (exit 1, its message); unparsable numbers are usage errors.
    const badInts = ['-1', '0', 'abc', '1.5', '0x10', '99999999999999999999', '', '٣'];
    for (const v of badInts) {
      const code = v === '-1' || v === '0' ? 1 : 2;
      add(`create --partitions ${JSON.stringify(v)}`, ['topics', '--create', '--topic', 'fresh', '--partitions', v, '--replication-factor', '1', ...Z], code, /partitions/);
      add(`create --replication-factor ${JSON.stringify(v)}`, ['topics', '--create', '--topic', 'fresh', '--partitions', '1', '--replication-factor', v, ...Z], code, /replication.factor/);
    }
    for (const v of ['-1', 'abc', '0x4', '1.5', '99999999999']) {
      add(`alter --partitions ${v}`, ['topics', '--alter', '--topic', 'exists', '--partitions', v, ...Z], v === '-1' ? 1 : 2, /partitions/);
    }
    add('alter --partitions 2 (a decrease)', ['topics', '--alter', '--topic', 'exists', '--partitions', '2', ...Z], 1, /partitions/);
    add('alter --partitions 3 (no change)', ['topics', '--alter', '--topic', 'exists', '--partitions', '3', ...Z], 1, /partitions/);
    add('create --replication-factor 4 (more than brokers)', ['topics', '--create', '--topic', 'fresh', '--partitions', '1', '--replication-factor', '4', ...Z], 1, /replication factor: 4/);
    add('create --partitions 2000000', ['topics', '--create', '--topic', 'fresh', '--partitions', '2000000', '--replication-factor', '1', ...Z], 2, /2000000/);

    // --- topics: names --------------------------------------------------------------------------
    const badNames = ['tópico', 'a'.repeat(250), '..', '.', 'a/b', 'a b', 'ab*', '\u{1F600}', 'x\ty', 'ümlaut.topic'];
    for (const name of badNames) {
      add(`create --topic ${JSON.stringify(name.length > 20 ? name.slice(0, 10) + '…' : name)}`, ['topics', '--create', '--topic', name, '--partitions', '1', '--replication-factor', '1', ...Z], 1, name.length > 200 ? /longer than 249 characters/ : name === '.' || name === '..' ? 'topic name cannot be "." or ".."' : `topic name ${name} is illegal`);
    }
    add('create --topic "" (empty)', ['topics', '--create', '--topic', '', '--partitions', '1', '--replication-factor', '1', ...Z], 1, /can't be empty/);
    add('create an existing topic', ['topics', '--create', '--topic', 'exists', '--partitions', '1', '--replication-factor', '1', ...Z], 1, /"exists" already exists/);
    add('create a name colliding with a dot/underscore twin', ['topics', '--create', '--topic', 'dot_topic', '--partitions', '1', '--replication-factor', '1', ...Z], 1, /dot_topic/);

    // --- topics: regexes and missing topics -----------------------------------------------------
    for (const re of ['(', '[a-', '(?<x', '\\']) add(`list --topic ${re}`, ['topics', '--list', '--topic', re, ...Z], 1, `${re} is an invalid regex`);
    add('delete --topic (invalid regex)', ['topics', '--delete', '--topic', '*', ...Z], 1, '* is an invalid regex');
    add('describe --topic (invalid regex)', ['topics', '--describe', '--topic', '(', ...Z], 1, '( is an invalid regex');
    add('alter --topic (invalid regex)', ['topics', '--alter', '--topic', '[z', '--partitions', '9', ...Z], 1, '[z is an invalid regex');
    add('alter a topic that does not exist', ['topics', '--alter', '--topic', 'nosuch', '--partitions', '9', ...Z], 1, 'nosuch');
    add('delete a topic that does not exist', ['topics', '--delete', '--topic', 'nosuch', ...Z], 1, 'nosuch');
    add('alter --config on a topic that does not exist', ['topics', '--alter', '--topic', 'nosuch.*', '--config', 'retention.ms=1', ...Z], 1, 'nosuch');

    // --- topics: configs --------------------------------------------------------------------------
    const badConfigs: Array<[string, RegExp]> = [
      ['foo=bar', /foo/],
      ['retention.ms=abc', /retention\.ms/],
      ['retention.ms=1.5', /retention\.ms/],
      ['retention.ms=0x10', /retention\.ms/],
      ['retention.ms=99999999999999999999999', /retention\.ms/],
      ['cleanup.policy=bogus', /cleanup\.policy/],
      // Kafka's own message (kept byte for byte) names the format rather than the value.
      ['noequals', /configs to be added must be in the format "key=val"/],
      ['=value', /=value|config/],
      ['min.insync.replicas=0', /min\.insync\.replicas/],
      ['compression.type=zip', /compression\.type/],
      ['unclean.leader.election.enable=maybe', /unclean\.leader\.election\.enable/],
      ['segment.bytes=-1', /segment\.bytes/],
      ['min.cleanable.dirty.ratio=2', /min\.cleanable\.dirty\.ratio/],
      ['message.timestamp.type=Now', /message\.timestamp\.type|message\.timestamp/],
    ];
    badConfigs.forEach(([c, re], i) => {
      if (i % 3 !== 2) add(`create --config ${c}`, ['topics', '--create', '--topic', 'fresh', '--partitions', '1', '--replication-factor', '1', '--config', c, ...Z], 1, re);
      if (i % 3 !== 0) add(`alter --config ${c}`, ['topics', '--alter', '--topic', 'exists', '--config', c, ...Z], 1, re);
    });
    add('alter --delete-config of an unknown name', ['topics', '--alter', '--topic', 'exists', '--delete-config', 'nosuch.config', ...Z], 1, 'nosuch.config');
    add('alter --delete-config ""', ['topics', '--alter', '--topic', 'exists', '--delete-config', '', ...Z], 1, /config/);

    // --- topics: replica assignments (broker lists) ----------------------------------------------
    const badAssign: Array<[string, 1 | 2, RegExp]> = [
      ['1:1', 1, /duplicate entries: 1/],
      ['1:x', 2, /x/],
      ['1:99', 1, /99/],
      ['', 2, /replica-assignment|assignment/],
      [':', 2, /assignment|:/],
      ['1,2:3', 1, /different replication factor/],
      ['1:2,,3:1', 2, /assignment|partition|empty/],
      ['-1:2', 1, /broker -1/],
      ['0x1:2', 2, /0x1/],
      ['1.5:2', 2, /1\.5/],
    ];
    for (const [a, code, re] of badAssign) {
      add(`create --replica-assignment ${JSON.stringify(a)}`, ['topics', '--create', '--topic', 'fresh', '--replica-assignment', a, ...Z], code, re);
    }
    add('alter --replica-assignment without --partitions', ['topics', '--alter', '--topic', 'exists', '--replica-assignment', '1:2,2:3,3:1,1:2', ...Z], 2, /partitions/);

    // --- topics: flag combinations ------------------------------------------------------------------
    add('no action', ['topics', ...Z], 2, /action/);
    add('two actions', ['topics', '--list', '--describe', ...Z], 2, /action/);
    add('unknown flag', ['topics', '--list', '--bogus', ...Z], 2, /bogus/);
    add('prefix abbreviation', ['topics', '--list', '--zoo', connect], 2, /zoo/);
    add('--delete --partitions', ['topics', '--delete', '--topic', 'exists', '--partitions', '3', ...Z], 2, /partitions/);
    add('--create without --topic', ['topics', '--create', '--partitions', '1', '--replication-factor', '1', ...Z], 2, /topic/);
    add('--alter without --topic', ['topics', '--alter', '--partitions', '5', ...Z], 2, /topic/);
    add('--create --if-exists', ['topics', '--create', '--topic', 'fresh', '--partitions', '1', '--replication-factor', '1', '--if-exists', ...Z], 2, /if-exists/);
    add('--create --from-file with --topic', ['topics', '--create', '--from-file', files.missing, '--topic', 'x', ...Z], 2, /from-file|topic/);
    add('--list --under-replicated-partitions', ['topics', '--list', '--under-replicated-partitions', ...Z], 2, /under-replicated-partitions/);
    add('--describe with two report flags', ['topics', '--describe', '--under-replicated-partitions', '--unavailable-partitions', ...Z], 2, /unavailable-partitions|under-replicated-partitions/);
    add('--create --partitions without --replication-factor', ['topics', '--create', '--topic', 'fresh', '--partitions', '1', ...Z], 2, /replication-factor/);
    add('--topic given twice', ['topics', '--list', '--topic', 'a', '--topic', 'b', ...Z], 2, /topic/);
    add('a flag without its value', ['topics', '--create', '--topic', 'fresh', '--partitions', ...Z.slice(0, 0)], 2, /partitions/);

    // --- topics --create --from-file ------------------------------------------------------------------
    for (const [what, path, re] of fileProblems) add(`--from-file ${what}`, ['topics', '--create', '--from-file', path, ...Z], 2, re);
    const fromFile: Array<[string, string, 1 | 2, RegExp]> = [
      ['duplicate keys', '{"version":1,"topics":[{"topic":"n1","partitions":1,"partitions":2,"replication_factor":1}]}', 2, /duplicate key "partitions" in topics\[0\]/],
      ['duplicate top-level key', '{"version":1,"version":1,"topics":[]}', 2, /duplicate key "version"/],
      ['partitions as a string', '{"version":1,"topics":[{"topic":"n1","partitions":"3","replication_factor":1}]}', 2, /partitions/],
      ['topics not an array', '{"version":1,"topics":{"topic":"n1"}}', 2, /topics/],
      ['version 2', '{"version":2,"topics":[{"topic":"n1","partitions":1,"replication_factor":1}]}', 2, /version/],
      ['negative replication_factor', '{"version":1,"topics":[{"topic":"n1","partitions":1,"replication_factor":-1}]}', 2, /replication_factor/],
      ['fractional partitions', '{"version":1,"topics":[{"topic":"n1","partitions":1.5,"replication_factor":1}]}', 2, /partitions/],
      ['configs with an object value', '{"version":1,"topics":[{"topic":"n1","partitions":1,"replication_factor":1,"configs":{"retention.ms":{}}}]}', 2, /configs|retention\.ms/],
      ['unknown config', '{"version":1,"topics":[{"topic":"n1","partitions":1,"replication_factor":1,"configs":{"bogus.key":"1"}}]}', 2, /bogus\.key/],
      ['replica_assignment with a bad key', '{"version":1,"topics":[{"topic":"n1","replica_assignment":{"x":[1]}}]}', 2, /replica_assignment|"x"|x/],
      ['unregistered broker', '{"version":1,"topics":[{"topic":"n1","replica_assignment":{"0":[1,42]}}]}', 1, /broker 42/],
      ['bad topic name', '{"version":1,"topics":[{"topic":"bad name","partitions":1,"replication_factor":1}]}', 1, /topic name bad name is illegal/],
      ['topic listed twice', '{"version":1,"topics":[{"topic":"n1","partitions":1,"replication_factor":1},{"topic":"n1","partitions":1,"replication_factor":1}]}', 2, /n1/],
      ['an existing topic', '{"version":1,"topics":[{"topic":"n1","partitions":1,"replication_factor":1},{"topic":"exists","partitions":1,"replication_factor":1}]}', 1, /exists/],
      ['null', 'null', 2, /from-file/],
      ['an array', '[]', 2, /from-file/],
      ['unknown field', '{"version":1,"topics":[{"topic":"n1","partitions":1,"replication_factor":1,"partitons":3}]}', 2, /partitons/],
      ['missing partitions', '{"version":1,"topics":[{"topic":"n1","replication_factor":1}]}', 2, /partitions/],
    ];
    fromFile.forEach(([what, content, code, re], i) => add(`--from-file ${what}`, ['topics', '--create', '--from-file', f(`topics-${i}.json`, content), ...Z], code, re));

    // --- reassign -------------------------------------------------------------------------------------
    fileProblems.forEach(([what, path, re], i) => {
      add(`reassign --execute file ${what}`, ['reassign', '--execute', '--reassignment-json-file', path, ...Z], 1, re);
      if (i % 3 === 0) add(`reassign --generate topics file ${what}`, ['reassign', '--generate', '--topics-to-move-json-file', path, '--broker-list', '1,2', ...Z], 1, re);
    });
    add('preferred-replica-election file not UTF-8', ['preferred-replica-election', '--path-to-json-file', files.notUtf8, ...Z], 1, /UTF-8/);
    add('reassign --verify file a directory', ['reassign', '--verify', '--reassignment-json-file', files.directory, ...Z], 1, /is a directory/);
    const plans: Array<[string, string, 1 | 2, RegExp]> = [
      ['duplicate keys', '{"version":1,"partitions":[{"topic":"exists","partition":0,"partition":1,"replicas":[1,2]}]}', 1, /duplicate key "partition" in partitions\[0\]/],
      ['partition as a string', '{"version":1,"partitions":[{"topic":"exists","partition":"0","replicas":[1,2]}]}', 1, /partition/],
      ['replicas as a string', '{"version":1,"partitions":[{"topic":"exists","partition":0,"replicas":"1,2"}]}', 1, /replicas/],
      ['empty replicas', '{"version":1,"partitions":[{"topic":"exists","partition":0,"replicas":[]}]}', 1, /replica/],
      ['duplicate partitions', '{"version":1,"partitions":[{"topic":"exists","partition":0,"replicas":[1,2]},{"topic":"exists","partition":0,"replicas":[2,3]}]}', 1, /duplicate topic partitions: \[exists,0\]/],
      ['duplicate replicas', '{"version":1,"partitions":[{"topic":"exists","partition":0,"replicas":[1,1]}]}', 1, /multiple entries for 1/],
      ['unknown topic', '{"version":1,"partitions":[{"topic":"nosuch","partition":0,"replicas":[1,2]}]}', 1, /nosuch/],
      ['unknown partition', '{"version":1,"partitions":[{"topic":"exists","partition":7,"replicas":[1,2]}]}', 1, /exists,7|7/],
      ['unregistered broker', '{"version":1,"partitions":[{"topic":"exists","partition":0,"replicas":[1,42]}]}', 1, /42/],
      ['negative partition', '{"version":1,"partitions":[{"topic":"exists","partition":-1,"replicas":[1,2]}]}', 1, /partition/],
      ['no partitions', '{"version":1,"partitions":[]}', 1, /empty/],
      ['huge broker id', '{"version":1,"partitions":[{"topic":"exists","partition":0,"replicas":[1,99999999999]}]}', 1, /99999999999|replicas/],
      ['fractional replica', '{"version":1,"partitions":[{"topic":"exists","partition":0,"replicas":[1,2.5]}]}', 1, /replicas/],
    ];
    plans.forEach(([what, content, code, re], i) => add(`reassign --execute plan ${what}`, ['reassign', '--execute', '--reassignment-json-file', f(`plan-${i}.json`, content), ...Z], code, re));
    const goodPlan = f('good-plan.json', '{"version":1,"partitions":[{"topic":"exists","partition":0,"replicas":[2,3]}]}');
    const moveFile = f('move.json', '{"version":1,"topics":[{"topic":"exists"}]}');
    for (const bl of ['', 'a,b', '1,,2', '-1', '0x1', '1,1', '42']) {
      add(`reassign --generate --broker-list ${JSON.stringify(bl)}`, ['reassign', '--generate', '--topics-to-move-json-file', moveFile, '--broker-list', bl, ...Z], bl === '42' ? 1 : 2, /broker|42/i);
    }
    const moves: Array<[string, string, RegExp]> = [
      ['duplicate keys', '{"version":1,"topics":[{"topic":"exists","topic":"other"}]}', /duplicate key "topic"/],
      ['topic a number', '{"version":1,"topics":[{"topic":5}]}', /topic/],
      ['unknown topic', '{"version":1,"topics":[{"topic":"nosuch"}]}', /nosuch/],
      ['topics missing', '{"version":1}', /topics/],
    ];
    moves.forEach(([what, content, re], i) => add(`reassign --generate topics file ${what}`, ['reassign', '--generate', '--topics-to-move-json-file', f(`move-${i}.json`, content), '--broker-list', '1,2,3', ...Z], 1, re));
    for (const v of ['-1', 'abc', '0', '99999999999999999999']) {
      add(`reassign --throttle ${v}`, ['reassign', '--execute', '--reassignment-json-file', goodPlan, '--throttle', v, ...Z], 2, /throttle|integer/);
      add(`reassign --batch-size ${v}`, ['reassign', '--execute', '--reassignment-json-file', goodPlan, '--batch-size', v, ...Z], 2, /batch-size|integer/);
    }
    add('reassign --timeout without --wait', ['reassign', '--verify', '--reassignment-json-file', goodPlan, '--timeout', '5', ...Z], 2, /--timeout/);
    add('reassign --execute --verify', ['reassign', '--execute', '--verify', '--reassignment-json-file', goodPlan, ...Z], 2, /action/);
    add('reassign without an action', ['reassign', ...Z], 2, /action/);
    add('reassign --execute without a file', ['reassign', '--execute', ...Z], 2, /reassignment-json-file/);
    add('reassign --cancel without files', ['reassign', '--cancel', ...Z], 2, /--cancel/);
    add('reassign --generate with --throttle', ['reassign', '--generate', '--topics-to-move-json-file', moveFile, '--broker-list', '1,2', '--throttle', '5', ...Z], 2, /throttle/);
    add('reassign --strategy bogus', ['reassign', '--generate', '--topics-to-move-json-file', moveFile, '--broker-list', '1,2', '--strategy', 'bogus', ...Z], 2, /bogus|strategy/);
    add('reassign --replication-factor 0', ['reassign', '--generate', '--topics-to-move-json-file', moveFile, '--broker-list', '1,2', '--replication-factor', '0', ...Z], 2, /replication-factor/);
    add('reassign --cancel with a missing rollback file', ['reassign', '--cancel', '--rollback-file', files.missing, ...Z], 1, /missing\.json/);
    add('reassign --verify with a truncated file', ['reassign', '--verify', '--reassignment-json-file', files.truncated, ...Z], 1, /not valid JSON/);

    // --- preferred-replica-election -------------------------------------------------------------------
    for (const [what, path, re] of fileProblems.filter((_, i) => i % 2 === 0)) add(`election file ${what}`, ['preferred-replica-election', '--path-to-json-file', path, ...Z], 1, re);
    const elections: Array<[string, string, RegExp]> = [
      ['duplicate keys', '{"partitions":[{"topic":"exists","partition":0,"partition":1}]}', /duplicate key "partition"/],
      ['partition a string', '{"partitions":[{"topic":"exists","partition":"0"}]}', /partition/],
      ['partitions not an array', '{"partitions":{"topic":"exists"}}', /partitions/],
      ['duplicate partitions', '{"partitions":[{"topic":"exists","partition":0},{"topic":"exists","partition":0}]}', /exists,0/],
      ['unknown topic', '{"partitions":[{"topic":"nosuch","partition":0}]}', /nosuch/],
      ['no partitions', '{"partitions":[]}', /empty|partitions/],
      ['negative partition', '{"partitions":[{"topic":"exists","partition":-3}]}', /partition/],
    ];
    elections.forEach(([what, content, re], i) => add(`election file ${what}`, ['preferred-replica-election', '--path-to-json-file', f(`elect-${i}.json`, content), ...Z], 1, re));
    for (const v of ['0', 'abc', '0x2']) {
      add(`election --batch-size ${v}`, ['preferred-replica-election', '--batch-size', v, ...Z], 2, /batch-size|integer/);
      add(`election --timeout ${v}`, ['preferred-replica-election', '--wait', '--timeout', v, ...Z], 2, /timeout|integer/);
    }
    add('election unknown flag', ['preferred-replica-election', '--bogus', ...Z], 2, /bogus/);

    // --- broker start (all refused before connecting, so no daemon ever runs) --------------------
    for (const v of ['-1', 'abc', '99999999999999999999', '']) {
      add(`broker start --broker-id ${JSON.stringify(v)}`, ['broker', 'start', '--broker-id', v, ...Z], 2, /broker\.id|broker-id/);
    }
    for (const v of ['70000', '-1', 'abc', '1.5']) add(`broker start --port ${v}`, ['broker', 'start', '--broker-id', '7', '--port', v, ...Z], 2, /port/);
    add('broker start --config missing', ['broker', 'start', '--config', files.missing, ...Z], 2, /missing\.json/);
    add('broker start --config a directory', ['broker', 'start', '--config', files.directory, ...Z], 2, /a-directory/);
    add('broker start --override without =', ['broker', 'start', '--broker-id', '7', '--override', 'noequals', ...Z], 2, /noequals/);
    add('broker start --override port=abc', ['broker', 'start', '--broker-id', '7', '--override', 'port=abc', ...Z], 2, /port/);
    add('broker start --log-level bogus', ['broker', 'start', '--broker-id', '7', '--log-level', 'bogus', ...Z], 2, /bogus|log.level/);
    add('broker start delete.topic.enable=maybe', ['broker', 'start', '--broker-id', '7', '--override', 'delete.topic.enable=maybe', ...Z], 2, /delete\.topic\.enable/);
    add('broker start leader.imbalance.per.broker.percentage=101', ['broker', 'start', '--broker-id', '7', '--override', 'leader.imbalance.per.broker.percentage=101', ...Z], 2, /leader\.imbalance\.per\.broker\.percentage/);

    // --- cluster up / down (all refused before starting anything) -------------------------------
    const clusterDir = join(dir, 'cluster');
    for (const [flag, v] of [
      ['--brokers', '0'],
      ['--brokers', '65'],
      ['--brokers', 'abc'],
      ['--ensemble', '2'],
      ['--ensemble', '4'],
      ['--ensemble', 'abc'],
      ['--zookeeper-port', '0'],
      ['--zookeeper-port', '70000'],
      ['--racks', 'a,,b'],
      ['--override', 'noequals'],
    ] as const) {
      add(`cluster up ${flag} ${v}`, ['cluster', 'up', '--dir', clusterDir, flag, v], 2, v === 'a,,b' ? /racks/ : new RegExp(`${flag.slice(2)}|${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
    add('cluster down --dir that is a file', ['cluster', 'down', '--dir', files.empty], 1, /empty\.json/);
    const corrupt = join(dir, 'corrupt-cluster');
    mkdirSync(corrupt);
    writeFileSync(join(corrupt, 'cluster.json'), '{"version":1,');
    add('cluster down with a corrupt cluster.json', ['cluster', 'down', '--dir', corrupt], 1, /cluster\.json/);
  }

  test('at least 200 bad inputs, each refused cleanly; ZooKeeper byte-identical before and after', async () => {
    buildCases();
    assert.ok(cases.length >= 200, `only ${cases.length} cases`);
    const before = await snapshotTree(zk);
    const results = await inParallel(cases, 4, (c) =>
      // A case that hangs (e.g. a daemon that started after all) is a failure, not a crash of the suite.
      runKtool(c.args, { env: { KTOOL_ZK_CONNECT_TIMEOUT_MS: '20000', ...c.env }, timeoutMs: 90_000 })
        .catch((err: Error): RunResult => ({ stdout: '', stderr: `did not finish: ${err.message.split('\n')[0]}`, code: -2 }))
        .then((r) => ({ c, r })),
    );
    const failures: string[] = [];
    for (const { c, r } of results) {
      const out = r.stdout + r.stderr;
      const problems: string[] = [];
      if (r.code !== c.code) problems.push(`exit ${r.code}, expected ${c.code}`);
      if (STACK_TRACE.test(out)) problems.push('stack trace');
      if (typeof c.names === 'string' ? !out.includes(c.names) : !c.names.test(out)) problems.push(`message does not name ${c.names}`);
      if (c.secret && out.includes(c.secret)) problems.push('secret printed');
      if (!out.trim()) problems.push('no message');
      if (problems.length) failures.push(`${c.name}: ${problems.join(', ')}\n    ${JSON.stringify(c.args)}\n    ${out.trim().split('\n').slice(0, 4).join('\n    ')}`);
    }
    if (process.env.KTOOL_BAD_INPUT_REPORT) {
      writeFileSync(process.env.KTOOL_BAD_INPUT_REPORT, results.map(({ c, r }) => `[${r.code}] ${c.name}: ${(r.stdout + r.stderr).trim().split('\n')[0]}`).join('\n') + '\n');
    }
    const afterSnap = await snapshotTree(zk);
    const changed = [...new Set([...before.keys(), ...afterSnap.keys()])].filter((p) => before.get(p) !== afterSnap.get(p));
    assert.equal(failures.length, 0, `${failures.length} of ${cases.length} bad inputs misbehaved:\n${failures.join('\n')}\nchanged znodes: ${changed.join(', ')}`);
    assert.deepEqual(changed, [], 'ZooKeeper tree changed');
    assert.deepEqual([...afterSnap], [...before]);
  });
});
