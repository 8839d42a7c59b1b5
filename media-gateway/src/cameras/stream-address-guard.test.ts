import { describe, expect, it } from 'vitest';
import { StreamAddressGuard } from './stream-address-guard';

const names: Record<string, string[]> = {
  'cam.example': ['192.168.1.64'],
  'localhost': ['127.0.0.1', '::1'],
  'mixed.example': ['192.168.1.64', '127.0.0.1'],
  'meta.example': ['::ffff:169.254.169.254'],
  'empty.example': [],
};
const guard = (allowedNetworks: string[] = []) =>
  new StreamAddressGuard({
    allowedNetworks,
    ownPorts: () => [8443],
    localAddresses: () => ['192.168.1.10', 'fe80::1'],
    resolve: async (host) => {
      const found = names[host];
      if (!found) throw new Error('ENOTFOUND');
      return found;
    },
  });

describe('StreamAddressGuard', () => {
  it.each([
    ['rtsp://127.0.0.1:22/x', 'loopback'],
    ['rtsp://0x7f.1:22/', 'loopback'],
    ['rtsp://2130706433/', 'loopback'],
    ['rtsp://0177.0.0.1/', 'loopback'],
    ['rtsp://127.1/', 'loopback'],
    ['rtsp://[::ffff:127.0.0.1]:554/', 'loopback'],
    ['rtsp://[::1]/', 'loopback'],
    ['rtsp://169.254.169.254/latest/meta-data', 'metadata'],
    ['rtsp://localhost:554/', 'loopback'],
    ['rtsp://LOCALHOST./', 'loopback'],
    ['rtsp://mixed.example/', 'loopback'],
    ['rtsp://meta.example/', 'metadata'],
    ['rtsp://0.0.0.0/', 'unspecified'],
    ['rtsp://192.168.1.10:8443/', 'self'],
    ['rtsps://%31%32%37.0.0.1/', 'invalid-host'],
  ])('%s → %s', async (url, why) => expect(await guard().check(url)).toBe(why));

  it.each(['rtsp://192.168.1.64:554/Streaming/Channels/101', 'rtsp://cam.example/live', 'rtsp://192.168.1.10:554/', 'rtsp://[2001:db8::5]/'])('%s is allowed', async (url) =>
    expect(await guard().check(url)).toBeNull(),
  );

  it('a name that does not resolve is left to ffprobe (which cannot reach it either)', async () => {
    expect(await guard().check('rtsp://nowhere.example/')).toBeNull();
    expect(await guard().check('rtsp://empty.example/')).toBeNull();
  });

  it('allowedNetworks opens the simulator range, and only it', async () => {
    const sim = guard(['127.1.0.0/16']);
    expect(await sim.check('rtsp://127.1.0.7:8554/main')).toBeNull();
    expect(await sim.check('rtsp://127.0.0.1:8554/main')).toBe('loopback');
    expect(await sim.check('rtsp://127.1.0.7:8443/')).toBe('self');
  });

  it('refuses a bad allow-list entry at start', () => {
    expect(() => guard(['127.1/16'])).toThrow(/cameras\.allowedNetworks/);
  });

  it('pin: the URL to connect to carries the checked address, not the name (ffmpeg cannot resolve it anew)', async () => {
    expect(await guard().pin('rtsp://cam.example:554/Streaming/Channels/101?transportmode=unicast')).toEqual({
      ok: true,
      url: 'rtsp://192.168.1.64:554/Streaming/Channels/101?transportmode=unicast',
    });
    expect(await guard().pin('rtsp://192.168.1.64/live')).toEqual({ ok: true, url: 'rtsp://192.168.1.64/live' });
    expect(await guard().pin('rtsp://mixed.example/')).toEqual({ ok: false, reason: 'loopback' });
    const v6 = new StreamAddressGuard({ allowedNetworks: [], ownPorts: () => [], localAddresses: () => [], resolve: async () => ['2001:db8::5'] });
    expect(await v6.pin('rtsp://cam6.example:554/x')).toEqual({ ok: true, url: 'rtsp://[2001:db8::5]:554/x' });
  });

  it('pin: DNS rebinding after registration is caught at connect time', async () => {
    const answers = [['192.168.1.64'], ['169.254.169.254'], ['127.0.0.1'], ['192.168.1.64', '127.0.0.1']];
    const rebinding = new StreamAddressGuard({ allowedNetworks: [], ownPorts: () => [], localAddresses: () => [], resolve: async () => answers.shift() ?? [] });
    expect(await rebinding.check('rtsp://cam.example/live')).toBeNull(); // at registration
    expect(await rebinding.pin('rtsp://cam.example/live')).toEqual({ ok: false, reason: 'metadata' });
    expect(await rebinding.pin('rtsp://cam.example/live')).toEqual({ ok: false, reason: 'loopback' });
    expect(await rebinding.pin('rtsp://cam.example/live')).toEqual({ ok: false, reason: 'loopback' });
  });
});
