/**
 * A scripted RTSP camera on loopback for tests: each parsed request goes to `onRequest` with the socket, which writes
 * whatever the test's camera would (responses, interleaved RTP, a hang-up).
 */
import net from 'node:net';
import { RtspMessageReader, type RtspRequest } from '../../scripts/sim/rtsp-message';

export interface ScriptedServer {
  port: number;
  close(): Promise<void>;
}

export async function scriptedRtspServer(onRequest: (req: RtspRequest, socket: net.Socket) => void): Promise<ScriptedServer> {
  const server = net.createServer((socket) => {
    const reader = new RtspMessageReader();
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      for (const msg of reader.push(chunk)) if (msg.kind === 'request') onRequest(msg, socket);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}
