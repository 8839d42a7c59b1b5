import { describe, expect, it, vi } from 'vitest';
import { createGatewayClient, type FetchLike } from './gateway-client';
import { parseErrorBody } from './gateway-error';

function respond(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

describe('gateway client', () => {
  it('sends credentials same-origin and carries the gateway message on errors', async () => {
    const fetch = vi.fn<FetchLike>(async () => respond(503, { error: 'stream_offline', message: 'camera unreachable' }));
    const client = createGatewayClient({ fetch });
    await expect(client.listStreams()).rejects.toMatchObject({ status: 503, code: 'stream_offline', message: 'camera unreachable' });
    expect(fetch.mock.calls[0]?.[1]?.credentials).toBe('same-origin');
  });

  it('calls onUnauthorized on a 401, but not for the login attempt', async () => {
    const onUnauthorized = vi.fn();
    const fetch = vi.fn<FetchLike>(async () => respond(401, { error: 'unauthorized', message: 'wrong username or password' }));
    const client = createGatewayClient({ fetch, onUnauthorized });
    await expect(client.login('a', 'b')).rejects.toMatchObject({ status: 401, message: 'wrong username or password' });
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(client.listOrgUnits()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('turns a failed fetch into a network GatewayError', async () => {
    const client = createGatewayClient({ fetch: async () => { throw new TypeError('Failed to fetch'); } });
    await expect(client.getSession()).rejects.toMatchObject({ status: 0, code: 'network', message: 'Failed to fetch' });
  });

  it('follows camera pagination', async () => {
    const fetch = vi.fn<FetchLike>(async (url) => {
      const offset = Number(new URL(url, 'http://x').searchParams.get('offset'));
      const items = offset === 0 ? Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}` })) : [{ id: 'last' }];
      return respond(200, { items, total: 2001 });
    });
    const cameras = await createGatewayClient({ fetch }).listAllCameras();
    expect(cameras).toHaveLength(2001);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('returns the live URL with the server date and arrival time', async () => {
    const fetch = vi.fn<FetchLike>(async () =>
      respond(200, { url: 'https://gw/hls/c1/sub/index.m3u8?token=t1', expiresAt: '2030-01-01T00:05:00.000Z' }, { date: 'Tue, 01 Jan 2030 00:00:00 GMT' }),
    );
    const live = await createGatewayClient({ fetch, now: () => 42 }).getLiveUrl('c 1', 'main');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/cameras/c%201/live?profile=main');
    expect(live).toEqual({ url: 'https://gw/hls/c1/sub/index.m3u8?token=t1', expiresAt: '2030-01-01T00:05:00.000Z', serverDateMs: Date.UTC(2030, 0, 1), receivedAtMs: 42 });
  });
});

describe('parseErrorBody', () => {
  it('reads the gateway JSON body', () => {
    expect(parseErrorBody(503, '{"error":"offline","message":"connection refused"}')).toMatchObject({ code: 'offline', message: 'connection refused', state: null });
    expect(parseErrorBody(503, '{"error":"stream_unavailable","state":"starting","message":"stream starting"}')).toMatchObject({ state: 'starting', message: 'stream starting' });
  });
  it('falls back to short text or the status', () => {
    expect(parseErrorBody(502, 'Bad Gateway').message).toBe('Bad Gateway');
    expect(parseErrorBody(500, '<html>oops</html>', 'Internal Server Error').message).toBe('Internal Server Error');
    expect(parseErrorBody(500, '').message).toBe('HTTP 500');
  });
});
