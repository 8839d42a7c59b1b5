import { describe, expect, it } from 'vitest';
import { createTranslate, interpolate, readStoredLanguage, type Dictionaries } from './translate';

describe('createTranslate', () => {
  const dictionaries = { 'zh-CN': { 'app.title': '平台', 'app.loading': '加载中' }, en: { 'app.title': 'Console' } } as unknown as Dictionaries;
  it('looks up the chosen language, falls back to zh-CN, then to the key', () => {
    expect(createTranslate('en', dictionaries)('app.title')).toBe('Console');
    expect(createTranslate('en', dictionaries)('app.loading')).toBe('加载中');
    expect(createTranslate('en', dictionaries)('login.title')).toBe('login.title');
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
