import { describe, expect, it } from 'vitest';
import { createTranslate, LANGUAGES, placeholders } from '../i18n/translate';
import { DICTIONARIES, en, zhCN } from './dictionaries';

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
    expect(createTranslate('zh-CN', DICTIONARIES)('app.title')).toBe('县域视频指挥平台');
    expect(createTranslate('en', DICTIONARIES)('app.title')).toBe('County Video Command Console');
  });
});
