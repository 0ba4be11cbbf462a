// The moderation feature's closed sets and small pure rules, shared by its services and routes.
import { randomUUID } from 'node:crypto';
import { AppError, UnprocessableError } from '../../http/errors.js';
import type { STANDINGS } from '../../../contract/moderation.js';

// The closed sets the client shares live in contract/moderation.ts.
export { OUTCOMES, REPORT_REASONS, POLICY_REASONS, CASE_STATUSES, SLA_STATES, type Outcome, type CaseStatus } from '../../../contract/moderation.js';

export {
  ACCOUNT_ACTIONS,
  ACCOUNT_REASONS,
  ACCOUNT_SUBJECTS,
  type AccountActionKind,
  type AccountSubject,
} from '../../../contract/moderation.js';

export interface Standing {
  status: (typeof STANDINGS)[number];
  suspendedUntil: Date | null;
}

/** Banned while a ban is in force; suspended while a suspension is; else active (user_standing). */
export function standingOf(row: { banned: boolean; suspendedUntil: Date | null }): Standing {
  if (row.banned) return { status: 'banned', suspendedUntil: row.suspendedUntil };
  if (row.suspendedUntil) return { status: 'suspended', suspendedUntil: row.suspendedUntil };
  return { status: 'active', suspendedUntil: null };
}

/** A reporter's weight in a case's priority: 2 (upheld + 1) / (upheld + dismissed + 2); 1 with no record. */
export function reporterWeight(upheld: number, dismissed: number): number {
  return (2 * (upheld + 1)) / (upheld + dismissed + 2);
}

/**
 * Runs `one` for each item in turn (each in its own transaction, by the rules of a single
 * request) under one batch id, and answers what happened to each: the result, or the AppError's
 * status and message. An item listed twice is refused before anything runs.
 */
export async function eachOfBatch<T, R>(items: T[], key: (it: T) => number, what: string, one: (it: T, batchId: string) => Promise<R>) {
  const seen = new Set<number>();
  for (const it of items) {
    if (seen.has(key(it))) throw new UnprocessableError(`${what} ${key(it)} is listed twice.`, { field: 'items' });
    seen.add(key(it));
  }
  const batchId = randomUUID();
  const results: (
    | { key: number; status: number; ok: true; result: R }
    | { key: number; status: number; ok: false; error: { code: string; message: string; details: unknown } }
  )[] = [];
  for (const it of items) {
    try {
      results.push({ key: key(it), status: 200, ok: true, result: await one(it, batchId) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ key: key(it), status: err.status, ok: false, error: { code: err.code, message: err.message, details: err.details } });
    }
  }
  return { batchId, results, ok: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length };
}
