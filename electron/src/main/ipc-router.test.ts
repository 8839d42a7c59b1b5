import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type IpcChannel } from '../../../contracts/src/desktop-ipc';
import { createIpcRouter, IpcRefusal, type IpcInvokeEventLike, type IpcMainLike } from './ipc-router';
import { IPC_REQUEST_SCHEMAS } from './ipc-schemas';
import { classifySender, isSenderAllowed, type TrustedSenders } from './ipc-sender-policy';
import { silentLogger } from './logger';

const SETUP = 'file:///opt/console/resources/app.asar/electron/dist/setup/setup.html';
const trusted: TrustedSenders = { gatewayOrigin: 'https://127.0.0.1:8443', localPageUrls: [SETUP] };
const top = (url: string) => ({ url, isMainFrame: true });

describe('classifySender', () => {
  it('accepts a top-level frame of the gateway origin', () => {
    expect(classifySender(top('https://127.0.0.1:8443/#/wall?layout=a&display=2'), trusted)).toBe('gateway');
    expect(classifySender(top('https://127.0.0.1:8443/'), trusted)).toBe('gateway');
  });

  it('rejects any other origin, including near misses', () => {
    for (const url of [
      'https://127.0.0.1:8444/',
      'http://127.0.0.1:8443/',
      'https://localhost:8443/',
      'https://127.0.0.1.evil.example:8443/',
      'https://evil.example/?https://127.0.0.1:8443',
      'https://127.0.0.1:8443@evil.example/',
    ]) {
      expect(classifySender(top(url), trusted), url).toBeNull();
    }
  });

  it('accepts the packaged setup page (query/hash ignored) but no other file:// page', () => {
    expect(classifySender(top(SETUP), trusted)).toBe('setup');
    expect(classifySender(top(`${SETUP}?lang=en#x`), trusted)).toBe('setup');
    expect(classifySender(top('file:///tmp/evil.html'), trusted)).toBeNull();
    expect(classifySender(top('file:///opt/console/resources/app.asar/electron/dist/setup/other.html'), trusted)).toBeNull();
  });

  it('rejects sub-frames, vanished frames, opaque and odd URLs', () => {
    expect(classifySender({ url: 'https://127.0.0.1:8443/', isMainFrame: false }, trusted)).toBeNull();
    expect(classifySender(null, trusted)).toBeNull();
    for (const url of ['about:blank', 'data:text/html,hi', 'devtools://devtools/bundled/x.html', 'chrome://gpu', 'not a url', '']) {
      expect(classifySender(top(url), trusted), url).toBeNull();
    }
  });

  it('trusts no web origin before a gateway is configured', () => {
    expect(classifySender(top('https://127.0.0.1:8443/'), { gatewayOrigin: null, localPageUrls: [SETUP] })).toBeNull();
  });

  it('applies the per-channel sender scopes of the contract', () => {
    expect(isSenderAllowed('wall:open', 'gateway')).toBe(true);
    expect(isSenderAllowed('wall:open', 'setup')).toBe(false);
    expect(isSenderAllowed('setup:submit-gateway', 'setup')).toBe(true);
    expect(isSenderAllowed('setup:submit-gateway', 'gateway')).toBe(false);
    expect(isSenderAllowed('app:version', null)).toBe(false);
  });

  it('has a sender scope and a request schema for every channel', () => {
    expect(Object.keys(IPC_REQUEST_SCHEMAS).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
  });
});

function fakeIpc() {
  const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const call = (channel: IpcChannel, frame: { url: string; parent: unknown } | null, ...args: unknown[]) => handlers.get(channel)!({ senderFrame: frame }, ...args);
  return { ipc, handlers, call };
}

describe('createIpcRouter', () => {
  const gatewayFrame = { url: 'https://127.0.0.1:8443/', parent: null };

  it('answers a trusted sender with the handler value, wrapped', async () => {
    const { ipc, call } = fakeIpc();
    const router = createIpcRouter(ipc, () => trusted, silentLogger);
    router.handle('wall:open', (_payload, context) => ({ active: context.scope === 'gateway', open: [], skipped: [] }));
    expect(await call('wall:open', gatewayFrame)).toEqual({ ok: true, value: { active: true, open: [], skipped: [] } });
  });

  it('refuses another origin, a file:// page and a sub-frame without running the handler', async () => {
    const { ipc, call } = fakeIpc();
    let ran = 0;
    createIpcRouter(ipc, () => trusted, silentLogger).handle('wall:close', () => {
      ran++;
      return { active: false, open: [], skipped: [] };
    });
    for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: 'file:///tmp/x.html', parent: null }, { url: 'https://127.0.0.1:8443/', parent: {} }, null]) {
      expect(await call('wall:close', frame)).toEqual({ ok: false, error: { code: 'forbidden', message: 'sender not allowed for wall:close' } });
    }
    expect(ran).toBe(0);
  });

  it('validates payloads against the contract schemas', async () => {
    const { ipc, call } = fakeIpc();
    createIpcRouter(ipc, () => trusted, silentLogger).handle('notify:show', () => ({ shown: true }));
    expect(await call('notify:show', gatewayFrame, { title: 'Alarm', body: 'Camera 12 offline' })).toEqual({ ok: true, value: { shown: true } });
    const bad = (await call('notify:show', gatewayFrame, { title: '', body: 'x', onclick: 'evil()' })) as { ok: boolean; error: { code: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid-payload');
    expect(await call('notify:show', gatewayFrame, { title: 'a', body: 'b' }, 'extra')).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('hides handler crashes behind a generic message, but passes refusals through', async () => {
    const { ipc, call } = fakeIpc();
    const router = createIpcRouter(ipc, () => trusted, silentLogger);
    router.handle('wall:status', () => {
      throw new Error('ENOENT /home/operator/secret/path');
    });
    router.handle('wall:get-config', () => {
      throw new IpcRefusal('wall config locked');
    });
    expect(await call('wall:status', gatewayFrame)).toEqual({ ok: false, error: { code: 'failed', message: 'wall:status failed' } });
    expect(await call('wall:get-config', gatewayFrame)).toEqual({ ok: false, error: { code: 'failed', message: 'wall config locked' } });
  });

  it('re-reads the trusted origin on every call and refuses double registration', async () => {
    const { ipc, call, handlers } = fakeIpc();
    let current: TrustedSenders = { gatewayOrigin: null, localPageUrls: [SETUP] };
    const router = createIpcRouter(ipc, () => current, silentLogger);
    router.handle('app:version', () => ({ name: 'n', version: '1', electron: '41', chrome: '140', platform: 'linux' }));
    expect(await call('app:version', gatewayFrame)).toMatchObject({ ok: false });
    current = trusted;
    expect(await call('app:version', gatewayFrame)).toMatchObject({ ok: true });
    expect(() => router.handle('app:version', () => ({ name: '', version: '', electron: '', chrome: '', platform: '' }))).toThrow('twice');
    router.dispose();
    expect(handlers.size).toBe(0);
  });
});
