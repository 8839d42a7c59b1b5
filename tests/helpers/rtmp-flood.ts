import { connect, type Socket } from 'node:net';

/** What a fake client sends before going silent: nothing, a few bytes of C0+C1, or all of C0+C1. */
export type FloodMode = 'nothing' | 'partial-handshake' | 'c0c1';

export interface FloodClient {
  socket: Socket;
  /** Set when the gateway closed (or reset) the connection; undefined while it is open. */
  closedAt?: number;
  connectedAt?: number;
}

export interface Flood {
  clients: FloodClient[];
  open(): number;
  closedByServer(): number;
  destroy(): Promise<void>;
}

const C0C1 = Buffer.concat([Buffer.from([3]), Buffer.alloc(1536, 0x5a)]);

/**
 * Raw TCP clients that never finish the RTMP handshake, as a scanner or a broken camera would. `sources` are local
 * loopback addresses to connect from (127.0.0.0/8 is all loopback on Linux), so per-address caps can be exercised.
 */
export async function rtmpFlood(opts: { port: number; count: number; mode: FloodMode; sources?: string[] }): Promise<Flood> {
  const sources = opts.sources ?? ['127.0.0.1'];
  const clients: FloodClient[] = [];
  await Promise.all(
    Array.from({ length: opts.count }, (_, i) => {
      const client: FloodClient = { socket: connect({ host: '127.0.0.1', port: opts.port, localAddress: sources[i % sources.length] }) };
      clients.push(client);
      client.socket.on('error', () => {});
      client.socket.on('close', () => (client.closedAt ??= Date.now()));
      return new Promise<void>((resolve) => {
        client.socket.once('connect', () => {
          client.connectedAt = Date.now();
          if (opts.mode === 'partial-handshake') client.socket.write(C0C1.subarray(0, 100));
          if (opts.mode === 'c0c1') client.socket.write(C0C1);
          resolve();
        });
        client.socket.once('close', () => resolve());
      });
    }),
  );
  return {
    clients,
    open: () => clients.filter((c) => c.closedAt === undefined).length,
    closedByServer: () => clients.filter((c) => c.closedAt !== undefined).length,
    destroy: async () => {
      await Promise.all(
        clients.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.socket.destroyed) return resolve();
              c.socket.once('close', () => resolve());
              c.socket.destroy();
            }),
        ),
      );
    },
  };
}
