import { describe, expect, it } from 'vitest';
import { defuseCell, formatCsv, parseCsv, undefuseCell } from './csv-format';

describe('parseCsv (RFC 4180)', () => {
  it('reads plain records with LF, CRLF and CR line ends', () => {
    expect(parseCsv('a,b\n1,2\n').records).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r\n1,2\r\n').records).toEqual([['a', 'b'], ['1', '2']]);
    expect(parseCsv('a,b\r1,2').records).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('strips a UTF-8 BOM and keeps Chinese text', () => {
    expect(parseCsv('\uFEFFname,township\r\n水头镇 人民路口,水头镇\r\n').records).toEqual([['name', 'township'], ['水头镇 人民路口', '水头镇']]);
  });

  it('handles quoted fields: commas, doubled quotes and line breaks inside', () => {
    const text = 'name,note\r\n"王家庄村 村口, 东侧","他说""看这里"""\r\n"two\r\nlines",x\r\n';
    expect(parseCsv(text).records).toEqual([
      ['name', 'note'],
      ['王家庄村 村口, 东侧', '他说"看这里"'],
      ['two\r\nlines', 'x'],
    ]);
  });

  it('keeps empty fields, including a trailing one, and needs no final newline', () => {
    expect(parseCsv('a,,c,\n,,,').records).toEqual([['a', '', 'c', ''], ['', '', '', '']]);
  });

  it('keeps a quote inside an unquoted field as a character (as Excel does)', () => {
    expect(parseCsv('a 5" pole,b').records).toEqual([['a 5" pole', 'b']]);
  });

  it('reports an unterminated quote with the row it started on', () => {
    const r = parseCsv('a,b\r\n1,2\r\n"open,3\r\n4,5\r\n');
    expect(r.error).toEqual({ row: 3, reason: expect.stringContaining('not closed') });
    expect(r.records).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('').records).toEqual([]);
    expect(parseCsv('\uFEFF').records).toEqual([]);
  });
});

describe('formatCsv', () => {
  it('writes a BOM, CRLF line ends and quotes only where needed', () => {
    expect(formatCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', 3], [null, -1.5]])).toBe(
      '\uFEFFa,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",3\r\n,-1.5\r\n',
    );
  });

  it('defuses formula-looking text but not numbers, and round-trips through parseCsv', () => {
    expect(defuseCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(defuseCell('+86')).toBe(`'+86`);
    expect(defuseCell('水头镇')).toBe('水头镇');
    expect(undefuseCell(`'=SUM(A1)`)).toBe('=SUM(A1)');
    expect(undefuseCell(`'quoted`)).toBe(`'quoted`);
    const text = formatCsv(['name', 'lat'], [['=cmd|calc', -36.5]]);
    expect(text).toContain(`'=cmd|calc,-36.5`);
    const [, row] = parseCsv(text).records;
    expect(row!.map(undefuseCell)).toEqual(['=cmd|calc', '-36.5']);
  });
});
