import { describe, expect, it } from 'vitest';
import { audioClipFrom } from './audio-clip';
import { AudioPlayback } from './audio-stream';
import type { PacedSink } from './pacer';
import { parseRtpHeader } from './rtp-h264';

class Sink implements PacedSink {
  writableLength = 0;
  destroyed = false;
  readonly packets: Array<ReturnType<typeof parseRtpHeader>> = [];
  write(data: Buffer): boolean {
    this.packets.push(parseRtpHeader(data.subarray(4)));
    return true;
  }
}

describe('AudioPlayback', () => {
  it('paces 20 ms G.711 packets from the shared start, 160 ticks apart, on its own SSRC, looping the tone', () => {
    const clip = audioClipFrom('pcma', Buffer.alloc(160 * 5, 0xd5)); // 5 packets per loop
    const sink = new Sink();
    const a = new AudioPlayback({ clip, sink, channel: 2 });
    const info = a.play(1000, 1000);
    a.pump(1000 + 20 * 7 + 1);
    expect(sink.packets).toHaveLength(8);
    expect(sink.packets.map((p) => (p.timestamp - info.rtptime + 2 ** 32) % 2 ** 32)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((m) => m * 160));
    expect(new Set(sink.packets.map((p) => p.ssrc))).toEqual(new Set([a.ssrc]));
    expect(sink.packets[0]?.sequenceNumber).toBe(info.seq);
    expect(a.timestampAt(1000 + 500)).toBe((info.rtptime + 4000) % 2 ** 32); // 0.5 s at 8 kHz: same wall clock as the video
  });

  it('joins a video that started earlier at the packet due now, and drops rather than bursts after a hold', () => {
    const clip = audioClipFrom('pcmu', Buffer.alloc(160 * 50));
    const sink = new Sink();
    let held = false;
    const a = new AudioPlayback({ clip, sink, channel: 0, isHeld: () => held });
    const info = a.play(1000, 900); // video epoch 100 ms earlier
    expect(info.rtptime).toBe((a.rtpBase + 5 * 160) % 2 ** 32);
    a.pump(1000);
    expect(sink.packets).toHaveLength(1);
    held = true;
    a.pump(2000);
    held = false;
    a.pump(2020);
    expect(sink.packets).toHaveLength(2); // only the packet due at 2020 ms
  });
});
