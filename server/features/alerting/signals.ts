// What the alerting parts tell each other, wired at construction (server/compose.ts): the engine
// says it wrote notifications to the outbox (the job kicks delivery at once), the service says UI
// rules changed (the job re-plans its cron tasks).
import { EventEmitter } from 'node:events';

export class AlertSignals {
  private readonly emitter = new EventEmitter();

  on(signal: 'enqueued' | 'rulesChanged', listener: () => void): void {
    this.emitter.on(signal, listener);
  }

  emit(signal: 'enqueued' | 'rulesChanged'): void {
    this.emitter.emit(signal);
  }
}
