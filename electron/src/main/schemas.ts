/** zod schemas for what the shell persists and what it accepts over IPC; pure, shared by settings and IPC. */
import { z } from 'zod';
import type { WallConfig } from '../../../contracts/src/desktop-ipc';
import { parseGatewayUrl } from './gateway-url';

/** A gateway origin exactly as `parseGatewayUrl` normalises it. */
export const gatewayOriginSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseGatewayUrl(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `gateway URL ${parsed.message}` });
  else if (parsed.origin !== value) ctx.addIssue({ code: 'custom', message: `gateway URL must be stored as its origin (${parsed.origin})` });
});

/** SHA-256 of the DER certificate, as `openssl x509 -fingerprint -sha256` and Node's fingerprint256 print it. */
export const fingerprintSchema = z.string().regex(/^(?:[0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'must be a SHA-256 fingerprint AA:BB:…');

export const displayKeySchema = z.string().regex(/^-?\d{1,6},-?\d{1,6},\d{1,6}x\d{1,6}$/, 'must be a display key "x,y,WxH"');

/** Layout ids go into the wall URL; keep them to URL-safe characters. */
export const layoutIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1-64 letters, digits, _ . -');

export const wallAssignmentSchema = z.strictObject({
  displayKey: displayKeySchema,
  layoutId: layoutIdSchema,
  allowOnOperatorDisplay: z.boolean().optional(),
});

export const wallConfigSchema: z.ZodType<WallConfig> = z.strictObject({
  assignments: z.array(wallAssignmentSchema).max(32),
  openOnStart: z.boolean(),
});

/** null: no alarm window, alarms pop up in the operator window's dock. */
export const alarmWindowPlacementSchema = z.strictObject({ displayKey: displayKeySchema.nullable() });

export const notificationRequestSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  body: z.string().max(500),
  urgency: z.enum(['normal', 'critical']).optional(),
  silent: z.boolean().optional(),
});

export const SETTINGS_VERSION = 1;

export const settingsSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  /** null until the first start has found or been told the gateway. */
  gatewayUrl: gatewayOriginSchema.nullable(),
  /** origin → pinned certificate fingerprint (trust on first use), only for gateways without a CA-trusted cert. */
  certificatePins: z.record(gatewayOriginSchema, fingerprintSchema),
  wall: wallConfigSchema,
  /** The display the operator window was last on; walls stay off it unless asked. */
  operatorDisplayKey: displayKeySchema.nullable(),
  /** Added after version 1 shipped: a file without it reads as "no alarm window" (not as a corrupt file). */
  alarmWindow: alarmWindowPlacementSchema.default({ displayKey: null }),
});

export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return { version: SETTINGS_VERSION, gatewayUrl: null, certificatePins: {}, wall: { assignments: [], openOnStart: false }, operatorDisplayKey: null, alarmWindow: { displayKey: null } };
}

/** One line per issue: `wall.assignments.0.layoutId: must be …`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}
