import { connect } from 'node:http2';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../media-gateway/src/config/load-config';
import { startGateway, type Gateway } from '../../media-gateway/src/gateway';
import { LogCapture } from '../helpers/log-capture';

describe('default transport: HTTP/2 over TLS with a generated certificate', () => {
  let gw: Gateway;
  let dataDir: string;
  const announced: string[] = [];
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cvg-h2-'));
    gw = await startGateway(loadConfig({ env: {}, overrides: { dataDir, port: 0, logLevel: 'info' } }), { logDestination: new LogCapture(), env: {}, announce: (t) => announced.push(t) });
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('speaks h2 over TLS and keeps the generated key private', async () => {
    expect(gw.url).toMatch(/^https:\/\//);
    const cert = readFileSync(join(dataDir, 'tls/gateway.crt'), 'utf8');
    expect(cert).toContain('BEGIN CERTIFICATE');
    expect(statSync(join(dataDir, 'tls/gateway.key')).mode & 0o777).toBe(0o600);
    const client = connect(gw.url, { ca: cert, servername: 'localhost' });
    const { status, body, alpn } = await new Promise<{ status: number; body: string; alpn: string | false | undefined }>((resolve, reject) => {
      const req = client.request({ ':path': '/api/v1/health' });
      let body = '';
      let status = 0;
      req.on('response', (h) => (status = Number(h[':status'])));
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => resolve({ status, body, alpn: client.alpnProtocol }));
      req.on('error', reject);
    });
    client.close();
    expect(alpn).toBe('h2');
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ status: 'ok' });
  });

  it('generates the first admin password once, since ADMIN_PASSWORD was not set', () => {
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatch(/user "admin" with password \S{12,}/);
  });
});
