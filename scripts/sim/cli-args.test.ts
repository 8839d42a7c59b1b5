import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseIndexList } from './cli-args';

describe('parseCliArgs', () => {
  it('has defaults', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      options: { cameras: 8, port: 8554, controlPort: undefined, addressMode: 'per-camera', prewarm: false, cacheDir: undefined, mix: 'realistic', profiles: {} },
    });
  });

  it('reads both --opt value and --opt=value forms', () => {
    const r = parseCliArgs(['--cameras', '880', '--port=9554', '--control-port', '0', '--address-mode=shared', '--prewarm=1-3,5', '--cache-dir', '/tmp/x']);
    expect(r).toEqual({
      kind: 'run',
      options: { cameras: 880, port: 9554, controlPort: 0, addressMode: 'shared', prewarm: [1, 2, 3, 5], cacheDir: '/tmp/x', mix: 'realistic', profiles: {} },
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
    [['--mix', 'random'], /--mix/],
    [['--profile', 'gopSec=4'], /--profile: expected INDEXLIST/],
    [['--cameras', '3', '--profile', '4:gopSec=4'], /--profile: camera range "4" outside 1..3/],
    [['--profile', '1:gopSec=3'], /--profile: gopSec/],
    [['--profile', '1:mainCodec=vp9'], /--profile: mainCodec/],
    [['--profile', '1:bFrames=yes'], /--profile: bFrames/],
    [['--profile', '1:colour=red'], /--profile: unknown field "colour"/],
    [['--profile', '1:audio'], /--profile: expected key=value/],
    [['--profile', '1:audio=aac,audio=pcma'], /--profile: audio: given twice/],
  ])('rejects %j', (argv, message) => {
    const r = parseCliArgs(argv);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toMatch(message);
  });

  it('reads --mix and repeatable --profile overrides, later flags winning field by field', () => {
    const r = parseCliArgs(['--mix', 'uniform', '--profile', '1-4:gopSec=4,mainCodec=h265', '--profile', '4,5:transport=udp-only,gopSec=2,bFrames=true']);
    expect(r).toMatchObject({
      kind: 'run',
      options: {
        mix: 'uniform',
        profiles: {
          1: { gopSec: 4, mainCodec: 'h265' },
          3: { gopSec: 4, mainCodec: 'h265' },
          4: { gopSec: 2, mainCodec: 'h265', transport: 'udp-only', bFrames: true },
          5: { gopSec: 2, transport: 'udp-only', bFrames: true },
        },
      },
    });
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
