import type { FastifyInstance } from 'fastify';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { publicRoute } from '../auth/route-policy';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.geojson': 'application/geo+json',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/**
 * Serves the built console (a few MB) from memory: the file set is read once, and a request can only name a key of
 * that map, so no path traversal is possible. Unknown non-API paths get index.html (client-side routes).
 */
export function registerRenderer(app: FastifyInstance, dir: string): void {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ dir: root }, 'renderer build not found; the console is not served (run npm run build:renderer)');
    return;
  }
  const files = new Map<string, { body: Buffer; type: string; immutable: boolean }>();
  for (const full of walk(root)) {
    const key = '/' + relative(root, full).split(sep).join('/');
    files.set(key, { body: readFileSync(full), type: TYPES[extname(full)] ?? 'application/octet-stream', immutable: key.startsWith('/assets/') });
  }
  const index = files.get('/index.html')!;
  // No inline or eval'd script, nothing from another origin but map tiles (images), no framing, no plugins.
  // Styles keep 'unsafe-inline' (React and Leaflet position elements with style attributes); scripts never do.
  // connect-src names this very host for the WebSocket (ws:/wss: alone would allow any host).
  const cspFor = (host: string | undefined) =>
    [
      "default-src 'self'",
      "script-src 'self'",
      "script-src-attr 'none'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https: http:",
      "media-src 'self' blob:",
      `connect-src 'self'${host && /^[A-Za-z0-9.:[\]-]{1,300}$/.test(host) ? ` wss://${host} ws://${host}` : ''}`,
      "worker-src 'self' blob:",
      "font-src 'self' data:",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-src 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
  app.get('/*', { config: publicRoute }, (req, reply) => {
    const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
    if (path.startsWith('/api/') || path.startsWith('/hls/')) return reply.code(404).send({ error: 'not_found', message: 'no such route' });
    const file = files.get(path) ?? index;
    reply.header('content-type', file.type);
    reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (file === index) reply.header('content-security-policy', cspFor(req.headers.host ?? (req.headers[':authority'] as string | undefined)));
    return reply.send(file.body);
  });
}
