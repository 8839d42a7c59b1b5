import { z } from 'zod';
import { nameText, wellFormed } from './text';

export const ROLES = ['admin', 'county-operator', 'township-officer', 'technician', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const loginRequestSchema = z
  .object({
    username: wellFormed(z.string().trim().min(1).max(64)),
    password: wellFormed(z.string().min(1).max(256)),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export interface SessionUserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
  /** An administrator set the password (new account or reset): the user must choose their own before anything else. */
  mustChangePassword?: boolean;
}

export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: SessionUserDto;
}

export interface LiveUrlResponse {
  url: string;
  expiresAt: string;
}

export const userCreateSchema = z
  .object({
    username: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only'),
    displayName: nameText(z.string().trim().min(1).max(64)),
    password: wellFormed(z.string().min(10, 'at least 10 characters').max(256)),
    role: z.enum(ROLES),
    orgUnitId: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/).nullable(),
    /** The password is a temporary one the administrator hands over: the user must change it at first login. */
    mustChangePassword: z.boolean().optional(),
  })
  .strict()
  .refine((u) => u.role !== 'township-officer' || u.orgUnitId !== null, { message: 'a township duty officer needs an org unit', path: ['orgUnitId'] });
export type UserCreate = z.infer<typeof userCreateSchema>;

/** A user as the administration screens see it. */
export interface UserDto extends SessionUserDto {
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  passwordChangedAt: string;
}

export const userUpdateSchema = z
  .object({
    displayName: nameText(z.string().trim().min(1).max(64)).optional(),
    role: z.enum(ROLES).optional(),
    orgUnitId: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/).nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, { message: 'nothing to change' });
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** An administrator sets a temporary password; the user must change it at the next login. */
export const passwordResetSchema = z.object({ password: wellFormed(z.string().min(8).max(256)) }).strict();

/** The user's own change: the current password is required. */
export const passwordChangeSchema = z
  .object({ currentPassword: wellFormed(z.string().min(1).max(256)), newPassword: wellFormed(z.string().min(8).max(256)) })
  .strict()
  .refine((p) => p.currentPassword !== p.newPassword, { message: 'the new password must differ from the current one', path: ['newPassword'] });
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

/** GET /api/v1/audit (audit.read). Times are ISO 8601; `camera` matches the target camera id. */
export const auditQuerySchema = z
  .object({
    user: z.string().trim().min(1).max(64).optional(),
    camera: z.string().trim().min(1).max(64).optional(),
    action: z.string().trim().min(1).max(64).regex(/^[a-z0-9.*_-]+$/, 'letters, digits, . _ - and * (prefix)').optional(),
    outcome: z.enum(['ok', 'denied', 'failed']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditEntryDto {
  id: number;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  ip: string | null;
  details: Record<string, unknown> | null;
}

export interface AuditListResponse {
  items: AuditEntryDto[];
  total: number;
  limit: number;
  offset: number;
}
