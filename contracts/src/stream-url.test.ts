import { describe, expect, it } from 'vitest';
import { cameraCreateSchema, cameraUpdateSchema, streamTestRequestSchema } from './camera';
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
  it('defaults the RTSP transport to auto and accepts only auto, tcp or udp', () => {
    expect(cameraCreateSchema.parse(base).rtspTransport).toBe('auto');
    expect(cameraCreateSchema.parse({ ...base, rtspTransport: 'udp' }).rtspTransport).toBe('udp');
    expect(cameraCreateSchema.safeParse({ ...base, rtspTransport: 'http' }).error!.issues.map((i) => i.path.join('.'))).toEqual(['rtspTransport']);
  });
  it.each([
    ['a line break in the username', { username: 'admin\r\nX-Injected: 1' }, 'username', /control characters/],
    ['a tab in the username', { username: 'ad\tmin' }, 'username', /control characters/],
    ["a ':' in the username", { username: 'ad:min' }, 'username', /':'/],
    ['a line break in the password', { password: 'pw\nx' }, 'password', /control characters/],
    ['DEL in the password', { password: 'pw\u007f' }, 'password', /control characters/],
  ])('refuses %s, naming the field', (_label, extra, field, message) => {
    const r = cameraCreateSchema.safeParse({ ...base, ...extra });
    expect(r.success).toBe(false);
    expect([...new Set(r.error!.issues.map((i) => i.path.join('.')))]).toEqual([field]);
    expect(r.error!.issues[0]!.message).toMatch(message);
    expect(cameraUpdateSchema.safeParse(extra).success).toBe(false);
  });
  it("keeps what RTSP can carry: ':' and spaces in passwords, '@' and non-ASCII in usernames", () => {
    const c = cameraCreateSchema.parse({ ...base, username: 'admin@site 管理员', password: 'p:w @#%/ ?' });
    expect([c.username, c.password]).toEqual(['admin@site 管理员', 'p:w @#%/ ?']);
  });
  it('lower-cases the scheme and host of stream URLs and the host field, never the path', () => {
    const c = cameraCreateSchema.parse({ ...base, host: 'Cam-01.Village.LAN', mainStreamUri: 'RTSP://Cam-01.Village.LAN:554/Streaming/Channels/101?Transport=X', subStreamUri: 'Rtsps://[FE80::1]/Sub' });
    expect(c.host).toBe('cam-01.village.lan');
    expect(c.mainStreamUri).toBe('rtsp://cam-01.village.lan:554/Streaming/Channels/101?Transport=X');
    expect(c.subStreamUri).toBe('rtsps://[fe80::1]/Sub');
    expect(cameraUpdateSchema.parse({ mainStreamUri: 'RTSP://H/x' }).mainStreamUri).toBe('rtsp://h/x');
    expect(streamTestRequestSchema.parse({ url: 'RTSP://H/x' })).toEqual({ url: 'rtsp://h/x', rtspTransport: 'auto' });
  });
});
