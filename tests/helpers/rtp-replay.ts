/**
 * Replays the RTP captures in tests/fixtures/rtp (written by tests/fixtures/rtp/capture.ts) through the rtsp-client's
 * receive path, optionally mutated (dropped packets, rewritten headers), and checks access units by decoding them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RtspMessageReader } from '../../media-gateway/src/rtsp-client/rtsp-message';
import { parseSdp } from '../../media-gateway/src/rtsp-client/sdp';
import { trackConfig, type TrackConfig } from '../../media-gateway/src/rtsp-client/track-config';
import { TrackReceiver } from '../../media-gateway/src/rtsp-client/track-receiver';
import type { AudioFrame, DiscontinuityEvent, LossEvent, VideoAccessUnit } from '../../media-gateway/src/rtsp-client/types';

const FIXTURES = join(import.meta.dirname, '../fixtures/rtp');

export interface Packet {
  track: number;
  rtcp: boolean;
  data: Buffer;
}

export function loadCapture(name: string): { configs: TrackConfig[]; packets: Packet[] } {
  const sdp = parseSdp(readFileSync(join(FIXTURES, `${name}.sdp`), 'utf8'));
  const configs = sdp.media.map(trackConfig).filter((c): c is TrackConfig => typeof c !== 'string');
  const frames = new RtspMessageReader().push(readFileSync(join(FIXTURES, `${name}.rtp`)));
  const packets = frames.map((f) => {
    if (f.kind !== 'interleaved') throw new Error('fixture holds only interleaved frames');
    return { track: f.channel >> 1, rtcp: (f.channel & 1) === 1, data: Buffer.from(f.payload) };
  });
  return { configs, packets };
}

export interface Replay {
  video: VideoAccessUnit[];
  audio: AudioFrame[];
  loss: LossEvent[];
  discontinuity: DiscontinuityEvent[];
}

/** `mutate` may drop a packet (null) or reorder: it gets the whole list when `reorderList` is given. */
export function replayCapture(name: string, mutate: (p: Packet, i: number) => Packet | null = (p) => p, opts: { reorder?: boolean; reorderList?: (packets: Packet[]) => Packet[] } = {}): Replay {
  const loaded = loadCapture(name);
  const configs = loaded.configs;
  const packets = opts.reorderList ? opts.reorderList(loaded.packets) : loaded.packets;
  const out: Replay = { video: [], audio: [], loss: [], discontinuity: [] };
  const receivers = configs.map(
    (config) =>
      new TrackReceiver({
        config,
        reorder: opts.reorder ?? false,
        sink: { video: (au) => out.video.push(au), audio: (f) => out.audio.push(f), loss: (e) => out.loss.push(e), discontinuity: (e) => out.discontinuity.push(e) },
      }),
  );
  packets.forEach((p, i) => {
    const m = mutate(p, i);
    if (!m) return;
    const r = receivers[m.track]!;
    if (m.rtcp) r.pushRtcp(m.data);
    else r.pushRtp(m.data);
  });
  return out;
}

/** A copy of `p` with its RTP header rewritten by `edit`. */
export function rewriteRtp(p: Packet, edit: (view: DataView) => void): Packet {
  const data = Buffer.from(p.data);
  edit(new DataView(data.buffer, data.byteOffset, data.byteLength));
  return { ...p, data };
}

/** Frames ffprobe decodes from access units written as an Annex-B elementary stream. */
export function decodedFrames(aus: VideoAccessUnit[], format: 'h264' | 'hevc'): number {
  const dir = mkdtempSync(join(tmpdir(), 'rtp-replay-'));
  try {
    const file = join(dir, `es.${format}`);
    const startCode = Buffer.from([0, 0, 0, 1]);
    writeFileSync(file, Buffer.concat(aus.flatMap((au) => au.nalus.flatMap((n) => [startCode, Buffer.from(n)]))));
    const out = execFileSync('ffprobe', ['-v', 'error', '-f', format, '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file], { encoding: 'utf8' });
    return Number(out.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const h264Types = (au: VideoAccessUnit): number[] => au.nalus.map((n) => n[0]! & 0x1f);
export const h265Types = (au: VideoAccessUnit): number[] => au.nalus.map((n) => (n[0]! >> 1) & 0x3f);
