import { describe, expect, it } from 'vitest';
import {
  authorizePlay,
  authorizePublish,
  checkApp,
  generateStreamKey,
  hashStreamKey,
  InternalPlayTokens,
  isLoopback,
  parseStreamRequest,
  streamKeyMatches,
  type PushCameraLookup,
} from './rtmp-names';

const CAM = '3f1c2d4e-0000-4000-8000-000000000001';
const KEY = generateStreamKey();
const cameras: Record<string, { sourceType: string; rtmpKeyHash: string | null }> = {
  [CAM]: { sourceType: 'rtmp-push', rtmpKeyHash: hashStreamKey(KEY) },
  'rtsp-cam': { sourceType: 'rtsp', rtmpKeyHash: null },
  'no-key-cam': { sourceType: 'rtmp-push', rtmpKeyHash: null },
};
const lookup: PushCameraLookup = (id) => cameras[id] ?? null;

describe('stream keys', () => {
  it('are 256-bit random base64url strings, stored only as a SHA-256', () => {
    const a = generateStreamKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateStreamKey()).not.toBe(a);
    expect(hashStreamKey(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashStreamKey(a)).not.toContain(a);
    expect(streamKeyMatches(a, hashStreamKey(a))).toBe(true);
    expect(streamKeyMatches(generateStreamKey(), hashStreamKey(a))).toBe(false);
    expect(streamKeyMatches(a, null)).toBe(false);
    expect(streamKeyMatches(a, 'not-a-hash')).toBe(false);
  });
});

describe('parseStreamRequest', () => {
  it('accepts live/<cameraId>?key=<key>', () => {
    expect(parseStreamRequest('live', `${CAM}?key=${KEY}`)).toEqual({ ok: true, cameraId: CAM, key: KEY });
  });

  it.each([
    ['another app', 'admin', `${CAM}?key=${KEY}`, 'bad-app'],
    ['app with a path', 'live/..', `${CAM}?key=${KEY}`, 'traversal'],
    ['app with a slash', 'live/sub', `${CAM}?key=${KEY}`, 'traversal'],
    ['encoded app', 'l%69ve', `${CAM}?key=${KEY}`, 'encoded'],
    ['no app (no connect)', undefined, `${CAM}?key=${KEY}`, 'bad-app'],
    ['traversal name', 'live', `../x?key=${KEY}`, 'traversal'],
    ['dot-dot name', 'live', `..?key=${KEY}`, 'traversal'],
    ['slash in name', 'live', `a/b?key=${KEY}`, 'traversal'],
    ['backslash in name', 'live', `a\\b?key=${KEY}`, 'traversal'],
    ['encoded dots', 'live', `%2e%2e?key=${KEY}`, 'encoded'],
    ['encoded slash', 'live', `x%2fy?key=${KEY}`, 'encoded'],
    ['upper-case encoding', 'live', `%2E%2E%2Fetc?key=${KEY}`, 'encoded'],
    ['any percent-encoding, even harmless', 'live', `${CAM}?key=${KEY}%41`, 'encoded'],
    ['double encoding', 'live', `%252e%252e?key=${KEY}`, 'encoded'],
    ['empty name', 'live', `?key=${KEY}`, 'bad-name'],
    ['space in name', 'live', `a b?key=${KEY}`, 'bad-name'],
    ['dot in name', 'live', `a.flv?key=${KEY}`, 'bad-name'],
    ['null byte', 'live', `a\u0000?key=${KEY}`, 'bad-name'],
    ['unicode lookalike', 'live', `ａ?key=${KEY}`, 'bad-name'],
    ['overlong name', 'live', `${'a'.repeat(65)}?key=${KEY}`, 'bad-name'],
    ['no key', 'live', CAM, 'missing-key'],
    ['other parameter only', 'live', `${CAM}?sign=1`, 'missing-key'],
    ['extra parameter', 'live', `${CAM}?key=${KEY}&x=1`, 'bad-query'],
    ['key not first', 'live', `${CAM}?x=1&key=${KEY}`, 'bad-query'],
    ['repeated key', 'live', `${CAM}?key=${KEY}&key=${KEY}`, 'bad-query'],
    ['short key', 'live', `${CAM}?key=abc`, 'bad-query'],
    ['not a string', 'live', 42, 'bad-name'],
  ])('refuses %s', (_label, app, name, reason) => {
    expect(parseStreamRequest(app, name)).toEqual({ ok: false, reason });
  });

  it('checks the connect app on its own too', () => {
    expect(checkApp('live')).toBeNull();
    expect(checkApp('live?x=1')).toBe('bad-app');
    expect(checkApp('%6c%69%76%65')).toBe('encoded');
  });
});

describe('authorizePublish', () => {
  it('lets a push camera publish with its key, from anywhere', () => {
    expect(authorizePublish('live', `${CAM}?key=${KEY}`, lookup)).toEqual({ ok: true, cameraId: CAM });
  });

  it('refuses wrong keys, unknown cameras, non-push cameras and cameras without a key', () => {
    expect(authorizePublish('live', `${CAM}?key=${generateStreamKey()}`, lookup)).toMatchObject({ ok: false, reason: 'wrong-key' });
    expect(authorizePublish('live', `nope?key=${KEY}`, lookup)).toMatchObject({ ok: false, reason: 'unknown-camera' });
    expect(authorizePublish('live', `rtsp-cam?key=${KEY}`, lookup)).toMatchObject({ ok: false, reason: 'not-push-camera' });
    expect(authorizePublish('live', `no-key-cam?key=${KEY}`, lookup)).toMatchObject({ ok: false, reason: 'wrong-key' });
    expect(authorizePublish('live', `%2e%2e?key=${KEY}`, lookup)).toMatchObject({ ok: false, reason: 'encoded' });
  });
});

describe('authorizePlay', () => {
  const tokens = new InternalPlayTokens();

  it('lets only the gateway itself play: loopback and the internal token', () => {
    const token = tokens.token(CAM);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorizePlay('live', `${CAM}?key=${token}`, '127.0.0.1', tokens, lookup)).toEqual({ ok: true, cameraId: CAM });
    expect(authorizePlay('live', `${CAM}?key=${token}`, '::ffff:127.0.0.1', tokens, lookup)).toEqual({ ok: true, cameraId: CAM });
  });

  it('refuses outside addresses, the publish key, another camera’s token and another process’s token', () => {
    const token = tokens.token(CAM);
    expect(authorizePlay('live', `${CAM}?key=${token}`, '10.0.0.8', tokens, lookup)).toMatchObject({ ok: false, reason: 'play-forbidden' });
    expect(authorizePlay('live', `${CAM}?key=${KEY}`, '127.0.0.1', tokens, lookup)).toMatchObject({ ok: false, reason: 'play-forbidden' });
    expect(authorizePlay('live', `${CAM}?key=${tokens.token('other')}`, '127.0.0.1', tokens, lookup)).toMatchObject({ ok: false, reason: 'play-forbidden' });
    expect(authorizePlay('live', `${CAM}?key=${new InternalPlayTokens().token(CAM)}`, '127.0.0.1', tokens, lookup)).toMatchObject({ ok: false, reason: 'play-forbidden' });
    expect(authorizePlay('live', `../x?key=${token}`, '127.0.0.1', tokens, lookup)).toMatchObject({ ok: false, reason: 'traversal' });
    expect(authorizePlay('live', `rtsp-cam?key=${tokens.token('rtsp-cam')}`, '127.0.0.1', tokens, lookup)).toMatchObject({ ok: false, reason: 'not-push-camera' });
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '', undefined].map(isLoopback)).toEqual([false, false, false, false, false]);
  });
});
