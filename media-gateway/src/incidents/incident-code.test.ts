import { describe, expect, it } from 'vitest';
import { formatIncidentCode, localMonth, localYear, parseIncidentCode, startOfLocalYear, townshipShortCode } from './incident-code';

describe('incident codes', () => {
  it('uses the township part of the division code, 000 for the county', () => {
    expect(townshipShortCode('141130101')).toBe('101');
    expect(townshipShortCode('141130202')).toBe('202');
    expect(townshipShortCode('141130101203')).toBe('101');
    expect(townshipShortCode('141130')).toBe('000');
    expect(townshipShortCode(null)).toBe('000');
  });

  it('formats year-township-sequence with a 5-digit sequence and parses it back', () => {
    expect(formatIncidentCode(2025, '101', 1)).toBe('2025-101-00001');
    expect(formatIncidentCode(2025, '000', 64331)).toBe('2025-000-64331');
    expect(formatIncidentCode(2025, '100', 123456)).toBe('2025-100-123456');
    expect(parseIncidentCode('2025-101-00042')).toEqual({ year: 2025, shortCode: '101', sequence: 42 });
    expect(parseIncidentCode('2025-101-42')).toBeNull();
    expect(() => formatIncidentCode(2025, '101', 0)).toThrow();
  });

  it('takes the year and month in local (China) time', () => {
    const newYearsEveUtc = Date.parse('2024-12-31T17:00:00Z'); // 01:00 on 1 January 2025 in Beijing
    expect(localYear(newYearsEveUtc, 480)).toBe(2025);
    expect(localYear(newYearsEveUtc, 0)).toBe(2024);
    expect(localMonth(newYearsEveUtc, 480)).toBe('2025-01');
    expect(startOfLocalYear(Date.parse('2025-06-01T00:00:00Z'), 480)).toBe(Date.parse('2025-01-01T00:00:00+08:00'));
  });
});
