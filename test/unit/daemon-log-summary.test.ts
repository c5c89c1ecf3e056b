// Per-partition daemon log lines: full at info for small bursts, a summary at info (with the full
// list at debug) for big ones.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BurstLog } from '../../src/broker/burst-log.js';
import { createLogger } from '../../src/broker/logger.js';
import { listSummary } from '../../src/controller/change-log.js';

function capture(level: 'info' | 'debug'): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, log: createLogger(level, 'test', (l) => lines.push(l.trimEnd())) };
}

describe('daemon log summaries', () => {
  it('a small burst is logged line by line at info', () => {
    const { lines, log } = capture('info');
    const b = new BurstLog(log);
    for (let p = 0; p < 3; p++) b.add('Shrinking ISR', `Shrinking ISR for partition [t,${p}] from [1,2] to [1]`);
    b.flush();
    assert.equal(lines.length, 3);
    assert.match(lines[2]!, /INFO \[test\] Shrinking ISR for partition \[t,2\] from \[1,2\] to \[1\]$/);
  });

  it('a big burst is one info summary per kind with examples; the full list only at debug', () => {
    for (const level of ['info', 'debug'] as const) {
      const { lines, log } = capture(level);
      const b = new BurstLog(log);
      for (let p = 0; p < 1000; p++) b.add('Shrinking ISR', `Shrinking ISR for partition [t,${p}] from [1,2] to [1]`);
      b.add('Expanding ISR', 'Expanding ISR for partition [u,0] from [1] to [1,2]');
      b.flush();
      const info = lines.filter((l) => l.includes(' INFO '));
      assert.deepEqual(info.map((l) => l.replace(/^\S+ INFO \[test\] /, '')), [
        'Shrinking ISR: 1000 partitions (full list at debug), e.g. Shrinking ISR for partition [t,0] from [1,2] to [1]; Shrinking ISR for partition [t,1] from [1,2] to [1]; Shrinking ISR for partition [t,2] from [1,2] to [1]',
        'Expanding ISR: 1 partitions (full list at debug), e.g. Expanding ISR for partition [u,0] from [1] to [1,2]',
      ]);
      assert.equal(lines.filter((l) => l.includes(' DEBUG ')).length, level === 'debug' ? 1001 : 0);
    }
  });

  it('lists are shown whole when short, else the first ones and the count', () => {
    assert.equal(listSummary(['a', 'b']), '[a,b]');
    assert.equal(listSummary(Array.from({ length: 1000 }, (_, i) => `t${i}`), 3), '[t0,t1,t2,...] (1000 in all)');
  });
});
