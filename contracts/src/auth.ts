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
