/**
 * Small deterministic helpers for generating demo data. Never use Math.random in this folder:
 * the demo county and camera placements must be identical on every machine and every run.
 */

/** mulberry32: a tiny 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string's UTF-16 code units; used to derive per-item seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fisher–Yates shuffle driven by `rng`; returns a new array. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

export const KM_PER_DEG_LAT = 111.32;

/**
 * A point at a random bearing and a distance in [minKm, maxKm] (area-uniform) from (lat, lng),
 * rounded to 6 decimals (~0.1 m).
 */
export function scatterAround(lat: number, lng: number, minKm: number, maxKm: number, rng: () => number): { lat: number; lng: number } {
  const bearing = rng() * 2 * Math.PI;
  const r = Math.sqrt(minKm * minKm + rng() * (maxKm * maxKm - minKm * minKm));
  const dLat = (r * Math.cos(bearing)) / KM_PER_DEG_LAT;
  const dLng = (r * Math.sin(bearing)) / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  return { lat: round6(lat + dLat), lng: round6(lng + dLng) };
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
