import { z } from 'zod';
import { orgCodeSchema } from './org-unit';
import type { CameraReasonCode } from './stream-status';

/** Alarms (告警): what the gateway raises, how an operator handles it, and the response plans (预案) that route it. */

export const ALARM_SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];
/** Higher is more severe; rules match "severity ≥". */
export const SEVERITY_RANK: Readonly<Record<AlarmSeverity, number>> = { info: 0, minor: 1, major: 2, critical: 3 };

export const ALARM_STATES = ['new', 'acknowledged', 'resolved', 'dismissed', 'converted'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];
/** Open alarms still need someone: they coalesce repeats and show in the pop-up queue. */
export const OPEN_ALARM_STATES = ['new', 'acknowledged'] as const satisfies readonly AlarmState[];

/** Types the gateway raises itself; external sources may send their own (see alarmTypeSchema). */
export const HEALTH_ALARM_TYPES = ['camera-offline', 'stream-stalled', 'auth-failed', 'camera-flapping'] as const;
export type HealthAlarmType = (typeof HEALTH_ALARM_TYPES)[number];
/**
 * Faults of the gateway itself: `storage-fault` when background writes fail for `db.faultAlarmAfterSec`;
 * `storage-full` when the data dir's free space is below `db.minFreeMb` or the disk refused a write as full;
 * `ingest-fault` when ffmpeg children keep dying for reasons of their own (killed, crashed), not a camera's.
 */
export const GATEWAY_ALARM_TYPES = ['storage-fault', 'storage-full', 'ingest-fault'] as const;
/**
 * Their source. The alarms table's CHECK allows `camera-health`, `onvif` and `external:*` only (changing it means
 * rebuilding the table), so the gateway reports as a reserved external name that no API key may take.
 */
export const GATEWAY_ALARM_SOURCE = 'external:gateway' as const;
export type GatewayAlarmType = (typeof GATEWAY_ALARM_TYPES)[number];
export const KNOWN_ALARM_TYPES = [...HEALTH_ALARM_TYPES, 'motion', 'tamper', 'grid-report', ...GATEWAY_ALARM_TYPES] as const;

export const alarmTypeSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,47}$/, 'lower-case letters, digits, . _ - (1–48)');
export const alarmSourceNameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,47}$/, 'lower-case letters, digits, . _ - (1–48)');
const idSchema = z.string().min(1).max(64);

/** `camera-health` | `onvif` | `external:<sourceName>` */
export type AlarmSource = 'camera-health' | 'onvif' | `external:${string}`;

/** The sound a console plays: a named sound, or the default for the alarm's severity. */
export const ALARM_SOUNDS = ['by-severity', 'siren', 'alert', 'chime', 'none'] as const;
export type AlarmSoundChoice = (typeof ALARM_SOUNDS)[number];
export type AlarmSound = Exclude<AlarmSoundChoice, 'by-severity'>;
export const SOUND_BY_SEVERITY: Readonly<Record<AlarmSeverity, AlarmSound>> = { critical: 'siren', major: 'alert', minor: 'chime', info: 'none' };

/** What a matched rule asks the consoles (and walls) to do. */
export interface AlarmAction {
  ruleId: string;
  ruleName: string;
  /** Layout to show on the wall (or in the operator's pop-up when no wall is named). */
  layoutId: string | null;
  /** Wall to push to: the gateway publishes `show-layout` / `show-camera` on `wall:<id>`. */
  wallId: string | null;
  /** A running tour on that wall pauses and resumes after the alarm is acknowledged. */
  interruptTour: boolean;
  sound: AlarmSound;
}

export interface AlarmDto {
  id: string;
  type: string;
  severity: AlarmSeverity;
  source: AlarmSource;
  /** The primary camera, null for an alarm about a place only. */
  cameraId: string | null;
  /** Every camera concerned (the primary first). */
  cameraIds: string[];
  cameraName: string | null;
  /** Camera position (or the org unit's) for the map marker; null when unknown. */
  lat: number | null;
  lng: number | null;
  orgUnitId: string;
  orgUnitName: string | null;
  title: string;
  /** English text, for API clients; the console words `detailCode` instead when there is one. */
  detail: string | null;
  /** A camera-health alarm's reason as a code (the gateway's words for it are `detail`); null when it has none. */
  detailCode?: CameraReasonCode | null;
  /** When the source says it happened (defaults to when it was received). */
  occurredAt: string;
  /** When the first and the latest coalesced repeat were received. */
  firstAt: string;
  lastAt: string;
  /** Coalesced repeats: 1 for a single event. */
  count: number;
  externalEventId: string | null;
  state: AlarmState;
  assignedTo: string | null;
  assignedToName: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  dismissedReason: string | null;
  incidentId: string | null;
  hasSnapshot: boolean;
  /** Matched response plans, most specific first (evaluated when the alarm was raised). */
  actions: AlarmAction[];
  updatedAt: string;
}

export const ALARM_EVENT_ACTIONS = ['raised', 'acknowledged', 'assigned', 'dismissed', 'resolved', 'converted', 'camera-online', 'reason-changed'] as const;
export type AlarmEventAction = (typeof ALARM_EVENT_ACTIONS)[number];

/** One line of an alarm's history: who did what, when. */
export interface AlarmEventDto {
  id: number;
  at: string;
  action: AlarmEventAction;
  /** The user who acted, null for the gateway itself or an external source. */
  userId: string | null;
  /** Display name of the user, `system`, or `external:<name>`. */
  actor: string;
  fromState: AlarmState | null;
  toState: AlarmState | null;
  note: string | null;
  /** A system note that is a camera's reason (raised, reason-changed), as a code; null otherwise. */
  noteCode?: CameraReasonCode | null;
}

export interface AlarmDetailDto extends AlarmDto {
  history: AlarmEventDto[];
}

export interface AlarmListResponse {
  items: AlarmDto[];
  total: number;
}

/** Payload on the `alarms` WebSocket topic. */
export interface AlarmTopicEvent {
  kind: 'created' | 'updated';
  alarm: AlarmDto;
}

// ---- requests --------------------------------------------------------------------------------------------

/** `POST /api/v1/alarms` from another system, authenticated by its `x-api-key`. */
export const externalAlarmSchema = z
  .object({
    eventId: z.string().trim().min(1).max(128),
    type: alarmTypeSchema,
    severity: z.enum(ALARM_SEVERITIES),
    cameraId: idSchema.optional(),
    /** Further cameras concerned (the primary is cameraId). */
    cameraIds: z.array(idSchema).max(16).optional(),
    orgUnitId: orgCodeSchema.optional(),
    title: z.string().trim().min(1).max(200),
    detail: z.string().max(4000).optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((a) => a.cameraId !== undefined || a.orgUnitId !== undefined, { message: 'give cameraId or orgUnitId', path: ['cameraId'] })
  .refine((a) => a.cameraIds === undefined || a.cameraId !== undefined, { message: 'cameraIds needs a primary cameraId', path: ['cameraIds'] });
export type ExternalAlarm = z.infer<typeof externalAlarmSchema>;

export interface ExternalAlarmResponse {
  alarmId: string;
  /** True when the event was folded into an open alarm of the same camera and type. */
  coalesced: boolean;
  /** True when this eventId had been received before (HTTP 200 instead of 201). */
  duplicate: boolean;
  count: number;
  state: AlarmState;
}

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(item).min(1).max(10));

export const alarmListQuerySchema = z
  .object({
    /** One state or several, comma-separated: `state=new,acknowledged`. */
    state: csv(z.enum(ALARM_STATES)).optional(),
    type: csv(alarmTypeSchema).optional(),
    severity: csv(z.enum(ALARM_SEVERITIES)).optional(),
    orgUnit: orgCodeSchema.optional(),
    cameraId: idSchema.optional(),
    /** Raised (firstAt) at or after / before. */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type AlarmListQuery = z.infer<typeof alarmListQuerySchema>;

export const alarmAckSchema = z.object({ note: z.string().trim().max(1000).optional() }).strict();
export const alarmAssignSchema = z.object({ userId: idSchema, note: z.string().trim().max(1000).optional() }).strict();
export const alarmDismissSchema = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(1000) }).strict();
export const alarmResolveSchema = z.object({ note: z.string().trim().max(1000).optional() }).strict();

// ---- API-key sources ---------------------------------------------------------------------------------------

/** The name behind GATEWAY_ALARM_SOURCE: no API key may report as the gateway itself. */
export const RESERVED_ALARM_SOURCE_NAME = GATEWAY_ALARM_SOURCE.slice('external:'.length);

export const alarmSourceCreateSchema = z
  .object({
    name: alarmSourceNameSchema.refine((n) => n !== RESERVED_ALARM_SOURCE_NAME, `"${RESERVED_ALARM_SOURCE_NAME}" is reserved for the gateway's own alarms`),
    /** Alarms from this source must lie in this org unit's subtree; null/absent = the whole site. */
    allowedOrgUnitId: orgCodeSchema.nullable().optional(),
  })
  .strict();
export type AlarmSourceCreate = z.infer<typeof alarmSourceCreateSchema>;

export interface AlarmSourceDto {
  id: string;
  name: string;
  /** First characters of the key, to tell keys apart; the key itself is never stored. */
  keyPrefix: string;
  allowedOrgUnitId: string | null;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** A disabled source keeps its key and name, but its webhook calls are refused (401) until it is enabled. */
  enabled: boolean;
  /** When the key was last replaced (null: still the key it was created with). */
  keyRotatedAt: string | null;
}

/** `PATCH /api/v1/alarm-sources/{id}`: switch a source off (its webhook is refused) or on again. */
export const alarmSourceUpdateSchema = z.object({ enabled: z.boolean() }).strict();
export type AlarmSourceUpdate = z.infer<typeof alarmSourceUpdateSchema>;

/** The answer to creating a source or rotating its key: the only time the key is shown. */
export interface AlarmSourceCreated extends AlarmSourceDto {
  apiKey: string;
}

// ---- rules (预案) ----------------------------------------------------------------------------------------

const ruleShape = z
  .object({
    name: z.string().trim().min(1).max(64),
    enabled: z.boolean().default(true),
    /** null = every type. */
    alarmType: alarmTypeSchema.nullable().default(null),
    /** The rule covers this org unit's subtree; null = the whole site. */
    orgUnitId: orgCodeSchema.nullable().default(null),
    minSeverity: z.enum(ALARM_SEVERITIES).default('info'),
    layoutId: idSchema.nullable().default(null),
    wallId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (1–64)').nullable().default(null),
    interruptTour: z.boolean().default(false),
    sound: z.enum(ALARM_SOUNDS).default('by-severity'),
  })
  .strict();
/** POST creates, PUT replaces the whole rule (absent fields take their defaults). */
export const alarmRuleCreateSchema = ruleShape;
export type AlarmRuleCreate = z.infer<typeof alarmRuleCreateSchema>;

export interface AlarmRuleDto extends AlarmRuleCreate {
  id: string;
  createdAt: string;
  updatedAt: string;
}
