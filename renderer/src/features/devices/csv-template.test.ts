import { describe, expect, it } from 'vitest';
import { CAMERA_CSV_COLUMNS, readCameraCsv } from '../../../../camera-config/src/camera-csv';
import { DEMO_ORG_UNITS } from '../../../../camera-config/src/demo-county';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate, LANGUAGES } from '../../i18n/translate';
import { canCommit, CSV_COLUMNS, CSV_EXAMPLE, csvTemplate, reportRows } from './csv-template';

describe('CSV template', () => {
  it('documents exactly camera-config’s columns, in order', () => {
    expect([...CSV_COLUMNS]).toEqual([...CAMERA_CSV_COLUMNS]);
  });
  it('is headers only, in the console language, UTF-8 with a BOM and CRLF; the importer reads either language and the documented example', () => {
    for (const lang of LANGUAGES) {
      const t = createTranslate(lang, DICTIONARIES);
      const text = csvTemplate((c) => t(`csv.header.${c}`));
      expect(text).toBe('\uFEFF' + CSV_COLUMNS.map((c) => t(`csv.header.${c}`)).join(',') + '\r\n');
      // Sent back unchanged, it creates nothing (no sample rows that would import) and raises no header problem.
      const empty = readCameraCsv(text, DEMO_ORG_UNITS);
      expect(empty, lang).toMatchObject({ rows: 0, candidates: [], issues: [], warnings: [] });
      // Filled in with the example the column notes show, it imports under this language's headers.
      const filled = readCameraCsv(text + CSV_COLUMNS.map((c) => CSV_EXAMPLE[c]).join(',') + '\r\n', DEMO_ORG_UNITS);
      expect(filled.issues, lang).toEqual([]);
      expect(filled.candidates, lang).toHaveLength(1);
    }
    expect(csvTemplate((c) => c).split(',')[1]).toBe('township');
    expect(createTranslate('zh-CN', DICTIONARIES)('csv.header.rtsp_main')).toBe('主码流');
  });
});

describe('dry-run report', () => {
  const report = {
    issues: [
      { row: 4, field: 'township', code: 'township-unknown' as const, reason: 'unknown township' },
      { row: 3, field: 'rtsp_main', code: 'stream-url-invalid' as const, reason: 'bad' },
      { row: 4, field: 'lat', code: 'value-too-large' as const, reason: 'out of range' },
    ],
    cameras: [
      { row: 2, name: 'a', orgUnitId: '141130100', category: 1 as const, host: 'h' },
      { row: 5, name: 'b', orgUnitId: '141130100', category: 3 as const, host: 'h' },
    ],
  };
  it('groups issues by row and lists the clean candidates', () => {
    const r = reportRows(report);
    expect(r.issueRows.map((x) => [x.row, x.issues.map((i) => i.field)])).toEqual([
      [3, ['rtsp_main']],
      [4, ['township', 'lat']],
    ]);
    expect(r.candidates.map((c) => c.row)).toEqual([2, 5]);
  });
  it('allows a commit of clean confirmed rows only', () => {
    expect(canCommit(report, new Set([2, 5]))).toBe(true);
    expect(canCommit(report, new Set([2, 4]))).toBe(false);
    expect(canCommit(report, new Set())).toBe(false);
    expect(canCommit({ ...report, issues: [{ row: 1, field: 'name', code: 'column-missing' as const, reason: 'missing column' }] }, new Set([2]))).toBe(false);
    expect(canCommit(null, new Set([2]))).toBe(false);
  });
});
