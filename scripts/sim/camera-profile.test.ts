import { describe, expect, it } from 'vitest';
import { UNIFORM_PROFILE, parseProfileAssignments, profileFor, resolveProfile, videoProfileKey, type CameraProfile } from './camera-profile';
import { fleetProfiles } from './fleet';

const share = (ps: CameraProfile[], pred: (p: CameraProfile) => boolean): number => ps.filter(pred).length / ps.length;

describe('camera profiles', () => {
  it('uniform is the simulator before profiles: GOP 1 s H.264, no audio, TCP only, normal', () => {
    expect(profileFor(17, 'uniform')).toEqual({ gopSec: 1, bFrames: false, mainCodec: 'h264', audio: 'none', transport: 'tcp-only', behaviour: 'normal' });
    expect(fleetProfiles(3)).toEqual([UNIFORM_PROFILE, UNIFORM_PROFILE, UNIFORM_PROFILE]);
  });

  it('realistic reads like a village fleet and is deterministic by index', () => {
    const ps = Array.from({ length: 880 }, (_, i) => profileFor(i + 1, 'realistic'));
    const within = (x: number, lo: number, hi: number): void => {
      expect(x).toBeGreaterThanOrEqual(lo);
      expect(x).toBeLessThanOrEqual(hi);
    };
    within(share(ps, (p) => p.gopSec === 2), 0.6, 0.8);
    within(share(ps, (p) => p.gopSec === 4), 0.15, 0.25);
    within(share(ps, (p) => p.mainCodec === 'h265'), 0.28, 0.32);
    within(share(ps, (p) => p.audio === 'pcma' || p.audio === 'pcmu'), 0.42, 0.55);
    expect(share(ps, (p) => p.audio === 'pcma')).toBeGreaterThan(3 * share(ps, (p) => p.audio === 'pcmu'));
    within(share(ps, (p) => p.audio === 'aac'), 0.03, 0.07);
    within(share(ps, (p) => p.transport === 'udp-only'), 0.02, 0.06);
    within(share(ps, (p) => p.bFrames), 0.15, 0.3);
    // traits combine: H.265 cameras carry audio too, at about the fleet's rate
    const h265 = ps.filter((p) => p.mainCodec === 'h265');
    within(share(h265, (p) => p.audio !== 'none'), 0.4, 0.65);
    expect(ps.every((p) => p.behaviour === 'normal')).toBe(true);
    // the first 25 cameras (a typical demo) already hold every kind
    const first = ps.slice(0, 25);
    for (const pred of [(p: CameraProfile) => p.gopSec === 4, (p: CameraProfile) => p.mainCodec === 'h265', (p: CameraProfile) => p.audio === 'aac', (p: CameraProfile) => p.transport === 'udp-only', (p: CameraProfile) => p.bFrames]) {
      expect(first.some(pred)).toBe(true);
    }
  });

  it('applies overrides over the mix and names the bad field', () => {
    expect(resolveProfile(1, 'uniform', { gopSec: 4, audio: 'aac' })).toMatchObject({ gopSec: 4, audio: 'aac', mainCodec: 'h264' });
    expect(() => resolveProfile(2, 'uniform', { gopSec: 3 as 1 })).toThrow(/camera 2 profile: gopSec/);
    expect(() => resolveProfile(2, 'uniform', { transport: 'quic' as 'tcp-only' })).toThrow(/transport/);
    expect(() => fleetProfiles(2, 'uniform', { 2: { behaviour: 'evil' as 'silent' } })).toThrow(/camera 2 profile: behaviour/);
  });

  it('parses key=value lists with zod', () => {
    expect(parseProfileAssignments('gopSec=4, mainCodec=h265,bFrames=true')).toEqual({ gopSec: 4, mainCodec: 'h265', bFrames: true });
    expect(() => parseProfileAssignments('gopSec=8')).toThrow(/^gopSec/);
    expect(() => parseProfileAssignments('audio=opus')).toThrow(/^audio/);
    expect(() => parseProfileAssignments('nope=1')).toThrow(/unknown field "nope"/);
  });

  it('keys clips by what changes the encoded video', () => {
    const p: CameraProfile = { ...UNIFORM_PROFILE, gopSec: 2, mainCodec: 'h265', bFrames: true, audio: 'aac' };
    expect(videoProfileKey(p, 'main')).toBe('g2-h265-b2');
    expect(videoProfileKey(p, 'sub')).toBe('g2-h264');
  });
});
