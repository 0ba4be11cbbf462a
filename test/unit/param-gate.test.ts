// ParamGate (server/db/clickhouse.ts): the embedded engine's parameterized statements, one at a
// time, each holding the gate until its work has finished — also when its caller aborted early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gated, ParamGate } from '../../server/db/clickhouse.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('one statement at a time, in call order', async () => {
  const gate = new ParamGate();
  const log: string[] = [];
  const job = (name: string, ms: number) => async () => {
    log.push(`start ${name}`);
    await tick(ms);
    log.push(`end ${name}`);
    return name;
  };
  const out = await Promise.all([gate.run(job('a', 30)), gate.run(job('b', 1)), gate.run(job('c', 10))]);
  assert.deepEqual(out, ['a', 'b', 'c']);
  assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
});

test('an aborted caller is answered at once, but the next statement waits for the work to end', async () => {
  const gate = new ParamGate();
  const log: string[] = [];
  const abort = new AbortController();
  const first = gate.run(async () => {
    await tick(40);
    log.push('first done');
  }, abort.signal);
  const second = gate.run(async () => {
    log.push('second starts');
  });
  const firstRejects = assert.rejects(first, { name: 'AbortError' });
  await tick(5); // the first has started
  abort.abort();
  await firstRejects;
  assert.deepEqual(log, []);
  await second;
  assert.deepEqual(log, ['first done', 'second starts']);
});

test('a failed statement releases the gate; one aborted while queued never starts', async () => {
  const gate = new ParamGate();
  const started: string[] = [];
  const abort = new AbortController();
  const failing = gate.run(async () => {
    started.push('failing');
    await tick(10);
    throw new Error('engine error');
  });
  const queued = assert.rejects(
    gate.run(async () => void started.push('queued'), abort.signal),
    { name: 'AbortError' },
  );
  abort.abort();
  await assert.rejects(failing, /engine error/);
  await queued;
  await gate.run(async () => void started.push('after'));
  assert.deepEqual(started, ['failing', 'after']);
});

test('gated(): only statements with query parameters go through the gate, without the caller’s signal', async () => {
  const gate = new ParamGate();
  const seen: { method: string; signal: unknown; params: unknown }[] = [];
  let holding = false;
  const conn = {
    secret: 7,
    async query(p: { query_params?: object; abort_signal?: AbortSignal }) {
      seen.push({ method: 'query', signal: p.abort_signal, params: p.query_params });
      return this.secret;
    },
  };
  const g = gated(conn, gate);
  // Hold the gate: a parameterized query waits, one without parameters does not.
  const release = gate.run(async () => {
    holding = true;
    await tick(30);
    holding = false;
  });
  const signal = new AbortController().signal;
  const withParams = g.query({ query_params: { a: 1 }, abort_signal: signal });
  assert.equal(await g.query({ abort_signal: signal }), 7);
  assert.equal(holding, true);
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.signal, signal);
  assert.equal(await withParams, 7);
  await release;
  assert.deepEqual(seen[1], { method: 'query', signal: undefined, params: { a: 1 } });
});
