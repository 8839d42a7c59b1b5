import { describe, expect, it } from 'vitest';
import { toCsv } from './csv-writer';

describe('toCsv', () => {
  it('quotes, adds a BOM and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['水头镇, 东', '=HYPERLINK("x")'], [1, null]])).toBe('\uFEFFa,b\r\n"水头镇, 东","\'=HYPERLINK(""x"")"\r\n1,\r\n');
  });
});
