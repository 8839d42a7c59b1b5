import type { z } from 'zod';
import { findMalformedText, NOT_WELL_FORMED } from '../../../contracts/src/text';
import { HttpError } from '../platform/errors';

/** Parses input at the boundary; a failure names each field and changes nothing. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  // Every route at once: a lone surrogate would otherwise reach encodeURIComponent, SQLite or a log and fail as a 500.
  const malformed = findMalformedText(data);
  if (malformed) throw new HttpError(400, 'bad_request', `${where}.${malformed}: ${NOT_WELL_FORMED}`, { issues: [{ field: malformed, reason: NOT_WELL_FORMED }] });
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', reason: i.message }));
  const summary = issues.map((i) => `${where}.${i.field}: ${i.reason}`).join('; ');
  throw new HttpError(400, 'bad_request', summary, { issues });
}
