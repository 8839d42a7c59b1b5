import { describe, expect, it } from 'vitest';
import { RtspMessageReader, RtspProtocolError, serializeResponse, type RtspInbound } from './rtsp-message';

const describeReq = 'DESCRIBE rtsp://127.1.0.1:8554/sub RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n';

describe('RtspMessageReader', () => {
  it('assembles a request delivered one byte at a time', () => {
    const r = new RtspMessageReader();
    const out: RtspInbound[] = [];
    for (const byte of Buffer.from(describeReq)) out.push(...r.push(Buffer.from([byte])));
    expect(out).toHaveLength(1);
    const m = out[0];
    expect(m?.kind).toBe('request');
    if (m?.kind !== 'request') return;
    expect(m.method).toBe('DESCRIBE');
    expect(m.uri).toBe('rtsp://127.1.0.1:8554/sub');
    expect(m.headers.get('cseq')).toBe('2');
    expect(r.pendingBytes).toBe(0);
  });

  it('separates interleaved RTCP frames from requests, even when split', () => {
    const rtcp = Buffer.concat([Buffer.from([0x24, 1, 0, 8]), Buffer.alloc(8, 0x81)]);
    const req = Buffer.from('GET_PARAMETER rtsp://h/sub RTSP/1.0\r\nCSeq: 9\r\nSession: ABC\r\n\r\n');
    const all = Buffer.concat([rtcp, req, rtcp]);
    const r = new RtspMessageReader();
    const out = [...r.push(all.subarray(0, 3)), ...r.push(all.subarray(3, 30)), ...r.push(all.subarray(30))];
    expect(out.map((m) => m.kind)).toEqual(['interleaved', 'request', 'interleaved']);
    expect(out[0]).toMatchObject({ channel: 1 });
    expect((out[0] as { payload: Buffer }).payload.length).toBe(8);
  });

  it('waits for a Content-Length body', () => {
    const r = new RtspMessageReader();
    const head = 'SET_PARAMETER rtsp://h/sub RTSP/1.0\r\nCSeq: 3\r\nContent-Length: 5\r\n\r\n';
    expect(r.push(Buffer.from(`${head}ab`))).toEqual([]);
    const [m] = r.push(Buffer.from('cde'));
    expect(m?.kind === 'request' && m.body.toString()).toBe('abcde');
  });

  it('rejects garbage', () => {
    expect(() => new RtspMessageReader().push(Buffer.from('HELLO\r\n\r\n'))).toThrow(RtspProtocolError);
    expect(() => new RtspMessageReader().push(Buffer.alloc(20_000, 0x41))).toThrow(RtspProtocolError);
  });

  it('ignores responses from the client', () => {
    expect(new RtspMessageReader().push(Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n'))).toEqual([{ kind: 'response', status: 200 }]);
  });
});

describe('serializeResponse', () => {
  it('writes status, CSeq, headers and Content-Length', () => {
    const text = serializeResponse(200, '4', { Session: 'S1;timeout=60' }, 'v=0\r\n').toString();
    expect(text.startsWith('RTSP/1.0 200 OK\r\nCSeq: 4\r\n')).toBe(true);
    expect(text).toContain('Session: S1;timeout=60\r\n');
    expect(text).toContain('Content-Length: 5\r\n\r\nv=0\r\n');
    expect(serializeResponse(461, '1').toString()).toContain('RTSP/1.0 461 Unsupported Transport');
  });
});
