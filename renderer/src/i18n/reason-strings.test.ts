import { describe, expect, it } from 'vitest';
import { CAMERA_REASON_CODES } from '../../../contracts/src/stream-status';
import { reasonEn, reasonWords, reasonZhCN } from './reason-strings';
import { interpolate, type Translate } from './translate';

// The reason tables alone: i18n/ knows no feature, so the assembled dictionaries (app/) are not needed here.
const tIn = (lang: 'zh-CN' | 'en'): Translate => (key) => (lang === 'zh-CN' ? reasonZhCN : reasonEn)[key as keyof typeof reasonZhCN] ?? key;

describe('reason codes in words', () => {
  it('words every code the gateway sends, in zh-CN and en', () => {
    for (const code of CAMERA_REASON_CODES) {
      const zh = reasonWords(code, 'english fallback', tIn('zh-CN'));
      const en = reasonWords(code, 'english fallback', tIn('en'));
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).not.toBe('english fallback');
      expect(en, code).not.toBe(zh);
    }
    expect(reasonWords('no-publisher', 'no publisher', tIn('zh-CN'))).toBe('推流端已断开');
  });

  it('says how long a camera that does not respond was waited for, in both languages', () => {
    const withParams = (lang: 'zh-CN' | 'en'): Translate => (key, params) => interpolate((lang === 'zh-CN' ? reasonZhCN : reasonEn)[key as keyof typeof reasonZhCN] ?? key, params);
    expect(reasonWords('not-responding', 'not responding (timed out after 5 s)', withParams('zh-CN'))).toBe('摄像机无响应（5 秒后超时）');
    expect(reasonWords('not-responding', 'not responding (timed out after 2.5 s)', withParams('en'))).toBe('Camera not responding (timed out after 2.5 s)');
  });

  it("shows the gateway's text for a code it does not know, or none", () => {
    expect(reasonWords('from-the-future', 'something new', tIn('zh-CN'))).toBe('something new');
    expect(reasonWords(null, 'legacy text', tIn('en'))).toBe('legacy text');
    expect(reasonWords(null, null, tIn('en'))).toBeNull();
  });
});
