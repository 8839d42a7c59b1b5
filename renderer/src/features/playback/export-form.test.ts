// The export form: its default range around the cursor, what is sent, what is refused before sending, the gateway's
// refusals in words (both languages, zh without leaks), and the request the API makes.
import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../app/dictionaries';
import { GatewayError } from '../../gateway/gateway-error';
import { createTranslate } from '../../i18n/translate';
import { zhLeaks } from '../../i18n/visible-text.test-util';
import { defaultExportForm, exportBody, exportRefusalText, parseExportTime } from './export-form';
import { createPlaybackApi, dispositionFileName } from './playback-api';

const zh = createTranslate('zh-CN', DICTIONARIES);
const en = createTranslate('en', DICTIONARIES);
const at = new Date(2026, 11, 8, 9, 30, 15).getTime();

describe('export form', () => {
  it('defaults to cursor − 30 s … cursor + 30 s, shown in the console language with seconds, and sends that range', () => {
    const zhForm = defaultExportForm(at, 'zh-CN');
    expect(zhForm).toEqual({ from: '2026-12-08 09:29:45', to: '2026-12-08 09:30:45', reason: '' });
    expect(defaultExportForm(at, 'en').from).toBe('8 Dec 2026 09:29:45');
    const r = exportBody({ ...zhForm, reason: '  火情取证  ' }, 'sub');
    expect(r).toEqual({ body: { from: new Date(at - 30_000).toISOString(), to: new Date(at + 30_000).toISOString(), reason: '火情取证', profile: 'sub' } });
    expect(exportBody({ ...defaultExportForm(at, 'en'), reason: 'fire' }, 'main')).toEqual({ body: { ...(r as { body: object }).body, reason: 'fire', profile: 'main' } });
  });

  it('refuses a missing reason, a bad time, an end before the start and more than 30 minutes, naming the field', () => {
    const base = defaultExportForm(at, 'zh-CN');
    expect(exportBody(base, 'main')).toEqual({ errors: { reason: 'reasonRequired' } });
    expect(exportBody({ ...base, from: '2026-13-08 09:00:00', reason: 'ok' }, 'main')).toEqual({ errors: { from: 'badTime' } });
    expect(exportBody({ from: base.to, to: base.from, reason: 'ok' }, 'main')).toEqual({ errors: { to: 'toBeforeFrom' } });
    expect(exportBody({ from: '2026-12-08 09:00:00', to: '2026-12-08 09:30:00', reason: 'ok' }, 'main')).toHaveProperty('body');
    expect(exportBody({ from: '2026-12-08 09:00:00', to: '2026-12-08 09:30:01', reason: 'ok' }, 'main')).toEqual({ errors: { to: 'tooLong' } });
    expect(parseExportTime('2026年12月8日 09:30')).toBe(new Date(2026, 11, 8, 9, 30, 0).getTime());
    expect(parseExportTime('2026-12-08 09:30:61')).toBeNull();
  });

  it('says why the gateway refused, in both languages', () => {
    const field400 = new GatewayError(400, 'bad_request', 'body.reason: too short', null, { issues: [{ field: 'reason', reason: 'say why' }] });
    const notRecorded = new GatewayError(404, 'not_recorded', 'nothing recorded in this range');
    expect(exportRefusalText(field400, zh)).toBe('导出被拒绝：导出原因不正确');
    expect(exportRefusalText(field400, en)).toBe('Export refused: check Reason');
    expect(exportRefusalText(notRecorded, zh)).toBe('该时段没有录像，无法导出');
    expect(exportRefusalText(notRecorded, en)).toBe('Nothing was recorded in this range: nothing to export');
    const texts = [field400, notRecorded, new GatewayError(500, 'internal', 'boom')].map((e) => exportRefusalText(e, zh));
    expect(texts.flatMap((x) => zhLeaks(x))).toEqual([]);
  });

  it('POSTs the body to the camera’s exports and downloads the file under the Content-Disposition name', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const api = createPlaybackApi(async (url, init) => {
      calls.push({ url, init });
      if (url.endsWith('/file')) return new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-disposition': 'attachment; filename="export-cam_1-20261208T093000.mp4"' } });
      return Response.json({ id: 'e1', cameraId: 'cam 1', start: '2026-12-08T01:29:45.000Z', end: '2026-12-08T01:30:45.000Z', bytes: 1234, sha256: 'ab'.repeat(32), url: '/api/v1/exports/e1/file' }, { status: 201 });
    });
    const body = { from: '2026-12-08T01:29:45.000Z', to: '2026-12-08T01:30:45.000Z', reason: '取证', profile: 'main' as const };
    const made = await api.exportClip('cam 1', body);
    expect(calls[0]).toMatchObject({ url: '/api/v1/cameras/cam%201/exports', init: { method: 'POST' } });
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual(body);
    expect(made).toEqual({ id: 'e1', startMs: Date.parse(body.from), endMs: Date.parse(body.to), bytes: 1234, sha256: 'ab'.repeat(32), url: '/api/v1/exports/e1/file' });
    const file = await api.downloadExport(made.url);
    expect(file.fileName).toBe('export-cam_1-20261208T093000.mp4');
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(dispositionFileName(null, 'export.mp4')).toBe('export.mp4');
  });
});
