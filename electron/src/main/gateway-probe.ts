/**
 * Asks a gateway for `/api/v1/health` from the main process (Node's TLS, not Chromium's) and reports what
 * certificate it presented. It does not trust that certificate: it only reads it so certificate-pinning.ts can
 * decide. Nothing but a GET of the public health route is sent before that decision.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { PresentedCertificate } from './certificate-pinning';

export interface GatewayProbeResult {
  /** 200 with `{ "status": "ok" }`. */
  healthy: boolean;
  /** The certificate the server presented (https only, when the handshake got that far). */
  certificate: PresentedCertificate | null;
  problem: string | null;
}

export type GatewayProbe = (origin: string) => Promise<GatewayProbeResult>;

const MAX_BODY = 4096;

export function probeGateway(origin: string, timeoutMs = 3000): Promise<GatewayProbeResult> {
  const url = new URL('/api/v1/health', origin);
  const isHttps = url.protocol === 'https:';
  return new Promise((resolve) => {
    let certificate: PresentedCertificate | null = null;
    let settled = false;
    const done = (result: Omit<GatewayProbeResult, 'certificate'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, certificate });
    };
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
        else res.destroy();
      });
      res.on('end', () => {
        let status: unknown = null;
        try {
          status = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status?: unknown }).status;
        } catch {
          // not JSON
        }
        const healthy = res.statusCode === 200 && status === 'ok';
        done({ healthy, problem: healthy ? null : `health answered HTTP ${res.statusCode ?? '?'}` });
      });
      res.on('error', (err) => done({ healthy: false, problem: err.message }));
    };
    const options = { method: 'GET', agent: false as const, timeout: timeoutMs, headers: { accept: 'application/json' } };
    const req = isHttps ? httpsRequest(url, { ...options, rejectUnauthorized: false }, onResponse) : httpRequest(url, options, onResponse);
    if (isHttps) {
      req.on('socket', (socket) => {
        socket.once('secureConnect', () => {
          const tls = socket as TLSSocket;
          const peer = tls.getPeerCertificate();
          if (peer && peer.fingerprint256) certificate = { authorized: tls.authorized, fingerprint: peer.fingerprint256.toUpperCase() };
        });
      });
    }
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => done({ healthy: false, problem: err.message }));
    req.end();
  });
}
