import { describe, expect, it } from 'vitest';
import { CSV_ISSUE_CODES, type CsvIssueCode } from '../../../../contracts/src/camera';
import { STREAM_URL_PROBLEMS } from '../../../../contracts/src/stream-url';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate, LANGUAGES } from '../../i18n/translate';
import { csvFieldLabel, csvIssueText } from './csv-issue-text';

const zh = createTranslate('zh-CN', DICTIONARIES);
const en = createTranslate('en', DICTIONARIES);
// Every param any code is sent with (camera-config/src/camera-csv.ts, media-gateway/src/cameras/camera-import.ts).
const params = { value: '不存在镇', column: 'lat', township: '康城镇', first: 2, max: 100, min: 1, cells: 16, columns: 15, name: '东关口', orgUnit: '141130101', why: 'protocol' };

describe('CSV issue words', () => {
  it('translate every issue code and stream-URL problem in both languages, filling every placeholder', () => {
    for (const lang of LANGUAGES) {
      const t = createTranslate(lang, DICTIONARIES);
      for (const code of CSV_ISSUE_CODES) {
        expect(Object.keys(DICTIONARIES[lang]), code).toContain(`csv.issue.${code}`);
        const text = csvIssueText({ code, params, reason: 'ENGLISH REASON' }, t);
        expect(text, `${lang} ${code}`).not.toMatch(/[{}]|ENGLISH REASON/);
      }
      for (const why of STREAM_URL_PROBLEMS) expect(Object.keys(DICTIONARIES[lang])).toContain(`csv.url.${why}`);
    }
  });

  it('name columns and nested problems in the console language', () => {
    expect(csvIssueText({ code: 'value-too-large', params: { column: 'lat', max: 90 }, reason: 'x' }, zh)).toBe('“纬度”超出范围（最大 90）');
    expect(csvIssueText({ code: 'value-too-large', params: { column: 'lat', max: 90 }, reason: 'x' }, en)).toBe('“lat” is out of range (at most 90)');
    expect(csvIssueText({ code: 'stream-url-invalid', params: { why: 'credentials' }, reason: 'x' }, zh)).toBe('码流地址不能带账号密码（请分别填写用户名、密码）');
    expect(csvIssueText({ code: 'duplicate-stream-in-file', params: { first: 4 }, reason: 'x' }, zh)).toBe('与第 4 行的码流地址重复');
    expect(csvFieldLabel('rtsp_main', zh)).toBe('主码流');
    expect(csvFieldLabel('(file)', en)).toBe('(file)');
    expect(csvFieldLabel('备注', zh)).toBe('备注');
  });

  it('shows the gateway reason for a code this console does not know', () => {
    expect(csvIssueText({ code: 'from-a-newer-gateway' as CsvIssueCode, reason: 'something new' }, zh)).toBe('something new');
  });
});
