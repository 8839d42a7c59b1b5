/**
 * Deterministic placement of demo cameras over the demo county (DEMO DATA: names and positions are generated).
 *
 * With total = 880 (the county's real inventory size): indexes 1..200 are category-1 points (public security /
 * traffic) at the county seat and the township centres, indexes 201..880 are category-3 points in the 95 villages.
 * Other totals keep the same proportion (5/22 ≈ 23 % category 1; at least one of each when total ≥ 2) and are spread
 * so that every township gets cameras as soon as total ≥ 7.
 */
import type { OrgUnit } from '../../contracts/src/org-unit';
import { DEMO_ORG_UNITS, DEMO_TOWNSHIPS, type DemoTownshipSpec } from './demo-county';
import { hashString, mulberry32, scatterAround, shuffled } from './prng';

export interface DemoCameraPlacement {
  /** Township id for category 1, village id for category 3. */
  orgUnitId: string;
  category: 1 | 3;
  name: string;
  lat: number;
  lng: number;
  /** Integer compass bearing in degrees, 0–359. */
  direction: number;
}

/** The county's inventory size that the demo data is modelled on: 200 category-1 + 680 category-3 points. */
export const DEMO_CAMERA_TOTAL = 880;

/** Number of category-1 cameras among `total` demo cameras (200 of 880; at least 1 and at most total-1 when total ≥ 2). */
export function demoCategory1Count(total: number): number {
  assertTotal(total);
  const proportional = Math.round((total * 200) / 880);
  if (total < 2) return proportional;
  return Math.min(Math.max(proportional, 1), total - 1);
}

function assertTotal(total: number): void {
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`total must be a positive integer, got ${total}`);
}

// ---- category 1: township centres ------------------------------------------------------------------

/**
 * Which township (index into DEMO_TOWNSHIPS) gets the n-th category-1 camera, cycling through this pattern:
 * every township once (so small totals still reach all of them), then the county seat twice more,
 * so the county seat (水头镇) holds about a third of the category-1 points.
 */
const CAT1_CYCLE: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 0, 0];

const SEAT_LANDMARKS = [
  '县公安局门口', '县政府东门', '汽车站广场', '人民医院门诊楼前', '第一中学门口', '第二中学门口', '农贸市场入口',
  '体育场南门', '文化广场', '滨河公园入口', '中心小学门口', '东出口治安卡口', '西出口治安卡口', '南出口治安卡口', '北出口治安卡口',
];
const SEAT_ROADS_EW = ['人民路', '建设路', '解放路', '滨河路', '团结路', '育才路', '胜利街'];
const SEAT_ROADS_NS = ['府前街', '新华街', '文化路', '迎宾路', '东环路', '西环路', '中心街', '南大街'];

const TOWN_LANDMARKS = ['派出所门口', '卫生院门口', '中心学校门口', '集贸市场入口', '加油站路口', '东出口治安卡口', '西出口治安卡口', '客运站点', '文化广场'];
const TOWN_ROADS_EW = ['主街', '新街', '滨河路', '学府路'];
const TOWN_ROADS_NS = ['中心路', '东街', '西街', '站前路'];

const category1SitesCache = new Map<number, string[]>();

/** Location descriptions for category-1 points in a township, in a fixed (seeded) order. */
function category1Sites(townshipIndex: number): string[] {
  const cached = category1SitesCache.get(townshipIndex);
  if (cached) return cached;
  const t = DEMO_TOWNSHIPS[townshipIndex];
  if (!t) throw new Error(`no demo township #${townshipIndex}`);
  const government = t.name.endsWith('乡') ? '乡政府门口' : '镇政府门口';
  const landmarks = t.countySeat ? SEAT_LANDMARKS : [government, ...TOWN_LANDMARKS];
  const ew = t.countySeat ? SEAT_ROADS_EW : TOWN_ROADS_EW;
  const ns = t.countySeat ? SEAT_ROADS_NS : TOWN_ROADS_NS;
  const crossings = ew.flatMap((a) => ns.map((b) => `${a}与${b}交叉口`));
  const sites = shuffled([...landmarks, ...crossings], mulberry32(hashString(`cat1:${t.id}`)));
  category1SitesCache.set(townshipIndex, sites);
  return sites;
}

// ---- category 3: villages ----------------------------------------------------------------------------

const interleavedCache = new Map<number, OrgUnit[]>();

/**
 * Villages interleaved across townships (1st village of each township, then the 2nd of each, …), with the
 * township order rotated by `rotation` so that category-3 cameras start at the townships category 1 did not reach.
 */
function interleavedVillages(rotation: number): OrgUnit[] {
  const cached = interleavedCache.get(rotation);
  if (cached) return cached;
  const order = DEMO_TOWNSHIPS.map((_, i) => DEMO_TOWNSHIPS[(i + rotation) % DEMO_TOWNSHIPS.length] as DemoTownshipSpec);
  const byTownship = order.map((t) => DEMO_ORG_UNITS.filter((u) => u.level === 'village' && u.parentId === t.id));
  const longest = Math.max(...byTownship.map((v) => v.length));
  const out: OrgUnit[] = [];
  for (let r = 0; r < longest; r++) {
    for (const villages of byTownship) {
      const v = villages[r];
      if (v) out.push(v);
    }
  }
  interleavedCache.set(rotation, out);
  return out;
}

const VILLAGE_SITES = ['村委会门口', '主街东', '主街西', '村口', '学校门口', '文化广场', '卫生室门口', '桥头', '主街中段', '后街路口'];

/** The n-th (0-based) site from a list; past the end the list repeats with a pole number so names stay unique. */
function nthSite(sites: readonly string[], n: number): string {
  const base = sites[n % sites.length] as string;
  const round = Math.floor(n / sites.length);
  return round === 0 ? base : `${base} ${round + 1}号杆`;
}

/**
 * The demo camera at `index` (1-based) out of `total`. Pure and deterministic: the same arguments always give
 * the same placement, and for a fixed total all names are unique.
 */
export function demoCameraPlacement(index: number, total: number): DemoCameraPlacement {
  assertTotal(total);
  if (!Number.isInteger(index) || index < 1 || index > total) throw new RangeError(`index must be an integer in 1..${total}, got ${index}`);
  const cat1 = demoCategory1Count(total);

  if (index <= cat1) {
    const k = index - 1;
    const townshipIndex = CAT1_CYCLE[k % CAT1_CYCLE.length] as number;
    // How many earlier category-1 cameras went to the same township: its ordinal there.
    const perCycle = CAT1_CYCLE.filter((x) => x === townshipIndex).length;
    const earlierInCycle = CAT1_CYCLE.slice(0, k % CAT1_CYCLE.length).filter((x) => x === townshipIndex).length;
    const ordinal = Math.floor(k / CAT1_CYCLE.length) * perCycle + earlierInCycle;
    const township = DEMO_TOWNSHIPS[townshipIndex] as DemoTownshipSpec;
    const name = `${township.name} ${nthSite(category1Sites(townshipIndex), ordinal)}`;
    const rng = mulberry32(hashString(`cam:${name}`));
    const pos = scatterAround(township.lat, township.lng, 0.15, township.countySeat ? 2.0 : 1.2, rng);
    return { orgUnitId: township.id, category: 1, name, ...pos, direction: Math.floor(rng() * 360) };
  }

  const k = index - cat1 - 1;
  // Category 1 covers townships 0..cat1-1 first (see CAT1_CYCLE); when it cannot reach all of them,
  // category 3 starts at the next township, so any total >= 7 puts cameras in every township.
  const villages = interleavedVillages(cat1 < DEMO_TOWNSHIPS.length ? cat1 : 0);
  const village = villages[k % villages.length] as OrgUnit;
  const ordinal = Math.floor(k / villages.length);
  const name = `${village.name} ${nthSite(VILLAGE_SITES, ordinal)}`;
  const rng = mulberry32(hashString(`cam:${name}`));
  if (village.lat === null || village.lng === null) throw new Error(`demo village ${village.id} has no coordinates`);
  const pos = scatterAround(village.lat, village.lng, 0.05, 0.6, rng);
  return { orgUnitId: village.id, category: 3, name, ...pos, direction: Math.floor(rng() * 360) };
}

/** All `total` placements, index 1 first. */
export function demoCameraPlacements(total: number = DEMO_CAMERA_TOTAL): DemoCameraPlacement[] {
  assertTotal(total);
  return Array.from({ length: total }, (_, i) => demoCameraPlacement(i + 1, total));
}
