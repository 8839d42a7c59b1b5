/**
 * RtspIngest against a scripted camera that sends its first RTP packets in the same TCP segment as the PLAY response,
 * as busy cameras (and a loaded gateway reading late) do: the first keyframe must reach the muxer. Before the client
 * announced the tracks ahead of that media, the first GOP was dropped and every viewer waited one GOP longer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeResponse } from '../../../scripts/sim/rtsp-message';
import { scriptedRtspServer } from '../../../tests/helpers/scripted-rtsp-server';
import { packetizeAccessUnit } from '../../../scripts/sim/rtp-h264';
import { loadVideo } from '../fmp4-mux/testing/es-fixtures';
import type { IngestExit } from '../ingest/ingest-run';
import { RtspIngest } from './rtsp-ingest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'rtsp-ingest-scripted-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SDP = 'v=0\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=control:trackID=1\r\n';

/** Two GOPs (50 access units, keyframes at 0 and 25, B-frames), `$`-framed on channel 0. */
function interleavedClip(): Buffer {
  const frames: Buffer[] = [];
  let seq = 1000;
  for (const { au } of loadVideo('h264-bframes.h264', 'h264')) {
    for (const rtp of packetizeAccessUnit(au.nalus, { sequenceNumber: seq, timestamp: 500_000 + au.pts90k, ssrc: 0x1234 })) {
      const head = Buffer.from([0x24, 0, rtp.length >> 8, rtp.length & 0xff]);
      frames.push(head, rtp);
      seq++;
    }
  }
  return Buffer.concat(frames);
}

async function scriptedCamera(): Promise<{ url: string; close(): Promise<void> }> {
  const clip = interleavedClip();
  const server = await scriptedRtspServer((req, socket) => {
    const cseq = req.headers.get('cseq');
    const session = { Session: 'S1;timeout=60' };
    if (req.method === 'DESCRIBE') socket.write(serializeResponse(200, cseq, { 'Content-Base': 'rtsp://127.0.0.1/s/', 'Content-Type': 'application/sdp' }, SDP));
    else if (req.method === 'SETUP') socket.write(serializeResponse(200, cseq, { ...session, Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' }, ''));
    // The response and the whole clip in one write: the client reads them in one chunk.
    else if (req.method === 'PLAY') socket.write(Buffer.concat([Buffer.from(serializeResponse(200, cseq, session, '')), clip]));
    else socket.write(serializeResponse(200, cseq, { ...session, Public: 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN' }, ''));
  });
  return { url: `rtsp://127.0.0.1:${server.port}/s`, close: () => server.close() };
}

describe('RtspIngest: media in the same read as the PLAY response', () => {
  it('muxes from the first keyframe: both GOPs decode, the first frame is the first one sent', async () => {
    const cam = await scriptedCamera();
    const chunks: Buffer[] = [];
    let exit: IngestExit | null = null;
    const ingest = new RtspIngest({
      url: cam.url,
      transport: 'tcp',
      audio: 'none',
      ioTimeoutSec: 5,
      fragmentMs: 200,
      userAgent: 'test',
      secrets: [],
      onData: (c) => chunks.push(c),
      onExit: (e) => (exit = e),
    });
    // The clip is in: wait for its fragments (the last GOP's are complete once ~1.8 s of media is muxed).
    const deadline = Date.now() + 5000;
    while (Buffer.concat(chunks).length < 20_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await ingest.stop();
    await cam.close();
    expect(exit).toMatchObject({ requested: true });

    const file = join(dir, 'out.mp4');
    writeFileSync(file, Buffer.concat(chunks));
    const { stdout } = await run('ffprobe', ['-v', 'error', '-show_frames', '-show_entries', 'frame=pts,key_frame', '-of', 'json', file]);
    const frames = (JSON.parse(stdout) as { frames: Array<{ pts: number; key_frame: number }> }).frames;
    // Without the fix the first GOP (25 frames) was dropped: at most 25 frames, the first at 1 s of media.
    expect(frames.length).toBeGreaterThan(40);
    expect(frames.filter((f) => f.key_frame === 1)).toHaveLength(2);
    const first = Math.min(...frames.map((f) => f.pts));
    expect(frames.find((f) => f.pts === first)?.key_frame).toBe(1);
    expect(frames.find((f) => f.key_frame === 1 && f.pts > first)!.pts - first).toBe(25 * 3600);
  });
});
