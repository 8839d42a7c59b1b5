import { z } from 'zod';

/**
 * `GET /api/v1/client-config` → `demoFleet`: the simulated camera fleet `npm start` runs beside this gateway, answering
 * ONVIF, so the Devices page can suggest scanning it; null when the gateway runs no demo fleet (a real site).
 */
export const demoFleetSchema = z
  .object({
    /** Address ranges as the scan form takes them, e.g. `127.1.0.1-127.1.0.8`. */
    ranges: z.array(z.string().min(1).max(64)).min(1).max(8),
    cameras: z.number().int().min(1),
  })
  .nullable();
export type DemoFleetInfo = z.infer<typeof demoFleetSchema>;
