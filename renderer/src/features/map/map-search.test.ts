import { describe, expect, it } from 'vitest';
import { parseBaseLayer } from './base-layer';
import { ringBounds, searchMap, townshipsOf } from './map-search';

const box = { south: 36.9, west: 111.1, north: 37, east: 111.2 };
const cameras = [
  { id: 'SIM-0001', name: '水头镇人民路口' },
  { id: 'SIM-0002', name: '康城镇卫生院' },
  { id: 'CAM-0100', name: '东关大桥 SIM' },
];
const townships = [
  { name: '水头镇', nameEn: 'Shuitou Town', bounds: box },
  { name: '康城镇', nameEn: 'Kangcheng Town', bounds: box },
];
const labels = (q: string, lang: 'zh-CN' | 'en' = 'zh-CN') => searchMap(q, cameras, townships, lang).map((h) => `${h.kind}:${h.label}`);

describe('map search', () => {
  it('finds a camera by id or name; case, full-width forms and spaces do not matter', () => {
    expect(labels('sim-0002')).toEqual(['camera:康城镇卫生院']);
    expect(labels('  ＳＩＭ-0002 ')).toEqual(['camera:康城镇卫生院']);
    expect(labels('卫生院')).toEqual(['camera:康城镇卫生院']);
    const hit = searchMap('SIM-0001', cameras, townships, 'zh-CN')[0];
    expect(hit).toEqual({ kind: 'camera', id: 'SIM-0001', label: '水头镇人民路口', detail: 'SIM-0001' });
  });

  it('ranks exact, then prefix, then anywhere; a township before cameras at the same rank', () => {
    // 水头镇: the township exactly, then the camera whose name starts with it.
    expect(labels('水头镇')).toEqual(['township:水头镇', 'camera:水头镇人民路口']);
    // "sim": two ids start with it, one name only contains it.
    expect(labels('sim')).toEqual(['camera:康城镇卫生院', 'camera:水头镇人民路口', 'camera:东关大桥 SIM']);
  });

  it('finds townships by either name and labels them in the UI language', () => {
    expect(labels('kangcheng', 'en')).toEqual(['township:Kangcheng Town']);
    expect(labels('kangcheng')).toEqual(['township:康城镇']);
  });

  it('answers nothing for an empty query and honours the limit', () => {
    expect(labels('   ')).toEqual([]);
    expect(searchMap('镇', cameras, townships, 'zh-CN', 2)).toHaveLength(2);
  });

  it('takes townships and their boxes from the base layer', () => {
    const ring = [
      [111.1, 36.9],
      [111.3, 36.9],
      [111.3, 37.1],
      [111.1, 36.9],
    ];
    const layer = parseBaseLayer({ features: [{ type: 'Feature', properties: { kind: 'township', name: '双池镇', nameEn: 'Shuangchi Town' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
    expect(townshipsOf(layer)).toEqual([{ name: '双池镇', nameEn: 'Shuangchi Town', bounds: { south: 36.9, west: 111.1, north: 37.1, east: 111.3 } }]);
    expect(ringBounds(ring as Array<[number, number]>)).toEqual({ south: 36.9, west: 111.1, north: 37.1, east: 111.3 });
    expect(townshipsOf(null)).toEqual([]);
  });
});
