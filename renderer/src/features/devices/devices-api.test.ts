import { afterEach, describe, expect, it, vi } from 'vitest';
import { setUnauthorizedHandler, type FetchLike } from '../../gateway/http';
import { createDevicesApi, readDemoFleet } from './devices-api';

const respond = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });

describe('devices api', () => {
  let undo = () => {};
  afterEach(() => undo());

  it('goes through the shared request function: a 401 reaches the app-wide handler', async () => {
    const handler = vi.fn();
    undo = setUnauthorizedHandler(handler);
    const fetch = vi.fn<FetchLike>(async () => respond(401, { error: 'unauthorized', message: 'session expired' }));
    await expect(createDevicesApi(fetch).healthSummary()).rejects.toMatchObject({ status: 401, message: 'session expired' });
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

  it('reads the demo fleet from the client config, and anything malformed as none', async () => {
    const fetch = vi.fn<FetchLike>(async () => respond(200, { hlsTokenTtlSec: 60, demoFleet: { ranges: ['127.1.0.1-127.1.0.8'], cameras: 8 } }));
    await expect(createDevicesApi(fetch).demoFleet()).resolves.toEqual({ ranges: ['127.1.0.1-127.1.0.8'], cameras: 8 });
    expect(fetch).toHaveBeenCalledWith('/api/v1/client-config', expect.objectContaining({ method: 'GET' }));
    expect(readDemoFleet({ demoFleet: null })).toBeNull();
    expect(readDemoFleet({})).toBeNull();
    expect(readDemoFleet({ demoFleet: { ranges: [], cameras: 8 } })).toBeNull();
    expect(readDemoFleet({ demoFleet: { ranges: ['x'.repeat(65)], cameras: 8 } })).toBeNull();
  });
});
