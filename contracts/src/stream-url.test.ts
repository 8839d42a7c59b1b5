import { describe, expect, it } from 'vitest';
import { cameraCreateSchema } from './camera';
import { checkStreamUrl, maskUrlCredentials } from './stream-url';

describe('checkStreamUrl', () => {
  it.each(['rtsp://10.0.0.5:554/Streaming/Channels/102', 'rtsps://cam.example/live', 'rtsp://[::1]:8554/main'])('accepts %s', (url) => {
    expect(checkStreamUrl(url).ok).toBe(true);
  });
  it.each([
    ['file:///etc/passwd', /protocol file:/],
    ['concat:rtsp://a|rtsp://b', /protocol concat:/],
    ['-i', /must not begin with "-"/],
    ['-f lavfi', /must not begin/],
    ['rtsp://10.0.0.5/a\nb', /whitespace or control/],
    ['rtsp://10.0.0.5/a b', /whitespace or control/],
    ['rtsp://10.0.0.5/a\u0000', /whitespace or control/],
    ['http://10.0.0.5/stream', /protocol http:/],
    ['rtsp://admin:pw@10.0.0.5/x', /must not carry credentials/],
    ['not a url', /whitespace|valid URL/],
    ['', /empty/],
  ])('rejects %j', (url, reason) => {
    const r = checkStreamUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('maskUrlCredentials', () => {
  it('masks user and password', () => {
    expect(maskUrlCredentials('rtsp://admin:secret@10.0.0.5:554/x')).toBe('rtsp://***@10.0.0.5:554/x');
    expect(maskUrlCredentials('rtsp://10.0.0.5/x')).toBe('rtsp://10.0.0.5/x');
  });
});

describe('cameraCreateSchema', () => {
  const base = { name: '水头镇 人民路口', orgUnitId: '141130100', category: 1, sourceType: 'rtsp', host: '10.0.0.5', mainStreamUri: 'rtsp://10.0.0.5/main' };
  it('fills defaults', () => {
    const c = cameraCreateSchema.parse(base);
    expect(c.rtspPort).toBe(554);
    expect(c.password).toBeNull();
  });
  it('names the bad field', () => {
    const r = cameraCreateSchema.safeParse({ ...base, mainStreamUri: 'file:///etc/passwd', category: 4, extra: 1 });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['mainStreamUri', 'category']));
  });
  it('requires a stream URI for RTSP cameras', () => {
    const r = cameraCreateSchema.safeParse({ ...base, mainStreamUri: undefined });
    expect(r.success).toBe(false);
  });
});
