// Pure: the map's search box (issue 13). A query matches cameras by name or id and townships by name (either
// language); exact matches first, then prefixes, then anywhere in the text; townships before cameras at equal rank
// (a township name is a place to fly to, a camera of the same name usually carries it as a prefix).
import type { Language } from '../../i18n/translate';
import { placeName, type BaseLayer } from './base-layer';
import type { LatLngRect } from './geo-select';

export type MapSearchHit = { kind: 'camera'; id: string; label: string; detail: string } | { kind: 'township'; label: string; bounds: LatLngRect };

export interface SearchableCamera {
  id: string;
  name: string;
}

export interface SearchableTownship {
  name: string;
  nameEn: string;
  bounds: LatLngRect;
}

/** Case, width (全角/半角) and surrounding spaces do not matter. */
export const normalizeQuery = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** 0 exact, 1 prefix, 2 anywhere, null no match: the best over the texts given. */
function rank(query: string, texts: readonly string[]): number | null {
  let best: number | null = null;
  for (const raw of texts) {
    const text = normalizeQuery(raw);
    if (!text) continue;
    const r = text === query ? 0 : text.startsWith(query) ? 1 : text.includes(query) ? 2 : null;
    if (r !== null && (best === null || r < best)) best = r;
  }
  return best;
}

export function searchMap(rawQuery: string, cameras: readonly SearchableCamera[], townships: readonly SearchableTownship[], lang: Language, limit = 8): MapSearchHit[] {
  const query = normalizeQuery(rawQuery);
  if (!query) return [];
  const scored: Array<{ r: number; kindOrder: number; hit: MapSearchHit }> = [];
  for (const t of townships) {
    const r = rank(query, [t.name, t.nameEn]);
    if (r !== null) scored.push({ r, kindOrder: 0, hit: { kind: 'township', label: placeName(t, lang), bounds: t.bounds } });
  }
  for (const c of cameras) {
    const r = rank(query, [c.name, c.id]);
    if (r !== null) scored.push({ r, kindOrder: 1, hit: { kind: 'camera', id: c.id, label: c.name, detail: c.id } });
  }
  return scored
    .sort((a, b) => a.r - b.r || a.kindOrder - b.kindOrder || a.hit.label.localeCompare(b.hit.label, 'zh-CN'))
    .slice(0, limit)
    .map((s) => s.hit);
}

/** The townships of the base layer with the box of their area (what a township hit flies to). */
export function townshipsOf(layer: BaseLayer | null): SearchableTownship[] {
  if (!layer) return [];
  const out: SearchableTownship[] = [];
  for (const f of layer.features) {
    if (f.kind !== 'township' || f.geometry.type !== 'Polygon') continue;
    out.push({ name: f.name, nameEn: f.nameEn, bounds: ringBounds(f.geometry.rings[0]!) });
  }
  return out;
}

/** A township area's box from its outer ring ([lng, lat] pairs): where a township hit flies to. */
export function ringBounds(ring: readonly (readonly [number, number])[]): LatLngRect {
  const lngs = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return { south: Math.min(...lats), west: Math.min(...lngs), north: Math.max(...lats), east: Math.max(...lngs) };
}
