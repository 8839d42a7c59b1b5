import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOfPem } from './certificate-pinning';
import { probeGateway } from './gateway-probe';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(server: Server): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const health = (status: number, body: string) => (_req: unknown, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
};

describe('probeGateway', () => {
  it('reads a self-signed gateway certificate without trusting it', async () => {
    const pems = await generate([{ name: 'commonName', value: 'county-video-gateway' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as Parameters<typeof generate>[1]);
    const port = await listen(createHttpsServer({ key: pems.private, cert: pems.cert }, health(200, '{"status":"ok"}')));
    const result = await probeGateway(`https://127.0.0.1:${port}`);
    expect(result).toEqual({ healthy: true, problem: null, certificate: { authorized: false, fingerprint: fingerprintOfPem(pems.cert) } });
  });

  it('plain http: healthy without a certificate; a wrong answer is not healthy', async () => {
    const ok = await listen(createHttpServer(health(200, '{"status":"ok"}')));
    expect(await probeGateway(`http://127.0.0.1:${ok}`)).toEqual({ healthy: true, problem: null, certificate: null });
    const other = await listen(createHttpServer(health(200, '<html>router login</html>')));
    expect(await probeGateway(`http://127.0.0.1:${other}`)).toMatchObject({ healthy: false });
    const failing = await listen(createHttpServer(health(503, '{"status":"starting"}')));
    expect(await probeGateway(`http://127.0.0.1:${failing}`)).toEqual({ healthy: false, problem: 'health answered HTTP 503', certificate: null });
  });

  it('reports a closed port and a silent server as problems', async () => {
    const closed = await listen(createHttpServer());
    await new Promise((r) => servers.pop()!.close(r));
    expect(await probeGateway(`http://127.0.0.1:${closed}`)).toMatchObject({ healthy: false, problem: expect.stringContaining('ECONNREFUSED') });
    const silent = await listen(createHttpServer(() => {}));
    expect(await probeGateway(`http://127.0.0.1:${silent}`, 200)).toMatchObject({ healthy: false, problem: 'no answer within 200 ms' });
  });
});
