// What the steps of one batch pass each other: a valid line with its number and text, a rejected
// line with its reason, and the answer's counts.
import type { Transport } from '../../../contract/ingest.js';
import { storable, type LineError, type Reason, type Stream } from './ingest.schemas.js';

/** A line that passed its schema: 1-based number, the validated value, its text (for a later rejection). */
export interface Valid<T> {
  line: number;
  value: T;
  sample: string;
}

/** A rejected line with the start of its text (stored in ingest_rejections, never answered). */
export interface Rejection extends LineError {
  sample: string;
}

const SAMPLE_CHARS = 500;

// Sample and message never carry U+0000 or a lone surrogate: the rejection must store even when the line could not.
export const rej = (line: number, reason: Reason, field: string | null, error: string, sample: string): Rejection => ({
  line,
  reason,
  field,
  error: storable(error),
  sample: storable(sample.slice(0, SAMPLE_CHARS)),
});

export const uniq = <T>(xs: T[]) => [...new Set(xs)];

/** How a batch arrived: recorded in ingest_batches. */
export type { Transport } from '../../../contract/ingest.js';

/** One batch as ingest_batches records it. */
export interface BatchInfo {
  stream: Stream;
  key: string | null;
  requestHash: string;
  apiKeyId: number | null;
  lines: number;
  transport: Transport;
}

/** What a batch's storage step decided, before the answer is shaped and recorded. */
export interface Counts {
  accepted: number;
  errors: Rejection[];
  orphans: number;
  unchanged: number;
  duplicates: number;
}
