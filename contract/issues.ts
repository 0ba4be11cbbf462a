// The wording of validation messages the console has always answered ("Expected number, received
// string", "Invalid enum value. Expected 'a' | 'b', received 'c'"): zod 4's defaults drop the
// received value of an enum. Passed per parse (`schema.safeParse(x, { error: classicMessages })`)
// at the edges whose messages people read: settings, rule files, request validation.
import type { z } from 'zod';

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (typeof v === 'number' && Number.isNaN(v)) return 'nan';
  return typeof v;
}

const quoted = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

export const classicMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'Required';
    return `Expected ${issue.expected}, received ${typeName(issue.input)}`;
  }
  if (issue.code === 'invalid_value' && issue.values.length > 1) {
    return `Invalid enum value. Expected ${issue.values.map(quoted).join(' | ')}, received ${quoted(issue.input)}`;
  }
  return undefined;
};
