import { z } from 'zod';
import { nameText } from './text';

export const ORG_LEVELS = ['county', 'township', 'village'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** GB/T 2260 county code (6 digits) extended with the statistical township (3) and village (3) parts. */
export const orgCodeSchema = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a 6, 9 or 12 digit GB/T 2260-style code');

export const latSchema = z.number().min(-90).max(90);
export const lngSchema = z.number().min(-180).max(180);

export const orgUnitSchema = z.object({
  id: orgCodeSchema,
  name: nameText(z.string().min(1).max(64)),
  nameEn: nameText(z.string().max(128)).nullable(),
  level: z.enum(ORG_LEVELS),
  parentId: orgCodeSchema.nullable(),
  lat: latSchema.nullable(),
  lng: lngSchema.nullable(),
  demo: z.boolean(),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;

export const orgUnitCreateSchema = orgUnitSchema.omit({ demo: true }).extend({ demo: z.boolean().default(false) }).strict();
export type OrgUnitCreate = z.infer<typeof orgUnitCreateSchema>;
export const orgUnitUpdateSchema = orgUnitSchema.omit({ id: true, level: true, demo: true }).partial().strict();
export type OrgUnitUpdate = z.infer<typeof orgUnitUpdateSchema>;
