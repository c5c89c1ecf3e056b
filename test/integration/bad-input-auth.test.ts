// Digest credentials from KTOOL_ZK_AUTH: a wrong password is a clear runtime error (exit 1) that
// names KTOOL_ZK_AUTH, and the password never appears in text, --json or KTOOL_DEBUG output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as P from '../../src/zk/paths.js';
import { decodeEntityConfig } from '../../src/zk/codecs/entityConfig.js';
import { startZooKeeper, type ZkServer } from '../helpers/zookeeper.js';
import { freshChroot, registerBrokers } from '../helpers/cluster.js';
import { runKtool } from '../helpers/ktool.js';
import { STACK_TRACE } from '../helpers/parallel.js';

describe('bad input: credentials', () => {
  let server: ZkServer;
  before(async () => {
    server = await startZooKeeper();
  });
  after(async () => {
    await server?.stop();
  });

  test('a wrong KTOOL_ZK_AUTH password: exit 1 naming KTOOL_ZK_AUTH, nothing changed, password never printed', async () => {
    const c = await freshChroot(server);
    try {
      await registerBrokers(c.zk, [1, 2, 3]);
      const good = { KTOOL_ZK_AUTH: 'ops:correct-horse-battery' };
      const bad = { KTOOL_ZK_AUTH: 'ops:wrong-password-xyz' };
      const created = await runKtool(['topics', '--create', '--topic', 'secured', '--partitions', '1', '--replication-factor', '1', '--config', 'retention.ms=1000', '--zookeeper', c.connect], { env: good });
      assert.equal(created.code, 0, created.stdout + created.stderr);
      for (const extra of [[], ['--json']]) {
        for (const debug of [undefined, '1']) {
          const r = await runKtool(['topics', '--alter', '--topic', 'secured', '--config', 'retention.ms=2000', ...extra, '--zookeeper', c.connect], { env: { ...bad, KTOOL_DEBUG: debug } });
          const out = r.stdout + r.stderr;
          assert.equal(r.code, 1, out);
          assert.match(out, /NO_AUTH/);
          assert.match(out, /KTOOL_ZK_AUTH/);
          assert.match(out, /\\?"ops\\?"/, "names the user");
          assert.ok(!out.includes('wrong-password-xyz'), `password printed: ${out}`);
          if (!debug) assert.doesNotMatch(out, STACK_TRACE);
          if (extra.length) assert.equal(JSON.parse(r.stdout).error.exitCode, 1);
        }
      }
      assert.equal(decodeEntityConfig((await c.zk.getData(P.topicConfigPath('secured'))).data, '').get('retention.ms'), '1000');
      const ok = await runKtool(['topics', '--alter', '--topic', 'secured', '--config', 'retention.ms=3000', '--zookeeper', c.connect], { env: good });
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    } finally {
      await c.close();
    }
  });
});
