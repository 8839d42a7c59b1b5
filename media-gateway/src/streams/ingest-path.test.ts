import { describe, expect, it } from 'vitest';
import { chooseIngestPath, type IngestPathFacts } from './ingest-path';
import type { StreamInput } from './stream-types';

const input = (over: Partial<StreamInput> = {}): StreamInput => ({
  inputUrl: 'rtsp://admin:pw@10.0.0.5:554/Streaming/Channels/102',
  displayUrl: 'rtsp://***@10.0.0.5:554/Streaming/Channels/102',
  secrets: ['pw'],
  videoMode: 'copy',
  rtsp: { transport: 'auto', inUse: null },
  ...over,
});
const facts = (over: Partial<IngestPathFacts> = {}): IngestPathFacts => ({ gatewaySetting: 'auto', input: input(), transcode: false, audioMode: 'transcode-aac', learnt: null, pushInProcess: true, ...over });

describe('chooseIngestPath', () => {
  it('an RTSP camera with AAC, no audio or audio not yet measured is received in-process', () => {
    expect(chooseIngestPath(facts())).toEqual({ path: 'in-process', audio: 'copy' });
    expect(chooseIngestPath(facts({ input: input({ audioCodec: 'aac' }), audioMode: 'copy' }))).toEqual({ path: 'in-process', audio: 'copy' });
    expect(chooseIngestPath(facts({ input: input({ audioCodec: 'none' }) }))).toEqual({ path: 'in-process', audio: 'none' });
    // An audio mode learnt as `none` (audio that failed) drops audio, in-process.
    expect(chooseIngestPath(facts({ input: input({ audioCodec: 'pcma' }), audioMode: 'none' }))).toEqual({ path: 'in-process', audio: 'none' });
    // H.265 passed through (not transcoded) is in-process too.
    expect(chooseIngestPath(facts({ input: input({ videoMode: 'transcode-h264' }) }))).toEqual({ path: 'in-process', audio: 'copy' });
  });

  it('ffmpeg where only it can, or where a setting says so, with the reason', () => {
    expect(chooseIngestPath(facts({ transcode: true }))).toEqual({ path: 'ffmpeg', reason: 'transcode' });
    expect(chooseIngestPath(facts({ input: input({ audioCodec: 'pcmu' }) }))).toEqual({ path: 'ffmpeg', reason: 'audio-transcode' });
    expect(chooseIngestPath(facts({ input: input({ audioCodec: 'other' }) }))).toEqual({ path: 'ffmpeg', reason: 'audio-transcode' });
    expect(chooseIngestPath(facts({ input: input({ ingest: 'ffmpeg' }) }))).toEqual({ path: 'ffmpeg', reason: 'camera-setting' });
    expect(chooseIngestPath(facts({ gatewaySetting: 'ffmpeg' }))).toEqual({ path: 'ffmpeg', reason: 'gateway-setting' });
    expect(chooseIngestPath(facts({ learnt: 'unsupported-media' }))).toEqual({ path: 'ffmpeg', reason: 'unsupported-media' });
    const { rtsp: _rtsp, ...pull } = input({ inputUrl: 'rtmp://127.0.0.1:1935/live/cam?token=x' });
    expect(chooseIngestPath(facts({ input: pull }))).toEqual({ path: 'ffmpeg', reason: 'not-rtsp' });
    // A pushed camera: in-process from the gateway's RTMP server when the pipeline is given it.
    expect(chooseIngestPath(facts({ input: { ...pull, push: { cameraId: 'c1' } } }))).toEqual({ path: 'in-process', audio: 'copy' });
    expect(chooseIngestPath(facts({ input: { ...pull, push: { cameraId: 'c1' } }, pushInProcess: false }))).toEqual({ path: 'ffmpeg', reason: 'not-rtsp' });
  });
});
