import { describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { chooseSimPorts, parseSimPort, realPortProbe, simFleetRange, type PortProbe } from './sim-ports';
import { simFleetArgv } from './sim-child';

/** A probe where the given `host:port` (tcp) and `host:port/udp` are taken. */
function probe(taken: string[]): PortProbe & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    tcpFree: async (h, p) => (asked.push(`${h}:${p}`), !taken.includes(`${h}:${p}`)),
    udpFree: async (h, p) => !taken.includes(`${h}:${p}/udp`),
  };
}

describe('chooseSimPorts', () => {
  it('keeps 8554 and ONVIF on a free machine, saying nothing', async () => {
    expect(await chooseSimPorts({ cameras: 8 }, probe([]))).toEqual({ port: 8554, onvif: true, notes: [] });
  });

  it('moves to the next free port when another fleet holds 8554, and says so', async () => {
    const c = await chooseSimPorts({ cameras: 8 }, probe(['127.1.0.1:8554', '127.1.0.1:8555']));
    expect(c.port).toBe(8556);
    expect(c.notes.join()).toMatch(/8554 .*in use.*port 8556/);
  });

  it('checks the last camera address too (a bigger fleet beside a smaller one)', async () => {
    const c = await chooseSimPorts({ cameras: 300 }, probe(['127.1.1.50:8554']));
    expect(c.port).toBe(8555);
  });

  it('prefers the port the registered cameras use', async () => {
    expect((await chooseSimPorts({ cameras: 8, registered: 8556 }, probe([]))).port).toBe(8556);
  });

  it('uses --sim-port as given, without probing', async () => {
    const p = probe(['127.1.0.1:9000']);
    expect((await chooseSimPorts({ cameras: 8, requested: 9000 }, p)).port).toBe(9000);
    expect(p.asked).toEqual([]);
  });

  it('falls back to ephemeral ports when every candidate is taken', async () => {
    const taken = Array.from({ length: 4 }, (_, i) => `127.1.0.1:${8554 + i}`);
    const c = await chooseSimPorts({ cameras: 1, tries: 3 }, probe(taken));
    expect(c.port).toBe(0);
    expect(c.notes[0]).toMatch(/ephemeral/);
  });

  it('turns ONVIF off when WS-Discovery UDP 3702 is held by another fleet', async () => {
    const c = await chooseSimPorts({ cameras: 8 }, probe(['127.1.0.1:3702/udp']));
    expect(c.onvif).toBe(false);
    expect(c.notes.join()).toMatch(/3702.*without ONVIF/);
  });
});

describe('parseSimPort', () => {
  it('accepts 0..65535 and rejects the rest naming the flag', () => {
    expect(parseSimPort(undefined)).toBeUndefined();
    expect(parseSimPort('0')).toBe(0);
    expect(parseSimPort('8554')).toBe(8554);
    expect(() => parseSimPort('65536')).toThrow(/--sim-port/);
    expect(() => parseSimPort('x', '--sim-control-port')).toThrow(/--sim-control-port/);
  });
});

describe('simFleetArgv', () => {
  it('passes the chosen ports and ONVIF on ephemeral HTTP ports', () => {
    expect(simFleetArgv({ cameras: 8, port: 8556, controlPort: 0, onvif: true })).toEqual(['--cameras', '8', '--port', '8556', '--control-port', '0', '--onvif=0']);
    expect(simFleetArgv({ cameras: 1, port: 0, controlPort: 0, onvif: false })).not.toContain('--onvif=0');
  });
});

describe('realPortProbe', () => {
  it('sees a port held by a listening socket as taken', async () => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen({ host: '127.0.0.1', port: 0 }, r));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await realPortProbe.tcpFree('127.0.0.1', port)).toBe(false);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await realPortProbe.tcpFree('127.0.0.1', port)).toBe(true);
  });
});

describe('simFleetRange', () => {
  it('spans the first to the last camera address', () => {
    expect(simFleetRange(1)).toBe('127.1.0.1');
    expect(simFleetRange(8)).toBe('127.1.0.1-127.1.0.8');
    expect(simFleetRange(880)).toBe('127.1.0.1-127.1.3.130');
  });
});
