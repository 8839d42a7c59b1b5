// One list of incident category names: the alarm → incident form once said 治安/环境/交通 where the incident pages
// said 治安隐患/环境卫生/道路交通 for the same codes. These fail when a screen or a dictionary names them again itself.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES, INCIDENT_CATEGORY_NAMES } from '../../../../contracts/src/incident';
import { DICTIONARIES } from '../../app/dictionaries';
import { LANGUAGES } from '../../i18n/translate';
import { categoryName, IncidentCategoryOptions } from './IncidentCategoryOptions';

const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], { query: '?raw', import: 'default', eager: true });

describe('incident categories', () => {
  it('have a distinct, non-empty name per code in every language', () => {
    for (const lang of LANGUAGES) {
      const names = INCIDENT_CATEGORIES.map((c) => INCIDENT_CATEGORY_NAMES[c][lang].trim());
      expect(names.every(Boolean), lang).toBe(true);
      expect(new Set(names).size, lang).toBe(INCIDENT_CATEGORIES.length);
    }
    expect(categoryName('public-security', 'zh-CN')).toBe('治安隐患');
    expect(categoryName('traffic', 'en')).toBe('Traffic');
    expect(categoryName('made-up', 'en')).toBe('made-up');
  });

  it('render as the options of every category select, in the contract order', () => {
    const html = renderToStaticMarkup(
      <select>
        <IncidentCategoryOptions lang="zh-CN" />
      </select>,
    );
    expect([...html.matchAll(/<option value="([^"]+)">([^<]+)<\/option>/g)].map((m) => [m[1], m[2]])).toEqual(INCIDENT_CATEGORIES.map((c) => [c, INCIDENT_CATEGORY_NAMES[c]['zh-CN']]));
  });

  it('are named nowhere else: no dictionary keys of their own, no screen listing them itself', () => {
    const codes = new RegExp(`\\.(${INCIDENT_CATEGORIES.join('|')})$`);
    for (const lang of LANGUAGES) expect(Object.keys(DICTIONARIES[lang]).filter((k) => /category/i.test(k) && codes.test(k)), lang).toEqual([]);
    const own = Object.entries(sources).filter(([file, text]) => !file.endsWith('/IncidentCategoryOptions.tsx') && /INCIDENT_CATEGORIES\s*\.\s*map\(|INCIDENT_CATEGORY_NAMES/.test(text));
    expect(own.map(([file]) => file)).toEqual([]);
    // Both the alarm → incident form and the incident pages use the shared options.
    for (const file of ['../alarms/AlarmActions.tsx', './IncidentForm.tsx', './IncidentList.tsx', './IncidentActions.tsx']) {
      const text = sources[file] ?? sources[`../incidents/${file.slice(2)}`];
      expect(text, file).toContain('<IncidentCategoryOptions lang={lang} />');
    }
  });
});
