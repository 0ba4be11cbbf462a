// A file the engine is still writing, read as it grows (docs/export-files.md): the bytes below the
// file's size are final (the engine appends, CSV never seeks back), so they are handed on as soon as
// they are there; once the statement has ended, the rest up to the end of the file, and then done.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';

/**
 * Bytes read at once, into one of two buffers used in turn: 4 MiB reads into reused buffers took
 * less of the server's CPU and RSS than a new 1 MiB buffer per read (docs/export-files.md,
 * "Session 10"): fewer syscalls and socket writes, no dead buffers for V8 to collect.
 */
export const READ_BYTES = 4 << 20;
/** How long to wait for more bytes when the reader has caught up with the engine. */
const POLL_MS = 5;

/**
 * The file's bytes as they appear, until `statement` has settled and the file is read to its end.
 * A failed statement throws its error (before any byte if it failed first); an aborted `signal`
 * stops reading. Reads are synchronous on purpose: the engine's statement holds a libuv pool thread
 * for its whole run, and reads through the pool would queue behind such statements (four exports
 * would fill the default pool of 4); these reads come from the page cache the engine just wrote.
 * Each chunk is a view of one of two reused buffers: it stays valid until the generator is resumed
 * twice more (the caller writes chunk n and asks for n + 1 while n − 1's write finishes).
 */
export async function* growingFile(file: string, statement: Promise<void>, signal: AbortSignal): AsyncGenerator<Buffer> {
  let state: { done: boolean; error?: unknown } = { done: false };
  statement.then(
    () => (state = { done: true }),
    (error: unknown) => (state = { done: true, error }),
  );
  const bufs: Buffer[] = [];
  let turn = 0;
  let fd: number | undefined;
  let pos = 0;
  try {
    for (;;) {
      if (signal.aborted) throw Object.assign(new Error('The export was aborted.'), { name: 'AbortError' });
      // Read before looking again: a statement seen done here had written everything before this read.
      const seen = state;
      if (seen.done && seen.error !== undefined) throw seen.error;
      if (fd === undefined) {
        try {
          fd = fs.openSync(file, 'r');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          if (seen.done) return; // no file and nothing more coming: an empty result
          await settledOrDelay(statement);
          continue;
        }
      }
      const buf = (bufs[turn] ??= Buffer.allocUnsafe(READ_BYTES));
      const n = fs.readSync(fd, buf, 0, READ_BYTES, pos);
      if (n > 0) {
        pos += n;
        turn ^= 1;
        yield buf.subarray(0, n);
        continue;
      }
      if (seen.done) return;
      await settledOrDelay(statement);
    }
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function settledOrDelay(p: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(
      () => {},
      () => {},
    ),
    new Promise<void>((r) => (timer = setTimeout(r, POLL_MS))),
  ]).finally(() => clearTimeout(timer));
}

/** A server-made export id (crypto.randomUUID): the only text put into an engine file statement. */
const EXPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A new export id, checked against the pattern every statement that carries it checks again. */
export function newExportId(): string {
  const id = randomUUID();
  if (!EXPORT_ID.test(id)) throw new Error('not a server-made export id');
  return id;
}

/** A statement's text with `__EXPORT_ID__` replaced by a server-made export id (checked again here). */
export function unbound(text: string, id: string): string {
  if (!EXPORT_ID.test(id)) throw new Error('not a server-made export id');
  return text.replaceAll('__EXPORT_ID__', id);
}

/** A file statement's text: its export id, and `__EXPORT_FILE__` as the quoted path the server made. */
export function fileStatement(text: string, id: string, file: string): string {
  if (/[\u0000-\u001f]/.test(file)) throw new Error('a control character in a file path');
  return unbound(text, id).replaceAll('__EXPORT_FILE__', file.replace(/\\/g, '\\\\').replace(/'/g, "\\'"));
}

/** How often a closed export's file statement is asked to stop until it has. */
export const KILL_RETRY_MS = 100;

/** Bytes free to an unprivileged writer on the file system of `dir` (0 without a directory). */
export function freeBytes(dir: string | undefined): number {
  if (!dir) return 0;
  const st = fs.statfsSync(dir);
  return st.bavail * st.bsize;
}
