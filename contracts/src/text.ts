import type { z } from 'zod';

/**
 * Text rules shared by every input schema. A lone UTF-16 surrogate cannot be encoded (encodeURIComponent throws,
 * SQLite and JSON replace it), so it is refused at the boundary instead of failing deep inside as a 500. Bidi
 * controls let a name display as something else ("invoice\u202Egnp.exe" shows as "invoiceexe.png"), so names —
 * which operators read to decide what they are looking at — refuse them.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// LRE RLE PDF LRO RLO (U+202A–E), LRI RLI FSI PDI (U+2066–9), LRM RLM (U+200E/F), ALM (U+061C).
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

export const NOT_WELL_FORMED = 'must be well-formed text (no unpaired surrogate)';
export const HAS_BIDI_CONTROL = 'must not contain bidirectional control characters';

export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

export function hasBidiControl(s: string): boolean {
  return BIDI_CONTROL.test(s);
}

/** Any free text: well-formed. */
export function wellFormed<S extends z.ZodString>(schema: S): S {
  return schema.refine(isWellFormedText, NOT_WELL_FORMED);
}

/** A name people read (camera, org unit, layout, tour, display name, incident title): well-formed, no bidi controls. */
export function nameText<S extends z.ZodString>(schema: S): S {
  return wellFormed(schema).refine((s) => !hasBidiControl(s), HAS_BIDI_CONTROL);
}

/** The path of the first string (value or key) in a JSON value that is not well-formed, e.g. `cameras.2.name`. */
export function findMalformedText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : path.join('.') || '(root)';
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    if (!isWellFormedText(key)) return [...path, '(key)'].join('.');
    const found = findMalformedText(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
