/**
 * PTZ end to end: simulated ONVIF cameras on 127.43.0.x (camera 3 has PTZ, camera 1 has not), registered with host +
 * ONVIF port; steered through the gateway API; the picture checked by decoding the live HLS stream's newest segment
 * and reading its centre pixel, which is the plain colour of the scene region the camera looks at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PtzPresetDto, PtzStatusDto } from '../../contracts/src/ptz';
import { colourDistance, startFleet, type Fleet, type SimCamera } from '../../scripts/sim/index';
import { PTZ_COLS, ptzSceneColours } from '../../scripts/sim/ptz-state';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { centrePixel, downloadMedia, until, waitForSegments } from '../helpers/media-probe';

const NET: readonly [number, number] = [127, 43];
const PTZ_INDEX = 3;
const PLAIN_INDEX = 1;

describe('PTZ through the gateway (simulated ONVIF PTZ camera, HLS picture check)', () => {
  let h: Harness;
  let fleet: Fleet;
  const ids = new Map<number, string>();

  const register = async (cam: SimCamera): Promise<string> => {
    const res = await h.api<{ id: string }>(
      'POST',
      '/api/v1/cameras',
      { name: `${cam.name} PTZ 测试`, orgUnitId: '141130100', category: 1, sourceType: 'onvif', host: cam.host, rtspPort: cam.port, onvifPort: cam.onvifPort, mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl, username: cam.username, password: cam.password, videoCodec: 'h264' },
      h.adminToken,
    );
    expect(res.status, res.text).toBe(201);
    return res.body.id;
  };

  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
    fleet = await startFleet({ cameras: 3, port: 0, controlPort: null, baseOctets: NET, onvif: { port: 0, discoveryPort: 0 } });
    for (const i of [PTZ_INDEX, PLAIN_INDEX]) ids.set(i, await register(fleet.cameras[i - 1]!));
  });

  afterAll(async () => {
    await fleet?.close();
    await h?.close();
  });

  const ptz = (method: string, index: number, suffix: string, body?: unknown, token = h.adminToken) =>
    h.api<unknown>(method, `/api/v1/cameras/${ids.get(index)}/ptz/${suffix}`, body, token);

  /** Which scene region (col,row) the newest segment's centre shows, or null when it matches none. */
  const regionShown = async (playlist: string): Promise<string | null> => {
    const info = await waitForSegments(playlist, 1);
    const px = await centrePixel(await downloadMedia(info, 1), 640, 360);
    const colours = ptzSceneColours(PTZ_INDEX);
    const best = colours.map((c, i) => ({ i, d: colourDistance(c, px) })).sort((a, b) => a.d - b.d)[0]!;
    return best.d < 35 ? `${best.i % PTZ_COLS},${Math.floor(best.i / PTZ_COLS)}` : null;
  };

  const waitForRegion = (playlist: string, want: string) => until(async () => (await regionShown(playlist)) === want, 30_000, `picture of region ${want}`, 500);

  /** Hold a move for `ms` the way the console does (repeat every 250 ms), then release. */
  const hold = async (move: { pan?: number; tilt?: number; zoom?: number }, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const r = await ptz('POST', PTZ_INDEX, 'move', move);
      expect(r.status, r.text).toBe(204);
      await new Promise((res) => setTimeout(res, 250));
    }
    expect((await ptz('POST', PTZ_INDEX, 'stop')).status).toBe(204);
  };

  it('moves the picture right, saves a preset, moves away and returns to it', async () => {
    const playlist = await h.liveUrl(ids.get(PTZ_INDEX)!);
    await waitForRegion(playlist, '1,1'); // home: the centre region

    await hold({ pan: 1 }, 2000);
    const status = (await ptz('GET', PTZ_INDEX, 'status')).body as PtzStatusDto;
    expect(status.position.pan).toBeGreaterThan(0.5);
    expect(status.moving).toEqual({ panTilt: false, zoom: false });
    await waitForRegion(playlist, '2,1');

    const saved = await ptz('POST', PTZ_INDEX, 'presets', { name: '东侧路口' });
    expect(saved.status, saved.text).toBe(201);
    const token = (saved.body as PtzPresetDto).token;
    const list = (await ptz('GET', PTZ_INDEX, 'presets')).body as { items: PtzPresetDto[] };
    expect(list.items.map((p) => [p.token, p.name])).toContainEqual([token, '东侧路口']);

    await hold({ pan: -1, tilt: 0.8 }, 3000);
    await waitForRegion(playlist, '0,0');

    expect((await ptz('POST', PTZ_INDEX, `presets/${encodeURIComponent(token)}/goto`)).status).toBe(204);
    await waitForRegion(playlist, '2,1');

    expect((await ptz('DELETE', PTZ_INDEX, `presets/${encodeURIComponent(token)}`)).status).toBe(204);
    expect(((await ptz('GET', PTZ_INDEX, 'presets')).body as { items: PtzPresetDto[] }).items).toHaveLength(0);
    const actions = h.gw.repos.audit.recent(20).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['ptz.preset-save', 'ptz.preset-goto', 'ptz.preset-remove']));
  });

  it('stops a camera by itself when the client goes quiet', async () => {
    const head = fleet.ptz(PTZ_INDEX)!;
    expect((await ptz('POST', PTZ_INDEX, 'move', { zoom: 0.5 })).status).toBe(204);
    expect(head.moving().zoom).toBe(true);
    await until(async () => !head.moving().zoom, 4000, 'auto-stop');
    expect((await ptz('POST', PTZ_INDEX, 'stop')).status).toBe(204);
  });

  it('refuses a viewer (403), a camera without PTZ (409) and bad velocities (400)', async () => {
    const created = await h.api('POST', '/api/v1/users', { username: 'ptz-viewer', displayName: 'v', password: 'viewer-ptz-pw-1!', role: 'viewer', orgUnitId: null }, h.adminToken);
    expect(created.status, created.text).toBe(201);
    const login = await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'ptz-viewer', password: 'viewer-ptz-pw-1!' });
    expect(login.status, login.text).toBe(200);
    expect((await ptz('POST', PTZ_INDEX, 'move', { pan: 1 }, login.body.token)).status).toBe(403);
    expect((await ptz('GET', PTZ_INDEX, 'presets', undefined, login.body.token)).status).toBe(403);

    const plain = await ptz('POST', PLAIN_INDEX, 'move', { pan: 1 });
    expect(plain.status, plain.text).toBe(409);
    expect((await ptz('GET', PLAIN_INDEX, 'presets')).status).toBe(409);
    // A camera registered without an ONVIF port (the harness's RTSP-only one) has no PTZ either.
    expect((await h.api('POST', `/api/v1/cameras/${h.cameraIds.get(1)}/ptz/stop`, undefined, h.adminToken)).status).toBe(409);

    expect((await ptz('POST', PTZ_INDEX, 'move', { pan: 2 })).status).toBe(400);
    expect((await ptz('POST', PTZ_INDEX, 'move', { pan: 0.5, roll: 1 })).status).toBe(400);
  });
});
