import { describe, expect, it } from 'vitest';
import { classifyIngestExit, type IngestExitFacts } from './ingest-exit';

const base: IngestExitFacts = { stderrClass: 'exited', signal: null, code: 0, pendingFault: null, hadVideo: true, silentMs: 200, ioTimeoutMs: 5000 };
const classify = (f: Partial<IngestExitFacts>) => classifyIngestExit({ ...base, ...f });

describe('classifyIngestExit', () => {
  it('a signal we did not send is the process dying, whatever the camera did', () => {
    expect(classify({ signal: 'SIGKILL', code: null })).toBe('exited');
    expect(classify({ signal: 'SIGSEGV', code: null, silentMs: 9000 })).toBe('exited');
    expect(classify({ code: null, hadVideo: false })).toBe('exited'); // could not even start
  });

  it('the pipeline’s own finding wins (watchdog, packager)', () => {
    expect(classify({ pendingFault: 'stalled', signal: 'SIGTERM', code: null })).toBe('stalled');
    expect(classify({ pendingFault: 'invalid-data', code: 255 })).toBe('invalid-data');
  });

  it('video that stopped for about an I/O timeout before the end is a stall, not a disconnect', () => {
    expect(classify({ silentMs: 4500, stderrClass: 'exited' })).toBe('stalled');
    expect(classify({ silentMs: 4500, stderrClass: 'timeout', code: 1 })).toBe('stalled');
    // ffmpeg flushes a last fragment as it exits, so the silence may look short: its reads timing out still tell.
    expect(classify({ silentMs: 30, stderrClass: 'timeout', code: 1 })).toBe('stalled');
    expect(classify({ silentMs: 4500, stderrClass: 'invalid-data', code: 1 })).toBe('stalled');
  });

  it('an end right after video with nothing said is the camera closing the connection (powered off, rebooted)', () => {
    expect(classify({ silentMs: 150, stderrClass: 'exited', code: 0 })).toBe('disconnected');
    expect(classify({ silentMs: 150, stderrClass: 'exited', code: 1 })).toBe('disconnected');
  });

  it('before any video: a request nobody answered for a whole I/O timeout is not responding (a stall when the pipeline had video before); else what ffmpeg said', () => {
    expect(classify({ hadVideo: false, silentMs: 5100, stderrClass: 'invalid-data', code: 1 })).toBe('not-responding');
    expect(classify({ hadVideo: false, hadVideoBefore: true, silentMs: 5100, stderrClass: 'invalid-data', code: 1 })).toBe('stalled');
    expect(classify({ hadVideo: false, silentMs: 300, stderrClass: 'invalid-data', code: 1 })).toBe('invalid-data');
    expect(classify({ hadVideo: false, silentMs: 20, stderrClass: 'connection-refused', code: 1 })).toBe('connection-refused');
    expect(classify({ hadVideo: false, silentMs: 5100, stderrClass: 'timeout', code: 1 })).toBe('timeout');
    expect(classify({ hadVideo: false, silentMs: 100, stderrClass: 'auth-failed', code: 1 })).toBe('auth-failed');
  });
});
