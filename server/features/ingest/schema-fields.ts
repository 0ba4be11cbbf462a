// Field rules shared by the per-stream schemas (event-schemas.ts, entity-schemas.ts). Field
// names are the columns' (snake_case), as the platform's exporters write them.
//
// These schemas use zod 4 (`zod/v4`, shipped inside the zod 3.25 package the rest of the server
// uses): on 100,000 video-event lines it validated in ~95 ms against ~250-370 ms for zod 3 on
// this machine, and validation is the largest share of the ingest path after the insert itself.
import * as z from 'zod';

/**
 * Money per event (cost_micros, conversion_value_micros): at most a million units of the
 * currency. ClickHouse sums UInt64 with wrap-around, so an unbounded amount (2,100 impressions
 * at 2^53 - 1) made a campaign's total smaller than one of its days; at this bound it takes
 * 18 million events of the largest amount in one group to reach 2^64.
 */
export const MAX_MONEY_MICROS = 1_000_000_000_000;

export const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const money = z.number().int().min(0).max(MAX_MONEY_MICROS);
/** A region code (also read by the events' fast check, event-check.ts). */
export const REGION_CODE = /^[A-Za-z0-9-]{2,8}$/;
export const region = z.string().regex(REGION_CODE, { error: 'must be a region code of 2 to 8 letters or digits, such as US' });
/** The longest device name (also read by the events' fast check, event-check.ts). */
export const DEVICE_MAX = 32;
export const device = z.string().min(1).max(DEVICE_MAX);
export const text = (max: number) => z.string().max(max);
export const url = z.string().max(2048);
/**
 * ISO-8601 with a zone (Z or ±hh:mm). Its window (not in the future, events not older than 400
 * days) is checked by checkTimes() after the schema: as a zod check it doubled the validation time
 * of a 100,000-line batch (measured ~210 → ~360 ms), the largest cost of the path.
 */
export function timestamp() {
  return z.iso.datetime({ offset: true });
}
export const date = z.iso.date();
