// An alert's history as the alert page gets it (GET /api/alerts/:id), reduced to what the muting
// tests compare with hand-written lines: its state changes, the notifications a mute timing held
// back, and the timings muting its group.
import type { TestSession } from './auth.js';

type Detail = {
  history: { at: string; fromState: string; toState: string; detail: { event: string; timing?: string; action?: string } }[];
  group: { muteTimings: string[] };
};

/** `states`: "<at> <from>-><to>"; `muted`: "<at> <action> <timing>"; `muteTimings`: the group's. */
export async function muteHistory(s: TestSession, alertId: number): Promise<{ states: string[]; muted: string[]; muteTimings: string[] }> {
  const d = (await (await s.call('GET', `/api/alerts/${alertId}`)).json()) as Detail;
  return {
    states: d.history.filter((h) => h.detail.event === 'state').map((h) => `${h.at} ${h.fromState}->${h.toState}`),
    muted: d.history.filter((h) => h.detail.event === 'muted').map((h) => `${h.at} ${h.detail.action} ${h.detail.timing}`),
    muteTimings: d.group.muteTimings,
  };
}
