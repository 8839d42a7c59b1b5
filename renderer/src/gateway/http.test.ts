import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttp, setUnauthorizedHandler, type FetchLike } from './http';

const respond = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status });

describe('http', () => {
  let undo = () => {};
  afterEach(() => undo());

  it('sends a 401 to the one app-wide handler, unless the call is quiet', async () => {
    const handler = vi.fn();
    undo = setUnauthorizedHandler(handler);
    const fetch = vi.fn<FetchLike>(async () => respond(401, { error: 'unauthorized', message: 'session expired' }));
    await expect(createHttp({ fetch }).json('GET', '/api/v1/client-config')).rejects.toMatchObject({ status: 401, code: 'unauthorized', message: 'session expired' });
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(createHttp({ fetch }).request('GET', '/api/v1/session', { quiet401: true })).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
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
