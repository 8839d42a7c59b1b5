import { z } from 'zod';
import type { CameraCategory } from './camera';
import { orgCodeSchema } from './org-unit';

/**
 * The viewing-coverage report (`GET /api/v1/reports/camera-views`): how long each camera was watched in a period, when
 * it was last watched, and which cameras nobody looked at (未查看). Scoped to the caller's org units by the gateway.
 */

export const REPORT_LANGUAGES = ['zh-CN', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export const cameraViewReportQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    /** A township or village: only its cameras (narrowed to the caller's scope; outside it, none). */
    orgUnit: orgCodeSchema.optional(),
    format: z.enum(['json', 'csv']).default('json'),
    /** The language of the CSV's headers and category names (the console's). */
    lang: z.enum(REPORT_LANGUAGES).default('zh-CN'),
  })
  .strict();
export type CameraViewReportQuery = z.infer<typeof cameraViewReportQuerySchema>;

export interface CameraViewReportRow {
  cameraId: string;
  name: string;
  orgUnitId: string;
  /** The township the camera lies in (null for a county-level camera). */
  townshipId: string | null;
  category: CameraCategory;
  /** Seconds watched within the period (sessions clipped to it), one decimal. */
  seconds: number;
  sessions: number;
  /** The last moment anyone watched it before the period's end (any time before, not only within); null = never. */
  lastViewedAt: string | null;
}

export interface CameraViewReportResponse {
  from: string;
  to: string;
  items: CameraViewReportRow[];
  /** Ids of the cameras nobody watched in the period. */
  unviewed: string[];
  total: number;
  unviewedCount: number;
}

/** 一类点 / 二类点 / 三类点, in both languages: the console and the CSV export say the same. */
export const CAMERA_CATEGORY_NAMES: Readonly<Record<CameraCategory, Readonly<Record<ReportLanguage, string>>>> = {
  1: { 'zh-CN': '一类点', en: 'Category 1' },
  2: { 'zh-CN': '二类点', en: 'Category 2' },
  3: { 'zh-CN': '三类点', en: 'Category 3' },
};

/** The CSV export's columns, in the console's language. */
export const CAMERA_VIEW_CSV_HEADERS: Readonly<Record<ReportLanguage, readonly string[]>> = {
  'zh-CN': ['点位名称', '乡镇', '村', '类别', '查看时长（秒）', '查看次数', '最近查看时间', '本期是否查看'],
  en: ['Camera', 'Township', 'Village', 'Category', 'Viewed (s)', 'Sessions', 'Last viewed', 'Viewed in period'],
};

export const CAMERA_VIEW_CSV_WORDS: Readonly<Record<ReportLanguage, { never: string; yes: string; no: string }>> = {
  'zh-CN': { never: '从未查看', yes: '是', no: '否' },
  en: { never: 'Never', yes: 'yes', no: 'no' },
};
