import { describe, expect, it } from 'vitest';
import { RtspClientError } from './errors';
import { MAX_BODY_BYTES, MAX_HEADER_BYTES, RtspMessageReader, header, serializeRequest, type RtspResponse } from './rtsp-message';

const response = (text: string): RtspResponse => {
  const out = new RtspMessageReader().push(Buffer.from(text, 'latin1'));
  expect(out).toHaveLength(1);
  expect(out[0]?.kind).toBe('response');
  return out[0] as RtspResponse;
};

describe('serializeRequest', () => {
  it('writes the request line, CSeq, headers and CRLF line ends', () => {
    const text = serializeRequest({ method: 'SETUP', uri: 'rtsp://h/s/trackID=1', cseq: 3, headers: { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1', Session: undefined } }).toString();
    expect(text).toBe('SETUP rtsp://h/s/trackID=1 RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n');
  });

  it('refuses header values that would inject lines', () => {
    expect(() => serializeRequest({ method: 'OPTIONS', uri: '*', cseq: 1, headers: { Session: 'x\r\nEvil: 1' } })).toThrow(RtspClientError);
  });
});

describe('RtspMessageReader', () => {
  it('parses a response with body, repeated headers and case-insensitive names', () => {
    const r = response('RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="a", nonce="n"\r\nwww-authenticate: Basic realm="a"\r\nContent-Length: 4\r\n\r\nabcd');
    expect(r.status).toBe(401);
    expect(r.reason).toBe('Unauthorized');
    expect(r.headers.get('www-authenticate')).toEqual(['Digest realm="a", nonce="n"', 'Basic realm="a"']);
    expect(header(r.headers, 'CSeq')).toBe('2');
    expect(r.body.toString()).toBe('abcd');
  });

  it('tolerates bare LF line ends and folded headers, as some cameras send', () => {
    const r = response('RTSP/1.0 200 OK\nCSeq: 1\nPublic: OPTIONS,\n DESCRIBE\nContent-Length: 2\n\nok');
    expect(header(r.headers, 'public')).toBe('OPTIONS, DESCRIBE');
    expect(r.body.toString()).toBe('ok');
  });

  it('reassembles messages split across reads and interleaved frames between them', () => {
    const reader = new RtspMessageReader();
    const bytes = Buffer.concat([
      Buffer.from([0x24, 0, 0, 3, 1, 2, 3]),
      Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 5\r\n\r\n'),
      Buffer.from([0x24, 1, 0, 1, 9]),
    ]);
    const out = [];
    for (let i = 0; i < bytes.length; i++) out.push(...reader.push(bytes.subarray(i, i + 1)));
    expect(out.map((m) => m.kind)).toEqual(['interleaved', 'response', 'interleaved']);
    expect(out[0]).toMatchObject({ channel: 0, payload: Buffer.from([1, 2, 3]) });
    expect(out[2]).toMatchObject({ channel: 1, payload: Buffer.from([9]) });
  });

  it('reads a request the camera sends', () => {
    const out = new RtspMessageReader().push(Buffer.from('GET_PARAMETER rtsp://h/s RTSP/1.0\r\nCSeq: 9\r\n\r\n'));
    expect(out[0]).toMatchObject({ kind: 'request', method: 'GET_PARAMETER', uri: 'rtsp://h/s' });
  });

  it('enforces the header and body limits', () => {
    const big = `RTSP/1.0 200 OK\r\nX: ${'a'.repeat(MAX_HEADER_BYTES)}`;
    expect(() => new RtspMessageReader().push(Buffer.from(big))).toThrow(/header block/);
    expect(() => new RtspMessageReader().push(Buffer.from(`RTSP/1.0 200 OK\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n`))).toThrow(/body over/);
    // Exactly at the limit is fine (and waits for the body).
    expect(new RtspMessageReader().push(Buffer.from(`RTSP/1.0 200 OK\r\nContent-Length: ${MAX_BODY_BYTES}\r\n\r\n`))).toEqual([]);
  });

  it('rejects malformed input with a protocol error instead of waiting', () => {
    const bad = ['\x00\x01garbage', 'RTSP/2.0 200 OK\r\n\r\n', 'HTTP/1.1 200 OK\r\n\r\n', 'RTSP/1.0 200 OK\r\nno colon here\r\n\r\n', 'RTSP/1.0 200 OK\r\nContent-Length: -1\r\n\r\n', 'RTSP/1.0 200 OK\r\nBad Name: x\r\n\r\n'];
    for (const text of bad) {
      let error: unknown = null;
      try {
        new RtspMessageReader().push(Buffer.from(text, 'latin1'));
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(RtspClientError);
      expect((error as RtspClientError).reason).toBe('protocol');
    }
  });
});
