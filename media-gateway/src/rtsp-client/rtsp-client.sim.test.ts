/**
 * End to end on loopback against the simulator (scripts/sim, our second RTSP implementation): Digest auth, TCP
 * interleaved and UDP, access units with increasing pts and a keyframe every GOP, typed failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet, type SimCamera } from '../../../scripts/sim/index';
import { RtspClientError } from './errors';
import { RtspClient, type RtspTransport } from './rtsp-session';
import type { AudioFrame, VideoAccessUnit } from './types';

let fleet: Fleet;
let tcpCam: SimCamera;
let udpCam: SimCamera;

beforeAll(async () => {
  // Camera 1: the uniform profile (GOP 1 s, H.264, TCP only); camera 2: UDP only with G.711 A-law.
  fleet = await startFleet({ cameras: 2, port: 0, controlPort: null, prewarm: true, profiles: { 2: { transport: 'udp-only', audio: 'pcma' } } });
  await fleet.prewarmDone;
  [tcpCam, udpCam] = fleet.cameras as [SimCamera, SimCamera];
});
afterAll(async () => {
  await fleet?.close();
});

/** Plays until two keyframes have arrived (one GOP), then closes. */
async function playOneGop(cam: SimCamera, transport: RtspTransport): Promise<{ video: VideoAccessUnit[]; audio: AudioFrame[]; keepAlive: string }> {
  const client = new RtspClient({ url: cam.subUrl, credentials: { username: cam.username, password: cam.password }, transport });
  const video: VideoAccessUnit[] = [];
  const audio: AudioFrame[] = [];
  const twoKeys = new Promise<void>((resolve, reject) => {
    client.on('video', (au) => {
      video.push(au);
      if (video.filter((v) => v.key).length === 2) resolve();
    });
    client.on('error', (e) => reject(new Error(`${e.reason}: ${e.message}`)));
  });
  client.on('audio', (f) => audio.push(f));
  try {
    const info = await client.start();
    await twoKeys;
    const [videoStats] = client.stats();
    expect(videoStats).toMatchObject({ track: 'video', packetsLost: 0, packetsIgnored: 0, unitsDropped: 0 });
    expect(videoStats!.bytesReceived).toBeGreaterThan(video.reduce((n, au) => n + au.nalus.reduce((m, x) => m + x.length, 0), 0) / 2);
    return { video, audio, keepAlive: info.keepAliveMethod };
  } finally {
    await client.close();
  }
}

function expectGop(video: VideoAccessUnit[]): void {
  expect(video[0]!.key).toBe(true);
  const pts = video.map((v) => v.pts90k);
  expect(pts.every((p, i) => i === 0 || p > pts[i - 1]!)).toBe(true);
  const keys = video.filter((v) => v.key);
  // GOP 1 s at 25 fps: the second keyframe is 25 frames (90 000 ticks) after the first.
  expect(keys[1]!.pts90k - keys[0]!.pts90k).toBe(90_000);
  expect(video.indexOf(keys[1]!)).toBe(25);
  expect(video.every((v) => v.codec === 'h264' && v.nalus.length > 0)).toBe(true);
}

describe('RtspClient against the simulator', () => {
  it('plays over TCP interleaved and over UDP with Digest auth', async () => {
    const [tcp, udp] = await Promise.all([playOneGop(tcpCam, 'tcp'), playOneGop(udpCam, 'udp')]);
    expectGop(tcp.video);
    expectGop(udp.video);
    expect(tcp.keepAlive).toBe('GET_PARAMETER');
    expect(tcp.audio).toEqual([]);
    // ~1 s of A-law in 20 ms packets from the same start instant.
    expect(udp.audio.length).toBeGreaterThan(35);
    expect(udp.audio.every((a) => a.codec === 'pcma' && a.data.length === 160)).toBe(true);
    // TEARDOWN ended both sessions on the cameras.
    expect(fleet.cameraStats(tcpCam.id).sessions).toBe(0);
    expect(fleet.cameraStats(udpCam.id).sessions).toBe(0);
  });

  it('reports a wrong password as auth-failed after a single attempt', async () => {
    const before = fleet.cameraStats(tcpCam.id).authRejected;
    const client = new RtspClient({ url: tcpCam.subUrl, credentials: { username: tcpCam.username, password: 'wrong' }, transport: 'tcp' });
    const err = await client.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RtspClientError);
    expect(err).toMatchObject({ reason: 'auth-failed', status: 401 });
    expect((err as Error).message).not.toContain('wrong');
    // One refused attempt, not a retry loop that would lock the account on a real camera.
    expect(fleet.cameraStats(tcpCam.id).authRejected - before).toBe(1);
  });

  it('reports 461 as unsupported-transport so the caller can fall back', async () => {
    const client = new RtspClient({ url: udpCam.subUrl, credentials: { username: udpCam.username, password: udpCam.password }, transport: 'tcp' });
    await expect(client.start()).rejects.toMatchObject({ reason: 'unsupported-transport', status: 461 });
    const refused = new RtspClient({ url: `rtsp://127.0.0.1:1/x`, transport: 'tcp' });
    await expect(refused.start()).rejects.toMatchObject({ reason: 'connection-refused' });
  });
});
