import { describe, expect, it, vi } from 'vitest';
import type { LoaderContext } from 'hls.js';
import { liveHlsConfig, shouldRetryRequest } from './hls-config';
import { rebaseToOrigin, tokenOf, withToken } from './token-url';

describe('withToken', () => {
  it('replaces the token and leaves the other parameters byte for byte', () => {
    const url = 'https://gw:8443/hls/c1/sub/index.m3u8?_HLS_msn=12&token=old.sig&_HLS_part=3';
    expect(withToken(url, 'new.sig')).toBe('https://gw:8443/hls/c1/sub/index.m3u8?_HLS_msn=12&token=new.sig&_HLS_part=3');
  });
  it('handles the token first, last and alone', () => {
    expect(withToken('/hls/c1/sub/part/12.3.m4s?token=a', 'b')).toBe('/hls/c1/sub/part/12.3.m4s?token=b');
    expect(withToken('/x?token=a&y=1', 'b')).toBe('/x?token=b&y=1');
    expect(withToken('/x?y=1&token=a', 'b')).toBe('/x?y=1&token=b');
  });
  it('does not touch look-alike parameters', () => {
    expect(withToken('/x?mytoken=a&token=b', 'c')).toBe('/x?mytoken=a&token=c');
    expect(withToken('/x?mytoken=a', 'c')).toBe('/x?mytoken=a&token=c');
  });
  it('adds a missing token before a fragment', () => {
    expect(withToken('/hls/c1/sub/init.mp4', 't')).toBe('/hls/c1/sub/init.mp4?token=t');
    expect(withToken('/a?b=1#frag', 't')).toBe('/a?b=1&token=t#frag');
    expect(withToken('/a?', 't')).toBe('/a?token=t');
  });
  it('encodes the token and reads it back', () => {
    const url = withToken('/a?token=x', 'a+b/c=');
    expect(url).toBe('/a?token=a%2Bb%2Fc%3D');
    expect(tokenOf(url)).toBe('a+b/c=');
    expect(tokenOf('/a?b=1')).toBeNull();
  });
  it('leaves the URL alone for an empty token', () => {
    expect(withToken('/a?token=x', '')).toBe('/a?token=x');
  });
});

describe('rebaseToOrigin', () => {
  it('keeps path and query on the page origin', () => {
    expect(rebaseToOrigin('https://localhost:5173/hls/c1/sub/index.m3u8?token=t', 'http://localhost:5173')).toBe('http://localhost:5173/hls/c1/sub/index.m3u8?token=t');
    expect(rebaseToOrigin('relative/url', 'http://x')).toBe('relative/url');
  });
});

describe('liveHlsConfig', () => {
  it('rewrites every XHR to the newest token without reloading', () => {
    let token = 'first';
    const config = liveHlsConfig({ getToken: () => token, workerPath: null });
    const xhr = { open: vi.fn() } as unknown as XMLHttpRequest;
    config.xhrSetup!(xhr, 'https://gw/hls/c1/sub/seg/5.m4s?token=first', {} as LoaderContext);
    token = 'second';
    config.xhrSetup!(xhr, 'https://gw/hls/c1/sub/index.m3u8?token=first&_HLS_msn=6', {} as LoaderContext);
    expect(vi.mocked(xhr.open).mock.calls).toEqual([
      ['GET', 'https://gw/hls/c1/sub/seg/5.m4s?token=first', true],
      ['GET', 'https://gw/hls/c1/sub/index.m3u8?token=second&_HLS_msn=6', true],
    ]);
  });

  it('rewrites fetch requests too', async () => {
    const config = liveHlsConfig({ getToken: () => 'fresh', workerPath: null });
    const request = await config.fetchSetup!({ url: 'https://gw/hls/c1/sub/part/3.1.m4s?token=stale' } as LoaderContext, { method: 'GET' });
    expect(request.url).toBe('https://gw/hls/c1/sub/part/3.1.m4s?token=fresh');
  });

  it('is tuned for low-latency live and uses the worker only when given one', () => {
    const c = liveHlsConfig({ getToken: () => '', workerPath: '/assets/hls.worker.js' });
    expect(c).toMatchObject({ lowLatencyMode: true, maxBufferLength: 4, backBufferLength: 10, maxLiveSyncPlaybackRate: 1.2, enableWorker: true });
    expect(liveHlsConfig({ getToken: () => '', workerPath: null }).enableWorker).toBe(false);
  });

  it('does not retry answers that a retry cannot fix', () => {
    expect(shouldRetryRequest(503, true)).toBe(false);
    expect(shouldRetryRequest(403, true)).toBe(false);
    expect(shouldRetryRequest(500, true)).toBe(true);
    expect(shouldRetryRequest(undefined, true)).toBe(true);
    expect(shouldRetryRequest(500, false)).toBe(false);
  });
});
