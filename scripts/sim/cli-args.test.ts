import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseIndexList } from './cli-args';

describe('parseCliArgs', () => {
  it('has defaults', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      options: { cameras: 8, port: 8554, controlPort: undefined, addressMode: 'per-camera', prewarm: false, cacheDir: undefined },
    });
  });

  it('reads both --opt value and --opt=value forms', () => {
    const r = parseCliArgs(['--cameras', '880', '--port=9554', '--control-port', '0', '--address-mode=shared', '--prewarm=1-3,5', '--cache-dir', '/tmp/x']);
    expect(r).toEqual({
      kind: 'run',
      options: { cameras: 880, port: 9554, controlPort: 0, addressMode: 'shared', prewarm: [1, 2, 3, 5], cacheDir: '/tmp/x' },
    });
    expect(parseCliArgs(['--prewarm'])).toMatchObject({ options: { prewarm: true } });
  });

  it.each([
    [['--cameras', '0'], /--cameras/],
    [['--cameras', '881'], /--cameras/],
    [['--cameras', '2.5'], /--cameras/],
    [['--cameras', 'ten'], /--cameras/],
    [['--cameras'], /needs a value/],
    [['--cameras', '--port'], /needs a value/],
    [['--port', '70000'], /--port/],
    [['--address-mode', 'udp'], /--address-mode/],
    [['--frobnicate'], /unknown option/],
    [['cameras'], /unexpected argument/],
    [['--cameras', '3', '--cameras', '4'], /twice/],
    [['--cameras', '3', '--prewarm=4'], /outside 1..3/],
    [['--address-mode', 'shared', '--port', '65000', '--cameras', '880'], /shared mode/],
  ])('rejects %j', (argv, message) => {
    const r = parseCliArgs(argv);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toMatch(message);
  });

  it('asks for help', () => {
    expect(parseCliArgs(['--cameras', '3', '--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
  });
});

describe('parseIndexList', () => {
  it('expands ranges', () => {
    expect(parseIndexList('3,1-2, 2', 10)).toEqual([1, 2, 3]);
    expect(() => parseIndexList('0', 10)).toThrow();
    expect(() => parseIndexList('5-4', 10)).toThrow();
    expect(() => parseIndexList('a', 10)).toThrow();
  });
});
