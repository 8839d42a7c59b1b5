import { z } from 'zod';
import { nameText, wellFormed } from './text';
import { latSchema, lngSchema, orgCodeSchema } from './org-unit';
import { checkStreamUrl } from './stream-url';
import type { CameraReasonCode, ReceivedAudioCodec } from './stream-status';

export const CAMERA_CATEGORIES = [1, 2, 3] as const;
export const SOURCE_TYPES = ['onvif', 'rtsp', 'rtmp-push'] as const;
export const CAMERA_STATUSES = ['online', 'offline', 'unknown'] as const;
export const VIDEO_CODECS = ['h264', 'h265', 'unknown'] as const;
export type VideoCodec = (typeof VIDEO_CODECS)[number];
/** A stream's audio as the stream test measured it: G.711 A-law/µ-law, AAC, another codec, or `none` (no audio). */
export type CameraAudioCodec = ReceivedAudioCodec | 'none';
export const STREAM_PROFILES = ['main', 'sub'] as const;
export type CameraCategory = (typeof CAMERA_CATEGORIES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];
export type CameraStatus = (typeof CAMERA_STATUSES)[number];
export type StreamProfile = (typeof STREAM_PROFILES)[number];
/**
 * How RTP reaches us (RFC 7826 §18.54 Transport): `tcp` interleaved on the RTSP connection (NAT-friendly, lossless),
 * `udp` to our own ports, or `auto`: TCP first, UDP when the camera answers 461 Unsupported Transport, and the
 * transport that worked is remembered for the camera (`transportInUse`).
 */
export const RTSP_TRANSPORTS = ['auto', 'tcp', 'udp'] as const;
export type RtspTransport = (typeof RTSP_TRANSPORTS)[number];
/** How the gateway receives the camera: `auto` (in-process where it can, see /api/v1/streams `ingest`) or always `ffmpeg`. */
export const INGEST_MODES = ['auto', 'ffmpeg'] as const;
export type IngestMode = (typeof INGEST_MODES)[number];
/** A transport actually used on the wire. */
export type WireTransport = Exclude<RtspTransport, 'auto'>;

/**
 * A stream URL, with scheme and host in lower case (`RTSP://Cam.Local/x` → `rtsp://cam.local/x`): URL schemes and
 * host names are case-insensitive (RFC 3986 §3.1, §3.2.2) but ffmpeg only recognises a lower-case `rtsp://`.
 */
export const streamUrlSchema = z
  .string()
  .superRefine((value, ctx) => {
    const check = checkStreamUrl(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: `stream URL ${check.reason}` });
  })
  .transform(normaliseStreamUrl);

/** Lower-cases the scheme and host of an (already checked) stream URL; path and query keep their case. */
export function normaliseStreamUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)(\[[^\]]*\]|[^/?#:]*)/i, (_m, scheme: string, host: string) => `${scheme.toLowerCase()}${host.toLowerCase()}`);
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/**
 * RTSP user name: it goes into the Authorization header (RFC 7826 §19.1, RFC 2617 §2): no control characters (a
 * line break would end the header), and no ':' (Basic joins user and password with it, so such a name cannot log in).
 */
export const rtspUsernameSchema = wellFormed(z.string().max(128))
  .refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters (line breaks, tabs)')
  .refine((s) => !s.includes(':'), "must not contain ':' (RTSP authentication cannot carry it)");
/** RTSP password: any text but control characters (RFC 2617 quoted strings and URL userinfo cannot carry them). */
export const rtspPasswordSchema = wellFormed(z.string().max(128)).refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters (line breaks, tabs)');

/** GB/T 28181 device code: 20 digits (centre code 10 + industry 2 + type 3 + network 1 + serial 6 … as issued). */
export const deviceCodeSchema = z.string().regex(/^\d{20}$/, 'must be a 20-digit GB/T 28181 device code');

const cameraFields = {
  name: nameText(z.string().trim().min(1).max(100)),
  orgUnitId: orgCodeSchema,
  category: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  sourceType: z.enum(SOURCE_TYPES),
  // Host names are case-insensitive: stored in lower case so duplicates and URLs compare equal.
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'must be a host name or IP address').transform((h) => h.toLowerCase()),
  rtspPort: z.number().int().min(1).max(65535).default(554),
  onvifPort: z.number().int().min(1).max(65535).nullable().default(null),
  mainStreamUri: streamUrlSchema.nullable().default(null),
  subStreamUri: streamUrlSchema.nullable().default(null),
  username: rtspUsernameSchema.nullable().default(null),
  rtspTransport: z.enum(RTSP_TRANSPORTS).default('auto'),
  ingest: z.enum(INGEST_MODES).default('auto'),
  lat: latSchema.nullable().default(null),
  lng: lngSchema.nullable().default(null),
  direction: z.number().min(0).max(360).nullable().default(null),
  deviceCode: deviceCodeSchema.nullable().default(null),
  videoCodec: z.enum(['h264', 'h265', 'unknown']).default('unknown'),
  vendor: wellFormed(z.string().max(64)).nullable().default(null),
  model: wellFormed(z.string().max(64)).nullable().default(null),
};

/** What a client sends to create a camera. The password is write-only. */
export const cameraCreateSchema = z
  .object({ ...cameraFields, password: rtspPasswordSchema.nullable().default(null) })
  .strict()
  .refine((c) => c.sourceType === 'rtmp-push' || c.mainStreamUri !== null || c.subStreamUri !== null, {
    message: 'an RTSP/ONVIF camera needs mainStreamUri or subStreamUri',
    path: ['mainStreamUri'],
  });
export type CameraCreate = z.infer<typeof cameraCreateSchema>;

export const cameraUpdateSchema = z
  .object({
    name: cameraFields.name,
    orgUnitId: cameraFields.orgUnitId,
    category: cameraFields.category,
    host: cameraFields.host,
    rtspPort: z.number().int().min(1).max(65535),
    onvifPort: z.number().int().min(1).max(65535).nullable(),
    mainStreamUri: streamUrlSchema.nullable(),
    subStreamUri: streamUrlSchema.nullable(),
    username: rtspUsernameSchema.nullable(),
    password: rtspPasswordSchema.nullable(),
    rtspTransport: z.enum(RTSP_TRANSPORTS),
    ingest: z.enum(INGEST_MODES),
    lat: latSchema.nullable(),
    lng: lngSchema.nullable(),
    direction: z.number().min(0).max(360).nullable(),
    deviceCode: deviceCodeSchema.nullable(),
    videoCodec: z.enum(['h264', 'h265', 'unknown']),
    vendor: wellFormed(z.string().max(64)).nullable(),
    model: wellFormed(z.string().max(64)).nullable(),
  })
  .partial()
  .strict();
export type CameraUpdate = z.infer<typeof cameraUpdateSchema>;

/** What the API returns: never the password, only whether one is set. */
export interface CameraDto {
  id: string;
  name: string;
  orgUnitId: string;
  category: CameraCategory;
  sourceType: SourceType;
  host: string;
  rtspPort: number;
  onvifPort: number | null;
  mainStreamUri: string | null;
  subStreamUri: string | null;
  username: string | null;
  hasPassword: boolean;
  /** The transport setting (default `auto`). */
  rtspTransport: RtspTransport;
  /** The transport that last delivered video or passed a check (learnt in `auto`); null until known. */
  transportInUse: WireTransport | null;
  /** `ffmpeg`: this camera is always received by an ffmpeg child (escape hatch); default `auto`. */
  ingest: IngestMode;
  lat: number | null;
  lng: number | null;
  direction: number | null;
  deviceCode: string | null;
  videoCodec: 'h264' | 'h265' | 'unknown';
  vendor: string | null;
  model: string | null;
  status: CameraStatus;
  statusSince: string | null;
  /** Why the camera is offline, as a code the console translates; null when online, unknown or recorded before codes. */
  statusReasonCode: CameraReasonCode | null;
  /** The gateway's English wording of the reason (kept for API clients; the console shows the code's translation). */
  statusReason: string | null;
  /** Measured by the stream test (ffprobe) at registration or when URIs/credentials change; null until tested. */
  mainWidth: number | null;
  mainHeight: number | null;
  mainFps: number | null;
  subWidth: number | null;
  subHeight: number | null;
  subFps: number | null;
  /** Codec of the sub stream when it differs from `videoCodec` (the main stream's); null = unknown or same. */
  subVideoCodec: VideoCodec | null;
  /** Audio the camera sends on each stream (measured by the stream test; null = not tested). The console gets AAC. */
  mainAudioCodec: CameraAudioCodec | null;
  subAudioCodec: CameraAudioCodec | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Columns the camera list sorts by (`?sort=`); ties fall back to the camera id, so pages never overlap. `status`
 * ranks offline, unknown, online (problems first when ascending), then by how long the status has held.
 */
export const CAMERA_SORT_KEYS = ['name', 'id', 'orgUnit', 'category', 'sourceType', 'host', 'status', 'statusSince'] as const;
export type CameraSortKey = (typeof CAMERA_SORT_KEYS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const cameraListQuerySchema = z
  .object({
    orgUnit: orgCodeSchema.optional(),
    status: z.enum(CAMERA_STATUSES).optional(),
    category: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3)])).optional(),
    q: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(2000).default(500),
    offset: z.coerce.number().int().min(0).default(0),
    // Camera management at 880+ scale (issue 13): a sorted page. Without `sort` the order stays org unit, name, id.
    sort: z.enum(CAMERA_SORT_KEYS).optional(),
    order: z.enum(SORT_ORDERS).default('asc'),
  })
  .strict();
export type CameraListQuery = z.infer<typeof cameraListQuerySchema>;

/** `?test=false` skips the stream test on create/update; `?force=true` writes even when the test fails. */
const queryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
export const cameraWriteQuerySchema = z.object({ test: queryFlag.optional(), force: queryFlag.optional() }).strict();
export type CameraWriteQuery = z.infer<typeof cameraWriteQuerySchema>;

// ---- stream test (POST /api/v1/cameras/test-stream) -------------------------------------------------

export const streamTestRequestSchema = z.union([
  z
    .object({ url: streamUrlSchema, username: rtspUsernameSchema.nullable().optional(), password: rtspPasswordSchema.nullable().optional(), rtspTransport: z.enum(RTSP_TRANSPORTS).default('auto') })
    .strict(),
  z.object({ cameraId: z.string().min(1).max(64), profile: z.enum(STREAM_PROFILES).default('main') }).strict(),
]);
export type StreamTestRequest = z.infer<typeof streamTestRequestSchema>;

export type StreamTestFailureCode =
  | 'auth-failed'
  | 'connection-refused'
  | 'unreachable'
  | 'timeout'
  | 'stream-not-found'
  | 'invalid-data'
  | 'protocol-blocked'
  | 'camera-error'
  | 'unsupported-transport'
  | 'not-responding'
  | 'no-video'
  | 'no-publisher'
  | 'failed';

/** What a stream test found. `reason` is the English text (`auth failed`, `camera unreachable`, …); never credentials. */
export type StreamTestResult =
  | { ok: true; codec: string; width: number | null; height: number | null; fps: number | null; firstFrameMs: number; transport?: WireTransport; audioCodec?: CameraAudioCodec }
  | { ok: false; code: StreamTestFailureCode; reason: string };

/** How an RTMP push camera publishes: shown once on create and on key rotation, never again. */
export interface RtmpPublishInfo {
  /** Full publish URL: `rtmp://<gateway>:<port>/live/<cameraId>?key=<streamKey>`. */
  publishUrl: string;
  /** For cameras/encoders that ask for "server" and "stream key" separately: `rtmp://<gateway>:<port>/live`. */
  server: string;
  /** `<cameraId>?key=<streamKey>`. */
  streamName: string;
  streamKey: string;
}

export type CameraCreateResponse = CameraDto & { rtmp?: RtmpPublishInfo };

/**
 * A stream URI reduced to what identifies a stream for duplicate detection: scheme and host in lower case, the
 * default port (554 / 322) dropped, no trailing slash. Not a URL to open.
 */
export function streamUriKey(raw: string): string {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(raw.trim());
  if (!m) return raw.trim();
  const scheme = m[1]!.toLowerCase();
  let authority = m[2]!.toLowerCase();
  const defaultPort = scheme === 'rtsp' ? ':554' : scheme === 'rtsps' ? ':322' : null;
  if (defaultPort && authority.endsWith(defaultPort)) authority = authority.slice(0, -defaultPort.length);
  const rest = m[3]!.replace(/\/+$/, '');
  return `${scheme}://${authority}${rest}`;
}

// ---- CSV import/export (camera-config/src/camera-csv.ts; POST /api/v1/cameras/import) ------------------

/**
 * What can be wrong in an import file, as codes the console translates (params fill the words); `reason` carries the
 * same in English for API users and logs. File-level: file-*, header: column-*; the rest are per row.
 */
export const CSV_ISSUE_CODES = [
  'file-not-utf8', 'file-unclosed-quote', 'file-empty', 'file-too-many-rows', 'file-no-rows',
  'column-unknown', 'column-twice', 'column-missing', 'column-missing-org', 'column-missing-stream',
  'row-too-many-cells', 'row-no-camera',
  'name-required', 'org-required', 'township-is-village', 'township-ambiguous', 'township-unknown',
  'village-under-county', 'village-not-village', 'village-other-township', 'village-ambiguous', 'village-unknown', 'village-unknown-in',
  'category-required', 'category-invalid', 'stream-required', 'stream-url-invalid', 'not-a-number', 'lat-lng-pair',
  'value-too-long', 'value-too-short', 'value-too-large', 'value-too-small', 'host-invalid', 'gb-code-invalid', 'value-invalid',
  'duplicate-stream-in-file', 'duplicate-code-in-file', 'duplicate-stream', 'duplicate-code', 'outside-scope', 'stream-address-denied',
] as const;
export type CsvIssueCode = (typeof CSV_ISSUE_CODES)[number];

/** One problem in an import file. `row` is the spreadsheet row (the header is row 1, the first camera row 2). */
export interface CsvRowIssue {
  row: number;
  field: string;
  code: CsvIssueCode;
  /** What the words need: a value, a column, another row, a limit, a camera name … */
  params?: Readonly<Record<string, string | number>>;
  reason: string;
}

export const cameraImportCommitSchema = z
  .object({
    csv: z.string().min(1),
    /** Spreadsheet rows (2 = first camera row) to create; default: every row. Rows not listed are ignored. */
    confirmRows: z.array(z.number().int().min(2)).max(100_000).optional(),
  })
  .strict();
export type CameraImportCommit = z.infer<typeof cameraImportCommitSchema>;

export interface CameraImportRow {
  row: number;
  name: string;
  orgUnitId: string;
  category: CameraCategory;
  host: string;
}

export interface CameraImportReport {
  dryRun: boolean;
  /** Camera rows in the file (header excluded). */
  rows: number;
  /** Rows without any issue (or, on commit, the confirmed rows). */
  valid: number;
  issues: CsvRowIssue[];
  /** Not errors (e.g. an unknown column that was ignored). */
  warnings: CsvRowIssue[];
  /** The cameras that would be created (dry run) or were created (commit). */
  cameras: CameraImportRow[];
  created: number;
  createdIds: string[];
}
