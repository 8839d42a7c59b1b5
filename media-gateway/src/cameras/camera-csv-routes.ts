import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cameraImportCommitSchema } from '../../../contracts/src/camera';
import { orgCodeSchema } from '../../../contracts/src/org-unit';
import { requires } from '../auth/route-policy';
import type { CameraImportService } from './camera-import';
import { badRequest, HttpError } from '../platform/errors';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';

export interface CameraCsvRouteDeps {
  imports: CameraImportService;
  /** Body limit of the import route (config `cameras.importMaxBytes`), CSV or JSON. */
  maxBytes: number;
}

const importQuery = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional() }).strict();
const exportQuery = z.object({ orgUnit: orgCodeSchema.optional() }).strict();

/** The CSV text of a text/csv body (strict UTF-8) or of a JSON body `{ csv, confirmRows? }`. */
function importBody(req: FastifyRequest): { csv: string; confirmRows?: number[] | undefined } {
  if (Buffer.isBuffer(req.body)) {
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, 'unsupported_media_type', `CSV must be UTF-8, not ${charset}`);
    try {
      return { csv: new TextDecoder('utf-8', { fatal: true }).decode(req.body) };
    } catch {
      throw badRequest('the file is not UTF-8 (in Excel: Save As → "CSV UTF-8")');
    }
  }
  return parseInput(cameraImportCommitSchema, req.body, 'body');
}

/**
 * POST /api/v1/cameras/import?dryRun=true   (text/csv, or JSON { csv }) → per-row report, nothing written
 * POST /api/v1/cameras/import               (JSON { csv, confirmRows? }, or text/csv = every row) → created, or 422
 * GET  /api/v1/cameras/export.csv[?orgUnit=] → the caller's cameras, no passwords
 */
export function registerCameraCsvRoutes(app: FastifyInstance, deps: CameraCsvRouteDeps): void {
  // An encapsulated plugin, so the text/csv body parser exists on the import route only.
  void app.register(async (scoped) => {
    scoped.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_req, body, done) => done(null, body));
    scoped.post('/api/v1/cameras/import', { config: requires('camera.write', 'global'), bodyLimit: deps.maxBytes }, async (req) => {
      const { dryRun } = parseInput(importQuery, req.query, 'query');
      const body = importBody(req);
      return dryRun ? deps.imports.dryRun(requireUser(req), body.csv, req.ip) : deps.imports.commit(requireUser(req), body.csv, body.confirmRows, req.ip);
    });
  });

  app.get('/api/v1/cameras/export.csv', { config: requires('camera.read', 'filtered') }, async (req, reply) => {
    const { orgUnit } = parseInput(exportQuery, req.query, 'query');
    const { csv } = deps.imports.exportCsv(requireUser(req), orgUnit, req.ip);
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="cameras-${day}.csv"`);
    reply.header('cache-control', 'no-store');
    return reply.send(csv);
  });
}
