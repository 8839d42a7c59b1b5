import { z } from 'zod';
import { latSchema, lngSchema, orgCodeSchema } from './org-unit';
import { checkStreamUrl } from './stream-url';

export const CAMERA_CATEGORIES = [1, 2, 3] as const;
export const SOURCE_TYPES = ['onvif', 'rtsp', 'rtmp-push'] as const;
export const CAMERA_STATUSES = ['online', 'offline', 'unknown'] as const;
export const STREAM_PROFILES = ['main', 'sub'] as const;
export type CameraCategory = (typeof CAMERA_CATEGORIES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];
export type CameraStatus = (typeof CAMERA_STATUSES)[number];
export type StreamProfile = (typeof STREAM_PROFILES)[number];

export const streamUrlSchema = z.string().superRefine((value, ctx) => {
  const check = checkStreamUrl(value);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: `stream URL ${check.reason}` });
});

/** GB/T 28181 device code: 20 digits (centre code 10 + industry 2 + type 3 + network 1 + serial 6 … as issued). */
export const deviceCodeSchema = z.string().regex(/^\d{20}$/, 'must be a 20-digit GB/T 28181 device code');

const cameraFields = {
  name: z.string().trim().min(1).max(100),
  orgUnitId: orgCodeSchema,
  category: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  sourceType: z.enum(SOURCE_TYPES),
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'must be a host name or IP address'),
  rtspPort: z.number().int().min(1).max(65535).default(554),
  onvifPort: z.number().int().min(1).max(65535).nullable().default(null),
  mainStreamUri: streamUrlSchema.nullable().default(null),
  subStreamUri: streamUrlSchema.nullable().default(null),
  username: z.string().max(128).nullable().default(null),
  lat: latSchema.nullable().default(null),
  lng: lngSchema.nullable().default(null),
  direction: z.number().min(0).max(360).nullable().default(null),
  deviceCode: deviceCodeSchema.nullable().default(null),
  videoCodec: z.enum(['h264', 'h265', 'unknown']).default('unknown'),
  vendor: z.string().max(64).nullable().default(null),
  model: z.string().max(64).nullable().default(null),
};

/** What a client sends to create a camera. The password is write-only. */
export const cameraCreateSchema = z
  .object({ ...cameraFields, password: z.string().max(128).nullable().default(null) })
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
    username: z.string().max(128).nullable(),
    password: z.string().max(128).nullable(),
    lat: latSchema.nullable(),
    lng: lngSchema.nullable(),
    direction: z.number().min(0).max(360).nullable(),
    deviceCode: deviceCodeSchema.nullable(),
    videoCodec: z.enum(['h264', 'h265', 'unknown']),
    vendor: z.string().max(64).nullable(),
    model: z.string().max(64).nullable(),
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
  lat: number | null;
  lng: number | null;
  direction: number | null;
  deviceCode: string | null;
  videoCodec: 'h264' | 'h265' | 'unknown';
  vendor: string | null;
  model: string | null;
  status: CameraStatus;
  statusSince: string | null;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const cameraListQuerySchema = z
  .object({
    orgUnit: orgCodeSchema.optional(),
    status: z.enum(CAMERA_STATUSES).optional(),
    category: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2), z.literal(3)])).optional(),
    q: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(2000).default(500),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type CameraListQuery = z.infer<typeof cameraListQuerySchema>;
