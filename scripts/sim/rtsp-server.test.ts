import { describe, expect, it } from 'vitest';
import { resolveStreamUri } from './rtsp-server';

describe('resolveStreamUri', () => {
  it('maps Hikvision channels and aliases, with or without the track suffix', () => {
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/Streaming/Channels/101')).toEqual({ path: '/Streaming/Channels/101', profile: 'main', track: null });
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/Streaming/Channels/102/')).toMatchObject({ profile: 'sub', track: null });
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/streaming/channels/102?transportmode=unicast')).toMatchObject({ profile: 'sub' });
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/sub/trackID=1')).toEqual({ path: '/sub', profile: 'sub', track: 1 });
    expect(resolveStreamUri('rtsp://127.1.0.1:8554/Streaming/Channels/101/trackID=2')).toEqual({ path: '/Streaming/Channels/101', profile: 'main', track: 2 });
    expect(resolveStreamUri('rtsp://h/main')).toMatchObject({ profile: 'main' });
    expect(resolveStreamUri('/main')).toMatchObject({ profile: 'main' });
  });

  it('returns null for unknown paths', () => {
    expect(resolveStreamUri('rtsp://h/Streaming/Channels/103')).toBeNull();
    expect(resolveStreamUri('rtsp://h/')).toBeNull();
    expect(resolveStreamUri('*')).toBeNull();
  });
});
