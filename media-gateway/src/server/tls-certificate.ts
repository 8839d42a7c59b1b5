import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  generated: boolean;
}

/**
 * HTTP/2 in browsers needs TLS. With no certificate configured, a self-signed one is generated once into the
 * data dir (mode 0600 key) so a workstation can pin or trust it; a county deploys its own CA's certificate instead.
 */
export async function loadOrCreateTls(dataDir: string, configured: { certFile: string; keyFile: string } | null): Promise<TlsMaterial> {
  if (configured) return { key: readFileSync(configured.keyFile, 'utf8'), cert: readFileSync(configured.certFile, 'utf8'), generated: false };
  const dir = join(dataDir, 'tls');
  const keyFile = join(dir, 'gateway.key');
  const certFile = join(dir, 'gateway.crt');
  if (existsSync(keyFile) && existsSync(certFile)) return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), generated: false };
  mkdirSync(dir, { recursive: true });
  const notAfter = new Date();
  notAfter.setFullYear(notAfter.getFullYear() + 5);
  const pems = await generate([{ name: 'commonName', value: 'county-video-gateway' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: hostname() },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  } as Parameters<typeof generate>[1]);
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  return { key: pems.private, cert: pems.cert, generated: true };
}
