// What the process is doing: starting (stores opening, migrations, demo load) or ready.
// Health and the status page read it; the readiness gate answers 503 until ready.
export interface DemoState {
  state: 'off' | 'loading' | 'done' | 'failed';
  step?: string;
  done?: number;
  total?: number;
  error?: string;
}

export class Lifecycle {
  phase: 'starting' | 'ready' | 'stopping' = 'starting';
  demo: DemoState = { state: 'off' };
  readonly startedAt = Date.now();

  get ready(): boolean {
    return this.phase === 'ready';
  }
}
