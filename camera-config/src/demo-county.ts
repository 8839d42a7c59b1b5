/**
 * The demo county: 交口县 (Jiaokou County, Lüliang, Shanxi), its 7 townships and 95 generated villages.
 *
 * DEMO DATA. The county and township names follow the real administrative division and the codes follow the
 * coding rules (not checked against the official statistical table); every coordinate is approximate (county
 * seat, townships) or generated (villages), and every village name is
 * generated from common northern-Chinese place-name parts. Nothing here describes a real village
 * or a real camera site. Every unit carries `demo: true`.
 *
 * Code scheme (see README): GB/T 2260 county code (6 digits) + statistical township part (3 digits:
 * 100–199 towns 镇, 200–399 townships 乡) + statistical village part (3 digits: 200–399 村委会).
 */
import type { OrgUnit } from '../../contracts/src/org-unit';
import { hashString, mulberry32, round6, scatterAround, shuffled } from './prng';

export const DEMO_COUNTY_ID = '141130';

/** Bounding box every demo coordinate lies in (degrees). */
export const DEMO_BOUNDS = { minLat: 36.8, maxLat: 37.2, minLng: 110.9, maxLng: 111.5 } as const;

export interface DemoTownshipSpec {
  id: string;
  name: string;
  nameEn: string;
  /** DEMO coordinates: approximate township seat positions, spread plausibly around the county seat. */
  lat: number;
  lng: number;
  villageCount: number;
  /** True for the township that holds the county seat (水头镇). */
  countySeat: boolean;
}

const COUNTY: OrgUnit = {
  id: DEMO_COUNTY_ID,
  name: '交口县',
  nameEn: 'Jiaokou County',
  level: 'county',
  parentId: null,
  // Approximate position of the county seat. DEMO coordinate.
  lat: 36.982,
  lng: 111.181,
  demo: true,
};

/**
 * The seven townships. Codes: 1xx = town (镇), 2xx = township (乡), as in the statistical division codes.
 * Coordinates are DEMO values (approximate, not surveyed): 水头镇 sits at the county seat and the others are
 * spread around it inside 110.9–111.5 E, 36.8–37.2 N. Village counts add up to 95.
 */
export const DEMO_TOWNSHIPS: readonly DemoTownshipSpec[] = [
  { id: '141130100', name: '水头镇', nameEn: 'Shuitou Town', lat: 36.9815, lng: 111.1805, villageCount: 20, countySeat: true },
  { id: '141130101', name: '康城镇', nameEn: 'Kangcheng Town', lat: 37.058, lng: 111.288, villageCount: 14, countySeat: false },
  { id: '141130102', name: '双池镇', nameEn: 'Shuangchi Town', lat: 36.912, lng: 111.025, villageCount: 18, countySeat: false },
  { id: '141130103', name: '桃红坡镇', nameEn: 'Taohongpo Town', lat: 36.903, lng: 111.358, villageCount: 14, countySeat: false },
  { id: '141130200', name: '石口乡', nameEn: 'Shikou Township', lat: 37.079, lng: 111.072, villageCount: 10, countySeat: false },
  { id: '141130201', name: '回龙乡', nameEn: 'Huilong Township', lat: 36.861, lng: 111.198, villageCount: 10, countySeat: false },
  { id: '141130202', name: '温泉乡', nameEn: 'Wenquan Township', lat: 37.138, lng: 111.142, villageCount: 9, countySeat: false },
];

/** Village committee codes start at 200 within a township (statistical convention for 村委会). */
const FIRST_VILLAGE_SEQ = 200;

// ---- generated village names -------------------------------------------------------------------

/** [hanzi, pinyin] parts. Only syllables starting with a consonant (or y/w) follow a prefix, so no apostrophes are needed. */
type Part = readonly [string, string];

const SURNAMES: readonly Part[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'],
  ['赵', 'zhao'], ['郭', 'guo'], ['任', 'ren'], ['高', 'gao'], ['贺', 'he'], ['薛', 'xue'],
  ['武', 'wu'], ['冯', 'feng'], ['梁', 'liang'], ['白', 'bai'], ['孙', 'sun'], ['马', 'ma'],
  ['田', 'tian'], ['韩', 'han'], ['侯', 'hou'], ['曹', 'cao'], ['温', 'wen'], ['霍', 'huo'],
];
const SURNAME_SUFFIXES: readonly Part[] = [
  ['庄', 'zhuang'], ['沟', 'gou'], ['坡', 'po'], ['峪', 'yu'], ['塔', 'ta'], ['岭', 'ling'],
  ['坪', 'ping'], ['湾', 'wan'], ['河', 'he'], ['洼', 'wa'], ['垣', 'yuan'], ['寨', 'zhai'],
];
const DESCRIPTIVE_PREFIXES: readonly Part[] = [
  ['东', 'dong'], ['西', 'xi'], ['南', 'nan'], ['北', 'bei'], ['前', 'qian'], ['后', 'hou'],
  ['上', 'shang'], ['下', 'xia'], ['大', 'da'], ['小', 'xiao'], ['石', 'shi'], ['柳', 'liu'],
  ['杏', 'xing'], ['枣', 'zao'], ['桃', 'tao'], ['黄', 'huang'], ['红', 'hong'], ['青', 'qing'],
  ['新', 'xin'], ['中', 'zhong'],
];
const DESCRIPTIVE_SUFFIXES: readonly Part[] = [
  ['关', 'guan'], ['庄', 'zhuang'], ['沟', 'gou'], ['坡', 'po'], ['峪', 'yu'], ['窑', 'yao'],
  ['河', 'he'], ['岔', 'cha'], ['塬', 'yuan'], ['头', 'tou'], ['湾', 'wan'], ['坪', 'ping'],
];

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** All candidate village names (without the trailing 村), in a fixed order. */
function villageNameCandidates(): Array<{ name: string; pinyin: string }> {
  const out: Array<{ name: string; pinyin: string }> = [];
  for (const [h, p] of SURNAMES) {
    for (const [sh, sp] of SURNAME_SUFFIXES) out.push({ name: `${h}家${sh}`, pinyin: `${p}jia${sp}` });
  }
  for (const [h, p] of DESCRIPTIVE_PREFIXES) {
    for (const [sh, sp] of DESCRIPTIVE_SUFFIXES) out.push({ name: `${h}${sh}`, pinyin: `${p}${sp}` });
  }
  return out;
}

const VILLAGE_NAME_SEED = 0x141130;
const VILLAGE_RADIUS_KM = { min: 1.0, max: 4.5 } as const;

function buildDemoOrgUnits(): OrgUnit[] {
  // One seeded shuffle of the whole candidate pool, consumed in order: names are unique across the
  // whole county (so they are certainly unique within each township), and camera names built from them are too.
  const names = shuffled(villageNameCandidates(), mulberry32(VILLAGE_NAME_SEED));
  let next = 0;
  const units: OrgUnit[] = [{ ...COUNTY }];
  for (const t of DEMO_TOWNSHIPS) {
    units.push({ id: t.id, name: t.name, nameEn: t.nameEn, level: 'township', parentId: DEMO_COUNTY_ID, lat: t.lat, lng: t.lng, demo: true });
  }
  for (const t of DEMO_TOWNSHIPS) {
    const rng = mulberry32(hashString(t.id));
    for (let i = 0; i < t.villageCount; i++) {
      const candidate = names[next++];
      if (!candidate) throw new Error('demo county: ran out of village name candidates');
      const pos = scatterAround(t.lat, t.lng, VILLAGE_RADIUS_KM.min, VILLAGE_RADIUS_KM.max, rng);
      units.push({
        id: `${t.id}${String(FIRST_VILLAGE_SEQ + i).padStart(3, '0')}`,
        name: `${candidate.name}村`,
        nameEn: `${capitalize(candidate.pinyin)} Village`,
        level: 'village',
        parentId: t.id,
        lat: round6(pos.lat),
        lng: round6(pos.lng),
        demo: true,
      });
    }
  }
  return units;
}

/**
 * The demo county as one flat list: the county, then its 7 townships, then the 95 villages grouped by
 * township, each group in code order. Built once at module load; treat as read-only (use demoOrgUnits()
 * for a copy you may mutate).
 */
export const DEMO_ORG_UNITS: readonly OrgUnit[] = Object.freeze(buildDemoOrgUnits().map((u) => Object.freeze(u)));

/** A fresh, mutable copy of the demo county's org units. */
export function demoOrgUnits(): OrgUnit[] {
  return DEMO_ORG_UNITS.map((u) => ({ ...u }));
}
