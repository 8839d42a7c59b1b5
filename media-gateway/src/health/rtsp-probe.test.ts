import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rtspDescribeProbe, videoControlUrl } from './rtsp-probe';

const SDP = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=x', 't=0 0', 'a=control:*', 'm=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000', 'a=control:stream=0', 'm=audio 0 RTP/AVP 8', 'a=control:stream=1', ''].join('\r\n');

describe('videoControlUrl', () => {
  it('resolves the video track against Content-Base, else the request URL', () => {
    expect(videoControlUrl(SDP, 'rtsp://h/live', { contentBase: 'rtsp://h/live/' })).toBe('rtsp://h/live/stream=0');
    expect(videoControlUrl(SDP, 'rtsp://h/live')).toBe('rtsp://h/live/stream=0');
    expect(videoControlUrl(SDP.replace('a=control:stream=0', 'a=control:rtsp://h/track1'), 'rtsp://h/live')).toBe('rtsp://h/track1');
    expect(videoControlUrl(SDP.replace('a=control:stream=0\r\n', ''), 'rtsp://h/live')).toBe('rtsp://h/live');
    expect(videoControlUrl('v=0\r\nm=audio 0 RTP/AVP 8\r\n', 'rtsp://h/live')).toBeNull();
  });
});

/** A camera that answers DESCRIBE and refuses SETUP on the transports it does not serve (461), as UDP-only ones do. */
function fakeCamera(serves: Array<'tcp' | 'udp'>, log: string[]): Promise<{ server: Server; url: string }> {
  const server = createServer((socket) => {
    let buf = '';
    socket.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (let end = buf.indexOf('\r\n\r\n'); end !== -1; end = buf.indexOf('\r\n\r\n')) {
        const head = buf.slice(0, end).split('\r\n');
        buf = buf.slice(end + 4);
        const [method, uri] = head[0]!.split(' ');
        const cseq = head.find((l) => /^cseq:/i.test(l))!.split(':')[1]!.trim();
        const transport = head.find((l) => /^transport:/i.test(l))?.split(':')[1]?.trim() ?? '';
        log.push(`${method} ${uri} ${transport}`.trim());
        if (method === 'DESCRIBE') socket.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nContent-Type: application/sdp\r\nContent-Length: ${SDP.length}\r\n\r\n${SDP}`);
        else if (method === 'SETUP') {
          const wants = transport.startsWith('RTP/AVP/TCP') ? 'tcp' : 'udp';
          socket.write(serves.includes(wants) ? `RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\nSession: 1234;timeout=60\r\nTransport: ${transport}\r\n\r\n` : `RTSP/1.0 461 Unsupported transport\r\nCSeq: ${cseq}\r\n\r\n`);
        } else socket.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\n\r\n`);
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `rtsp://127.0.0.1:${(server.address() as { port: number }).port}/live` })));
}

describe('rtspDescribeProbe', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  it('auto: a UDP-only camera is online over UDP after TCP is refused; the session is torn down', async () => {
    const log: string[] = [];
    const { server, url } = await fakeCamera(['udp'], log);
    servers.push(server);
    const r = await rtspDescribeProbe(url, null, null, 2000, { setting: 'auto', inUse: null });
    expect(r).toMatchObject({ status: 'online', codec: 'h264', transport: 'udp' });
    await new Promise((res) => setTimeout(res, 50));
    expect(log.map((l) => l.replace(/client_port=\d+-\d+/, 'client_port=P'))).toEqual([
      `DESCRIBE ${url}`,
      `SETUP ${url}/stream=0 RTP/AVP/TCP;unicast;interleaved=0-1`,
      `SETUP ${url}/stream=0 RTP/AVP;unicast;client_port=P`,
      `TEARDOWN ${url}`,
    ]);
  });

  it('a camera that cannot be played on the configured transport is offline (unsupported-transport), not online', async () => {
    const { server, url } = await fakeCamera(['udp'], []);
    servers.push(server);
    expect(await rtspDescribeProbe(url, null, null, 2000, { setting: 'tcp', inUse: null })).toMatchObject({ status: 'offline', reason: 'unsupported-transport' });
  });

  it('a camera that accepts the connection and never answers is not responding (not a connect timeout)', async () => {
    const server = createServer(() => {});
    servers.push(server);
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
    const url = `rtsp://127.0.0.1:${(server.address() as { port: number }).port}/live`;
    expect(await rtspDescribeProbe(url, null, null, 300, { setting: 'auto', inUse: null })).toMatchObject({ status: 'offline', reason: 'not-responding' });
  });
});
