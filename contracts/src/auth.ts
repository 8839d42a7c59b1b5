import { z } from 'zod';

export const ROLES = ['admin', 'county-operator', 'township-officer', 'technician', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export interface SessionUserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
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
    displayName: z.string().trim().min(1).max(64),
    password: z.string().min(10, 'at least 10 characters').max(256),
    role: z.enum(ROLES),
    orgUnitId: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/).nullable(),
  })
  .strict()
  .refine((u) => u.role !== 'township-officer' || u.orgUnitId !== null, { message: 'a township duty officer needs an org unit', path: ['orgUnitId'] });
export type UserCreate = z.infer<typeof userCreateSchema>;
