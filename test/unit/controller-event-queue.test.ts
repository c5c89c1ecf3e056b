// The controller's event queue: one event at a time, in order; identical waiting events coalesce;
// failures go to the error handler, which may put the event back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventQueue } from '../../src/controller/event-queue.js';
import { createLogger } from '../../src/broker/logger.js';

const log = createLogger('error', 'test');

describe('controller event queue', () => {
  it('runs events one at a time in order and coalesces identical waiting events', async () => {
    const seen: string[] = [];
    let running = 0;
    const q = new EventQueue(log, async () => undefined);
    const ev = (name: string) => async () => {
      running++;
      assert.equal(running, 1, 'never two events at once');
      await new Promise((r) => setTimeout(r, 5));
      seen.push(name);
      running--;
    };
    q.put('A', ev('A'));
    q.put('B', ev('B'));
    q.put('B', ev('B2'));
    q.put('C', ev('C'), false);
    q.put('C', ev('C2'), false);
    await q.idle();
    assert.deepEqual(seen, ['A', 'B', 'C', 'C2']);
  });

  it('hands failures to the error handler, which can requeue; close drops what waits', async () => {
    let attempts = 0;
    const errors: string[] = [];
    const q = new EventQueue(log, async (name, err, requeue) => {
      errors.push(`${name}: ${(err as Error).message}`);
      requeue?.();
    });
    q.put('Flaky', async () => {
      attempts++;
      if (attempts < 3) throw new Error(`try ${attempts}`);
    });
    await q.idle();
    assert.equal(attempts, 3);
    assert.deepEqual(errors, ['Flaky: try 1', 'Flaky: try 2']);
    let ran = false;
    q.close();
    q.put('Late', async () => {
      ran = true;
    });
    await q.idle();
    assert.equal(ran, false);
  });
});
