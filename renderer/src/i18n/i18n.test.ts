import { describe, expect, it } from 'vitest';
import { en } from './en';
import { createTranslate, DICTIONARIES, interpolate, LANGUAGES, placeholders, readStoredLanguage } from './translate';
import { zhCN } from './zh-CN';

describe('dictionaries', () => {
  it('have exactly the same keys in every language', () => {
    const keys = Object.keys(zhCN).sort();
    for (const lang of LANGUAGES) expect(Object.keys(DICTIONARIES[lang]).sort()).toEqual(keys);
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it('have no empty strings', () => {
    for (const lang of LANGUAGES) for (const [key, value] of Object.entries(DICTIONARIES[lang])) expect(value.trim(), `${lang} ${key}`).not.toBe('');
  });

  it('carry the product name in both languages', () => {
    expect(createTranslate('zh-CN')('app.title')).toBe('县域视频指挥平台');
    expect(createTranslate('en')('app.title')).toBe('County Video Command Console');
  });
});

describe('interpolate', () => {
  it('fills named placeholders and leaves unknown ones', () => {
    expect(interpolate('在线 {online} / {total}', { online: 3, total: 10 })).toBe('在线 3 / 10');
    expect(interpolate('{a} {b}', { a: 'x' })).toBe('x {b}');
    expect(interpolate('plain')).toBe('plain');
  });
});

describe('readStoredLanguage', () => {
  const storage = (value: string | null) => ({ getItem: () => value });
  it('defaults to zh-CN', () => {
    expect(readStoredLanguage(null)).toBe('zh-CN');
    expect(readStoredLanguage(storage(null))).toBe('zh-CN');
    expect(readStoredLanguage(storage('fr'))).toBe('zh-CN');
  });
  it('returns a stored valid language', () => {
    expect(readStoredLanguage(storage('en'))).toBe('en');
  });
  it('survives a throwing storage', () => {
    expect(readStoredLanguage({ getItem: () => { throw new Error('denied'); } })).toBe('zh-CN');
  });
});
