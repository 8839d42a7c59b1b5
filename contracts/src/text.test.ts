import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findMalformedText, HAS_BIDI_CONTROL, isWellFormedText, nameText, NOT_WELL_FORMED, wellFormed } from './text';

describe('text rules', () => {
  it('tells well-formed text from lone surrogates', () => {
    expect(isWellFormedText('摄像机 📷 ok')).toBe(true);
    expect(isWellFormedText('\uD800')).toBe(false);
    expect(isWellFormedText('a\uDC00b')).toBe(false);
    expect(isWellFormedText('\uD83D\uDCF7\uD83D')).toBe(false);
  });

  it('refinements keep the schema chainable and name the problem', () => {
    const name = nameText(z.string().trim().min(1).max(64));
    const schema = z.object({ name: name.optional(), note: wellFormed(z.string().max(10)).nullable().default(null) });
    expect(schema.parse({ name: ' 府前街 ' })).toEqual({ name: '府前街', note: null });
    expect(schema.safeParse({ note: 'x\uD800' }).error?.issues[0]).toMatchObject({ path: ['note'], message: NOT_WELL_FORMED });
    for (const bidi of ['\u202E', '\u202A', '\u2066', '\u2069', '\u200E', '\u200F', '\u061C']) {
      expect(schema.safeParse({ name: `invoice${bidi}gnp.exe` }).error?.issues[0], bidi.codePointAt(0)!.toString(16)).toMatchObject({ path: ['name'], message: HAS_BIDI_CONTROL });
    }
    expect(schema.safeParse({ note: 'a\u202Eb' }).success).toBe(true); // free text may quote RTL text
  });

  it('finds the first malformed string in a JSON body, values and keys', () => {
    expect(findMalformedText({ a: 'ok', b: [1, 'x', { c: '\uD800' }] })).toBe('b.2.c');
    expect(findMalformedText({ ['\uDC00']: 1 })).toBe('(key)');
    expect(findMalformedText('\uD800')).toBe('(root)');
    expect(findMalformedText({ a: ['ok', null, 3, true] })).toBeNull();
  });
});
