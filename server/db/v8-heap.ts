// V8's heap and the engine's chunks (docs/exports.md, "Session 7: the later exports' extra CPU was
// V8's"). Each chunk chDB hands over is a new Buffer whose memory V8 counts as external; V8 adds
// the external bytes allocated since its last mark-compact to the old generation's size when it
// decides whether to start marking. Its limit is recomputed from the live size after every
// mark-compact, with as little as 4–9 MiB of room on this console's ~45 MB heap once the process
// has run a while; the dead chunks waiting for a scavenge (V8 starts one itself only after 32 MiB
// of them) then filled that room again and again: ~30 full incremental mark-compacts per 5M-row
// export, +3–4 CPU s on the main thread. The first export of a fresh process escaped it only
// because V8's initial limit had ~35 MiB of room. Two measures:
// - the heap grows by 2× its live size after a mark-compact (`--heap-growing-percent=100`, as if
//   given on the command line), so the room is ~45 MB, not 4–9 MiB;
// - a young-generation collection every CHUNK_GC_BYTES of chunks frees the dead chunks early,
//   which also keeps them out of the RSS.
import v8 from 'node:v8';
import vm from 'node:vm';

/** Chunk bytes between two young-generation collections. */
export const CHUNK_GC_BYTES = 8 * 1024 * 1024;

/** The old generation's limit after a mark-compact: (1 + this/100) × its live size. */
export const HEAP_GROWING_PERCENT = 100;

let growthSet = false;

/**
 * Sets V8's heap growing factor once per process (read by V8 at every mark-compact), unless the
 * process was started with its own `--heap-growing-percent`.
 */
export function setHeapGrowth(): void {
  if (growthSet) return;
  growthSet = true;
  if (ownGrowth(process.execArgv.join(' '), process.env.NODE_OPTIONS)) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** Whether the process was given its own growing factor (V8 takes `-` or `_`, on the command line or in NODE_OPTIONS). */
export function ownGrowth(execArgv: string, nodeOptions = ''): boolean {
  return /--heap[-_]growing[-_]percent/.test(`${execArgv} ${nodeOptions}`);
}

type Collect = () => void;

let collect: Collect | undefined;

/** V8's scavenge (`gc({ type: 'minor' })`): from `--expose-gc` if the process has it, else a new context's. */
function minorGc(): Collect {
  const exposed = (globalThis as { gc?: (o: { type: 'minor' }) => void }).gc;
  // The flag only adds `gc` to contexts created after it; the process's own global is unchanged.
  if (typeof exposed === 'function') return () => exposed({ type: 'minor' });
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (o: { type: 'minor' }) => void;
  // Off again at once: later contexts and worker threads get no `gc` of their own.
  v8.setFlagsFromString('--no-expose-gc');
  return () => gc({ type: 'minor' });
}

/** Counts the bytes of chunks handed over and collects the young generation every `every` bytes. */
export class ChunkGc {
  private since = 0;

  constructor(
    private readonly every = CHUNK_GC_BYTES,
    private readonly run: Collect = () => (collect ??= minorGc())(),
  ) {}

  /** Called with each chunk before it is handed on. */
  count(bytes: number): void {
    this.since += bytes;
    if (this.since < this.every) return;
    this.since = 0;
    this.run();
  }
}
