// The alert instance state machine (README#alerting) as a pure function: the evaluator, the backtest
// and the unit tests all drive this one function, so a backtest replays exactly what the
// evaluator would have done.
//
//   normal --active--> pending (for > 0) --active for `for`--> firing
//   normal --active--> firing (for = 0)
//   pending --inactive--> normal (a lapse while pending never fired: no resolve)
//   firing --inactive--> recovering (keep_firing_for > 0) or normal (resolved)
//   recovering --active--> firing; --inactive for keep_firing_for--> normal (resolved)
//   any non-normal state --missing twice in a row--> normal (resolved: the series disappeared)

import type { AlertState } from '../../../contract/alerting.js';

export { ALERT_STATES, type AlertState } from '../../../contract/alerting.js';

/** What the state machine remembers about one instance between evaluations (times in ms). */
export interface InstanceMemory {
  state: AlertState;
  activeSince: number | null;
  firingSince: number | null;
  recoveringSince: number | null;
  /** Consecutive evaluations in which the series was absent from the result. */
  missed: number;
  value: number | null;
}

/** One evaluation's verdict for an instance: a row with its condition, or no row at all. */
export type Observation = { kind: 'row'; active: boolean; value: number | null } | { kind: 'missing' };

export interface Timing {
  forMs: number;
  keepFiringForMs: number;
}

export interface Transition {
  from: AlertState;
  to: AlertState;
  at: number;
  value: number | null;
  /** Firing or recovering went back to normal: a notification-worthy resolve. */
  resolved: boolean;
  reason: 'condition' | 'for_elapsed' | 'keep_firing_elapsed' | 'disappeared';
}

export interface StepResult {
  next: InstanceMemory;
  transition?: Transition;
}

/** A series disappearing this many evaluations in a row resolves (README#alerting). */
export const MISSED_EVALS_TO_RESOLVE = 2;

export const NORMAL: InstanceMemory = Object.freeze({ state: 'normal', activeSince: null, firingSince: null, recoveringSince: null, missed: 0, value: null });

function normal(value: number | null): InstanceMemory {
  return { ...NORMAL, value };
}

export function step(prev: InstanceMemory | undefined, obs: Observation, timing: Timing, at: number): StepResult {
  const mem = prev ?? NORMAL;
  const move = (next: InstanceMemory, reason: Transition['reason']): StepResult => ({
    next,
    transition: {
      from: mem.state,
      to: next.state,
      at,
      value: next.value,
      resolved: (mem.state === 'firing' || mem.state === 'recovering') && next.state === 'normal',
      reason,
    },
  });

  if (obs.kind === 'missing') {
    if (mem.state === 'normal') return { next: { ...mem, missed: mem.missed + 1 } };
    const missed = mem.missed + 1;
    if (missed >= MISSED_EVALS_TO_RESOLVE) return move({ ...normal(mem.value), missed }, 'disappeared');
    return { next: { ...mem, missed } };
  }

  const value = obs.value;
  switch (mem.state) {
    case 'normal':
      if (!obs.active) return { next: normal(value) };
      if (timing.forMs <= 0) return move({ state: 'firing', activeSince: at, firingSince: at, recoveringSince: null, missed: 0, value }, 'condition');
      return move({ state: 'pending', activeSince: at, firingSince: null, recoveringSince: null, missed: 0, value }, 'condition');
    case 'pending':
      if (!obs.active) return move(normal(value), 'condition');
      if (at - (mem.activeSince ?? at) >= timing.forMs) return move({ ...mem, state: 'firing', firingSince: at, missed: 0, value }, 'for_elapsed');
      return { next: { ...mem, missed: 0, value } };
    case 'firing':
      if (obs.active) return { next: { ...mem, missed: 0, value } };
      if (timing.keepFiringForMs <= 0) return move(normal(value), 'condition');
      return move({ ...mem, state: 'recovering', recoveringSince: at, missed: 0, value }, 'condition');
    case 'recovering':
      if (obs.active) return move({ ...mem, state: 'firing', recoveringSince: null, missed: 0, value }, 'condition');
      if (at - (mem.recoveringSince ?? at) >= timing.keepFiringForMs) return move(normal(value), 'keep_firing_elapsed');
      return { next: { ...mem, missed: 0, value } };
  }
}

/** Alerting states: a firing or recovering instance is still "firing" for notifications. */
export function isFiring(state: AlertState): boolean {
  return state === 'firing' || state === 'recovering';
}
