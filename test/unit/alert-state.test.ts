// The alert state machine (README#alerting), every state × observation, with times in minutes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NORMAL, step, type InstanceMemory, type Observation, type Timing } from '../../server/features/alerting/state-machine.js';

const M = 60_000;
const on = (value = 1): Observation => ({ kind: 'row', active: true, value });
const off = (value = 0): Observation => ({ kind: 'row', active: false, value });
const gone: Observation = { kind: 'missing' };

/** Runs observations at minutes 0, 1, 2, ... and answers the state after each and the transitions. */
function run(timing: Timing, obs: Observation[], start: InstanceMemory = NORMAL) {
  let mem = start;
  const states: string[] = [];
  const transitions: string[] = [];
  obs.forEach((o, i) => {
    const r = step(mem, o, timing, i * M);
    mem = r.next;
    states.push(mem.state);
    if (r.transition) transitions.push(`${i}:${r.transition.from}->${r.transition.to}${r.transition.resolved ? '(resolved)' : ''}`);
  });
  return { states, transitions, mem };
}

const noFor: Timing = { forMs: 0, keepFiringForMs: 0 };
const for2: Timing = { forMs: 2 * M, keepFiringForMs: 0 };
const keep2: Timing = { forMs: 0, keepFiringForMs: 2 * M };

test('normal stays normal while the condition is false', () => {
  const r = run(noFor, [off(), off(), off()]);
  assert.deepEqual(r.states, ['normal', 'normal', 'normal']);
  assert.deepEqual(r.transitions, []);
});

test('for = 0: normal fires at once, and resolves when the condition clears', () => {
  const r = run(noFor, [on(), on(), off()]);
  assert.deepEqual(r.states, ['firing', 'firing', 'normal']);
  assert.deepEqual(r.transitions, ['0:normal->firing', '2:firing->normal(resolved)']);
});

test('for = 2m: pending at 0, still pending at 1, firing at 2 (for elapsed)', () => {
  const r = run(for2, [on(), on(), on(), on()]);
  assert.deepEqual(r.states, ['pending', 'pending', 'firing', 'firing']);
  assert.deepEqual(r.transitions, ['0:normal->pending', '2:pending->firing']);
  assert.equal(r.mem.activeSince, 0);
  assert.equal(r.mem.firingSince, 2 * M);
});

test('a lapse while pending returns to normal without a resolve, and the clock restarts', () => {
  const r = run(for2, [on(), off(), on(), on(), on()]);
  assert.deepEqual(r.states, ['pending', 'normal', 'pending', 'pending', 'firing']);
  assert.deepEqual(r.transitions, ['0:normal->pending', '1:pending->normal', '2:normal->pending', '4:pending->firing']);
});

test('keep_firing_for = 2m: recovering for two minutes, then resolved', () => {
  const r = run(keep2, [on(), off(), off(), off()]);
  assert.deepEqual(r.states, ['firing', 'recovering', 'recovering', 'normal']);
  assert.deepEqual(r.transitions, ['0:normal->firing', '1:firing->recovering', '3:recovering->normal(resolved)']);
});

test('recovering goes back to firing when the condition returns, keeping firingSince', () => {
  const r = run(keep2, [off(), on(), off(), on(), on()]);
  assert.deepEqual(r.states, ['normal', 'firing', 'recovering', 'firing', 'firing']);
  assert.deepEqual(r.transitions, ['1:normal->firing', '2:firing->recovering', '3:recovering->firing']);
  assert.equal(r.mem.firingSince, 1 * M);
  assert.equal(r.mem.recoveringSince, null);
});

test('a disappearing firing series resolves after two missed evaluations, not one', () => {
  const r = run(noFor, [on(), gone, gone]);
  assert.deepEqual(r.states, ['firing', 'firing', 'normal']);
  assert.deepEqual(r.transitions, ['0:normal->firing', '2:firing->normal(resolved)']);
});

test('one missed evaluation then the row returns: the miss count resets', () => {
  const r = run(noFor, [on(), gone, on(), gone, on()]);
  assert.deepEqual(r.states, ['firing', 'firing', 'firing', 'firing', 'firing']);
  assert.equal(r.mem.missed, 0);
});

test('a disappearing pending series goes back to normal after two misses, without a resolve', () => {
  const r = run(for2, [on(), gone, gone]);
  assert.deepEqual(r.states, ['pending', 'pending', 'normal']);
  assert.deepEqual(r.transitions, ['0:normal->pending', '2:pending->normal']);
});

test('a disappearing recovering series resolves after two misses', () => {
  const r = run({ forMs: 0, keepFiringForMs: 10 * M }, [on(), off(), gone, gone]);
  assert.deepEqual(r.states, ['firing', 'recovering', 'recovering', 'normal']);
  assert.deepEqual(r.transitions, ['0:normal->firing', '1:firing->recovering', '3:recovering->normal(resolved)']);
});

test('a missing normal series stays normal and only counts misses', () => {
  const r = run(noFor, [gone, gone, gone]);
  assert.deepEqual(r.states, ['normal', 'normal', 'normal']);
  assert.deepEqual(r.transitions, []);
  assert.equal(r.mem.missed, 3);
});

test('the value is remembered from the latest row', () => {
  const r = run(noFor, [on(7), on(9)]);
  assert.equal(r.mem.value, 9);
  const t = step(r.mem, off(2), noFor, 5 * M).transition!;
  assert.deepEqual(t, { from: 'firing', to: 'normal', at: 5 * M, value: 2, resolved: true, reason: 'condition' });
});

test('memory restored from storage continues where it was (a restart neither re-fires nor forgets)', () => {
  const restored: InstanceMemory = { state: 'firing', activeSince: 0, firingSince: 0, recoveringSince: null, missed: 0, value: 5 };
  const again = step(restored, on(6), noFor, 10 * M);
  assert.equal(again.transition, undefined);
  assert.equal(again.next.state, 'firing');
  const pending: InstanceMemory = { state: 'pending', activeSince: 0, firingSince: null, recoveringSince: null, missed: 0, value: 5 };
  assert.equal(step(pending, on(), for2, 1 * M).next.state, 'pending');
  assert.equal(step(pending, on(), for2, 2 * M).transition?.reason, 'for_elapsed');
});

test('every state x observation lands in a valid state (exhaustive table)', () => {
  const timing: Timing = { forMs: 5 * M, keepFiringForMs: 5 * M };
  const at = 100 * M;
  const mems: Record<string, InstanceMemory> = {
    normal: NORMAL,
    pending_young: { state: 'pending', activeSince: at - M, firingSince: null, recoveringSince: null, missed: 0, value: 1 },
    pending_old: { state: 'pending', activeSince: at - 5 * M, firingSince: null, recoveringSince: null, missed: 0, value: 1 },
    firing: { state: 'firing', activeSince: at - 9 * M, firingSince: at - 9 * M, recoveringSince: null, missed: 0, value: 1 },
    firing_missed1: { state: 'firing', activeSince: at - 9 * M, firingSince: at - 9 * M, recoveringSince: null, missed: 1, value: 1 },
    recovering_young: { state: 'recovering', activeSince: at - 9 * M, firingSince: at - 9 * M, recoveringSince: at - M, missed: 0, value: 1 },
    recovering_old: { state: 'recovering', activeSince: at - 9 * M, firingSince: at - 9 * M, recoveringSince: at - 5 * M, missed: 0, value: 1 },
  };
  const expected: Record<string, [string, string, string]> = {
    // [active, inactive, missing]
    normal: ['pending', 'normal', 'normal'],
    pending_young: ['pending', 'normal', 'pending'],
    pending_old: ['firing', 'normal', 'pending'],
    firing: ['firing', 'recovering', 'firing'],
    firing_missed1: ['firing', 'recovering', 'normal'],
    recovering_young: ['firing', 'recovering', 'recovering'],
    recovering_old: ['firing', 'normal', 'recovering'],
  };
  for (const [name, mem] of Object.entries(mems)) {
    const got: string[] = [on(), off(), gone].map((o) => step(mem, o, timing, at).next.state);
    assert.deepEqual(got, expected[name], name);
  }
});
