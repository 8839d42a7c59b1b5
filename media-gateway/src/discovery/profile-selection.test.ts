import { describe, expect, it } from 'vitest';
import type { MediaProfile } from '../onvif/onvif-extractors';
import { selectProfiles } from './profile-selection';

const p = (token: string, encoding: string | null, width: number | null, height: number | null): MediaProfile => ({
  token,
  name: token,
  video: { encoding, width, height, fps: 25, bitrateKbps: null },
});

describe('profile selection', () => {
  it('main = highest resolution, sub = lowest H.264 at least 320 wide', () => {
    const r = selectProfiles([p('a', 'H264', 1280, 720), p('b', 'H264', 640, 360), p('c', 'H264', 176, 144)]);
    expect([r.main?.token, r.sub?.token]).toEqual(['a', 'b']);
  });

  it('takes an H.265 main stream and an H.264 sub stream', () => {
    const r = selectProfiles([p('sub', 'H264', 640, 360), p('main', 'H265', 1920, 1080), p('third', 'H264', 1280, 720)]);
    expect([r.main?.token, r.sub?.token]).toEqual(['main', 'sub']);
  });

  it('never uses an H.265 or MJPEG profile as sub, nor one narrower than 320', () => {
    expect(selectProfiles([p('m', 'H264', 1920, 1080), p('s', 'H265', 640, 360), p('j', 'JPEG', 640, 360)]).sub).toBeNull();
    expect(selectProfiles([p('m', 'H264', 1920, 1080), p('q', 'H264', 176, 144)]).sub).toBeNull();
    expect(selectProfiles([p('m', 'H264', 1920, 1080), p('w', 'H264', 320, 240)]).sub?.token).toBe('w');
  });

  it('handles one profile, profiles without video, and ties in device order', () => {
    expect(selectProfiles([p('only', 'H264', 1280, 720)])).toEqual({ main: expect.objectContaining({ token: 'only' }), sub: null });
    const audio: MediaProfile = { token: 'audio', name: 'audio', video: null };
    expect(selectProfiles([audio, p('v', 'H264', 640, 360)]).main?.token).toBe('v');
    expect(selectProfiles([audio])).toEqual({ main: null, sub: null });
    expect(selectProfiles([p('x', 'H264', 640, 360), p('y', 'H264', 640, 360), p('z', 'H264', 640, 360)])).toMatchObject({ main: { token: 'x' }, sub: { token: 'y' } });
    expect(selectProfiles([p('n', 'H264', null, null)]).main?.token).toBe('n');
    expect(selectProfiles([])).toEqual({ main: null, sub: null });
  });
});
