import { describe, expect, it } from 'vitest';
import { OnvifDeviceClient, OnvifError } from './onvif-device-client';
import { passwordDigest } from './onvif-soap';
import { parseSafeXml, path, text } from './safe-xml';
import { HttpFailure, type HttpReply, type SoapPoster } from './soap-http';
import { onvifFixture } from './test-fixtures';

interface Seen {
  url: string;
  body: string;
  headers: Record<string, string>;
}

const reply = (status: number, body: string, headers: Record<string, string> = {}): HttpReply => ({ status, headers, body: Buffer.from(body) });

/** A scripted device: each request is answered by the next function in the list. */
function scripted(...steps: Array<(s: Seen) => HttpReply>): { post: SoapPoster; seen: Seen[] } {
  const seen: Seen[] = [];
  const post: SoapPoster = async (url, body, o) => {
    const s = { url, body, headers: o.headers };
    seen.push(s);
    const step = steps[seen.length - 1];
    if (!step) throw new Error('unexpected request');
    return step(s);
  };
  return { post, seen };
}

const client = (post: SoapPoster, now = () => Date.parse('2024-03-18T06:46:05.000Z')) =>
  new OnvifDeviceClient('http://192.168.1.64/onvif/device_service', { timeoutMs: 1000, maxBytes: 256 * 1024, post, now });

const token = (body: string) => {
  const ut = path(parseSafeXml(body), 'Envelope', 'Header', 'Security', 'UsernameToken');
  return { created: text(path(ut, 'Created')), nonce: text(path(ut, 'Nonce')), password: text(path(ut, 'Password')) };
};

describe('OnvifDeviceClient', () => {
  it('learns the clock offset unauthenticated and stamps Created on the device clock', async () => {
    const { post, seen } = scripted(
      () => reply(200, onvifFixture('hikvision/get-system-date-and-time.xml')), // device says 06:41:05, we are at 06:46:05
      () => reply(200, onvifFixture('hikvision/get-device-information.xml')),
    );
    const c = client(post);
    expect(await c.measureClock()).toBe(-299_500);
    expect(seen[0]?.body).not.toContain('Security');
    expect(seen[0]?.headers['content-type']).toContain('action="http://www.onvif.org/ver10/device/wsdl/GetSystemDateAndTime"');
    c.useCredential({ username: 'admin', password: 'secret' });
    expect(await c.deviceInformation()).toMatchObject({ manufacturer: 'HIKVISION' });
    const t = token(seen[1]!.body);
    expect(t.created).toBe('2024-03-18T06:41:05Z');
    expect(t.password).toBe(passwordDigest(Buffer.from(t.nonce!, 'base64'), t.created!, 'secret'));
    expect(seen[1]?.body).not.toContain('secret');
  });

  it('falls back to HTTP Digest on a 401 challenge and stays with it', async () => {
    const challenge = { 'www-authenticate': 'Digest realm="IP Camera(12345)", nonce="abc", qop="auth"' };
    const { post, seen } = scripted(
      () => reply(401, '<html>401</html>', challenge),
      (s) => (s.headers.authorization?.startsWith('Digest ') ? reply(200, onvifFixture('dahua/get-device-information.xml')) : reply(401, '', challenge)),
      (s) => (s.headers.authorization?.includes('nc=00000002') ? reply(200, onvifFixture('dahua/get-profiles.xml')) : reply(401, '', challenge)),
    );
    const c = client(post);
    c.useCredential({ username: 'admin', password: 'secret' });
    expect(await c.deviceInformation()).toMatchObject({ manufacturer: 'Dahua' });
    expect(seen[1]?.headers.authorization).toMatch(/username="admin", realm="IP Camera\(12345\)", nonce="abc", uri="\/onvif\/device_service"/);
    expect(seen[1]?.body).not.toContain('UsernameToken');
    expect((await c.profiles('http://192.168.1.64/onvif/media_service')).length).toBe(4);
  });

  it('reports wrong credentials as auth, whichever way the device says it', async () => {
    const c1 = client(scripted(() => reply(401, onvifFixture('hikvision/fault-not-authorized.xml'))).post);
    c1.useCredential({ username: 'admin', password: 'nope' });
    await expect(c1.deviceInformation()).rejects.toMatchObject({ kind: 'auth' });

    const c2 = client(scripted(() => reply(400, onvifFixture('dahua/fault-not-authorized.xml'))).post);
    c2.useCredential({ username: 'admin', password: 'nope' });
    await expect(c2.deviceInformation()).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('NotAuthorized') });

    const challenge = { 'www-authenticate': 'Digest realm="r", nonce="n1"' };
    const c3 = client(scripted(() => reply(401, '', challenge), () => reply(401, '', challenge)).post);
    c3.useCredential({ username: 'admin', password: 'nope' });
    await expect(c3.deviceInformation()).rejects.toMatchObject({ kind: 'auth', message: 'GetDeviceInformation: HTTP 401' });
  });

  it('classifies broken replies', async () => {
    const cases: Array<[() => HttpReply | never, string]> = [
      [() => reply(200, onvifFixture('hostile/doctype-entity-expansion.xml')), 'malformed'],
      [() => reply(200, onvifFixture('hostile/malformed-truncated.xml')), 'malformed'],
      [() => reply(200, onvifFixture('hikvision/get-profiles.xml')), 'malformed'], // the wrong response element
      [() => reply(500, onvifFixture('hikvision/fault-action-not-supported.xml')), 'fault'],
      [() => reply(502, '<html>bad gateway</html>'), 'http'],
      [() => {
        throw new HttpFailure('too-large', 'reply too large (over 262144 bytes)');
      }, 'too-large'],
      [() => {
        throw new HttpFailure('timeout', 'no complete reply within 1000 ms');
      }, 'timeout'],
    ];
    for (const [step, kind] of cases) {
      const err = await client(scripted(step).post).deviceInformation().catch((e: unknown) => e);
      expect(err, kind).toBeInstanceOf(OnvifError);
      expect((err as OnvifError).kind, (err as Error).message).toBe(kind);
    }
  });
});
