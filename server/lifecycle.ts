// What the process is doing: starting (stores opening, migrations, demo load) or ready.
// Health and the status page read it; the readiness gate answers 503 until ready.
import type { DemoState, Phase } from '../contract/system.js';

export type { DemoState } from '../contract/system.js';

export class Lifecycle {
  phase: Phase = 'starting';
  demo: DemoState = { state: 'off' };
  readonly startedAt = Date.now();

  get ready(): boolean {
    return this.phase === 'ready';
  }
}
