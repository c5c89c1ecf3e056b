// The last-resort handler and the connection-string rules, exercised in real child processes
// (the handler ends the process, so it cannot run inside the test runner's own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validateConnectionString, redactConnectionString } from '../../src/zk/connection-string.js';
import { findDuplicateKey } from '../../src/cli/input-file.js';
import { STACK_TRACE } from '../helpers/parallel.js';

const HANDLER = fileURLToPath(new URL('../../src/cli/last-resort.js', import.meta.url));

function crash(kind: 'throw' | 'reject', env: Record<string, string> = {}): { code: number | null; stderr: string } {
  const body =
    kind === 'throw'
      ? `setTimeout(() => { throw new Error('boom from a callback KTOOL_SECRET_PW'); }, 1);`
      : `Promise.reject(new Error('nobody awaited me'));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { installLastResortHandlers } from ${JSON.stringify(HANDLER)}; installLastResortHandlers(); ${body}`], {
    env: { ...process.env, KTOOL_ZK_AUTH: 'u:KTOOL_SECRET_PW', KTOOL_DEBUG: '', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stderr: r.stderr };
}

test('an uncaught throw: one line, exit 1, no stack, secrets redacted', () => {
  const r = crash('throw');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'ktool: unexpected error: boom from a callback ***\n');
  assert.doesNotMatch(r.stderr, STACK_TRACE);
});

test('an unhandled rejection: one line, exit 1', () => {
  const r = crash('reject');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'ktool: unexpected error: nobody awaited me\n');
});

test('KTOOL_DEBUG adds the stack trace', () => {
  const r = crash('throw', { KTOOL_DEBUG: '1' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, STACK_TRACE);
  assert.ok(!r.stderr.includes('KTOOL_SECRET_PW'));
});

test('connection strings: ZooKeeper rules, quoted and redacted in the message', () => {
  for (const ok of ['127.0.0.1:2181', 'h1:2181,h2:2182/kafka', 'zk.example.com', 'h:2181/', 'h:1/a/b_c-d', 'h:65535']) validateConnectionString(ok);
  const bad: Array<[string, RegExp]> = [
    ['127.0.0.1:99999', /port "99999"/],
    ['h:0', /port "0"/],
    ['h:x', /port "x"/],
    ['h:2181,,h2:1', /member 2 is empty/],
    ['h:2181/a//b', /empty node name/],
    ['h:2181/a/', /must not end with \//],
    ['h:2181/a/../b', /relative node name "\.\."/],
    ['h:2181/a\u0000', /U\+0000/],
    ['u:pw@h:2181', /must not carry credentials/],
    ['', /empty/],
  ];
  for (const [cs, re] of bad) {
    assert.throws(() => validateConnectionString(cs, '--zookeeper'), (e: Error & { exitCode?: number }) => {
      assert.equal(e.exitCode, 2);
      assert.match(e.message, re);
      assert.ok(e.message.startsWith(`Invalid --zookeeper "${redactConnectionString(cs)}"`), e.message);
      assert.ok(!e.message.includes('pw@'));
      return true;
    });
  }
});

test('duplicate JSON keys are found with their location', () => {
  assert.deepEqual(findDuplicateKey('{"a":1,"b":{"c":[{"d":1,"d":2}]}}'), { key: 'd', at: 'b.c[0]' });
  assert.deepEqual(findDuplicateKey('{"a":1,"a":2}'), { key: 'a', at: 'the top-level object' });
  assert.equal(findDuplicateKey('{"a":{"x":1},"b":{"x":1},"s":"\\"a\\":"}'), undefined);
});
