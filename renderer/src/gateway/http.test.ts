import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttp, setUnauthorizedHandler, type FetchLike } from './http';
import { createMapApi } from '../features/map/map-api';
import { createDevicesApi } from '../features/devices/devices-api';

const respond = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });

describe('http', () => {
  let undo = () => {};
  afterEach(() => undo());

  it('sends a 401 from any feature API to the one app-wide handler, unless the call is quiet', async () => {
    const handler = vi.fn();
    undo = setUnauthorizedHandler(handler);
    const fetch = vi.fn<FetchLike>(async () => respond(401, { error: 'unauthorized', message: 'session expired' }));
    await expect(createMapApi(fetch).getMapConfig()).rejects.toMatchObject({ status: 401, code: 'unauthorized', message: 'session expired' });
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(createHttp({ fetch }).request('GET', '/api/v1/session', { quiet401: true })).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps the body details on errors, returns undefined for 204 and passes the cache mode through', async () => {
    const fetch = vi
      .fn<FetchLike>()
      .mockResolvedValueOnce(respond(409, { error: 'conflict', message: 'exists', details: { id: 'c1' } }))
      .mockResolvedValueOnce(respond(204));
    const api = createDevicesApi(fetch);
    await expect(api.getCamera('c1')).rejects.toMatchObject({ status: 409, details: { id: 'c1' } });
    await expect(api.cancelScan('s 1')).resolves.toBeUndefined();
    expect(fetch).toHaveBeenLastCalledWith('/api/v1/discovery/scans/s%201', expect.objectContaining({ method: 'DELETE', cache: 'no-store', credentials: 'same-origin' }));
  });

  it('sends a non-JSON body as is with its own content type, and reports unreadable JSON', async () => {
    const fetch = vi.fn<FetchLike>(async () => new Response('not json', { status: 200 }));
    const file = new Blob(['x'], { type: 'image/png' });
    await expect(createHttp({ fetch, baseUrl: '/b' }).json('POST', '/up', { body: file, contentType: file.type })).rejects.toMatchObject({ code: 'bad_response' });
    const init = fetch.mock.calls[0]?.[1];
    expect(fetch.mock.calls[0]?.[0]).toBe('/b/up');
    expect(init?.body).toBe(file);
    expect(init?.headers).toEqual({ accept: 'application/json', 'content-type': 'image/png' });
  });
});
