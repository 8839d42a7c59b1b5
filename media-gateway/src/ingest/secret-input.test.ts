import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretInput } from './secret-input';

describe('secretInput', () => {
  it('names only stdin on the command line; URL and options are script lines', () => {
    const input = secretInput('rtsp://admin:pw@10.0.0.5/101', [['rtsp_transport', 'tcp']], 'rtsp,tcp', ['-probesize', '32768']);
    expect(input.args).toEqual(['-f', 'concat', '-safe', '0', '-auto_convert', '0', '-protocol_whitelist', 'pipe,rtsp,tcp', '-probesize', '32768', '-i', 'pipe:0']);
    expect(input.stdin).toBe("ffconcat version 1.0\nfile 'rtsp://admin:pw@10.0.0.5/101'\noption rtsp_transport 'tcp'\n");
  });

  it("quotes a ' the way av_get_token reads it (encodeURIComponent leaves it in a password)", () => {
    const url = `rtsp://admin:${encodeURIComponent("it's")}@10.0.0.5/101`;
    expect(url).toContain("'");
    expect(secretInput(url, [['user_agent', "a 'b'"]], 'rtsp').stdin.split('\n').slice(1, 3)).toEqual([
      "file 'rtsp://admin:it'\\''s@10.0.0.5/101'",
      "option user_agent 'a '\\''b'\\'''",
    ]);
  });

  it('refuses what would end a directive early, and option names that are not names', () => {
    expect(() => secretInput('rtsp://10.0.0.5/1\noption protocol_whitelist file', [], 'rtsp')).toThrow(/line breaks/);
    expect(() => secretInput('rtsp://10.0.0.5/1', [['user_agent', 'x\ry']], 'rtsp')).toThrow(/line breaks/);
    expect(() => secretInput('rtsp://10.0.0.5/1', [['user_agent', 'x\0']], 'rtsp')).toThrow(/NUL/);
    expect(() => secretInput('rtsp://10.0.0.5/1', [['a b', 'x']], 'rtsp')).toThrow(/option name/);
  });
});

describe('secretInput with the real ffmpeg', () => {
  it('copies H.264 from FLV (avcC, as the internal RTMP pull reads it) byte for byte as `-i <file>` does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvg-secret-input-'));
    const flv = join(dir, 'in.flv');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-t', '1', '-c:v', 'libx264', '-g', '25', '-f', 'flv', flv]);
    const output = ['-c', 'copy', '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', 'pipe:1'];
    const direct = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', flv, ...output]);
    const input = secretInput(`file:${flv}`, [], 'file');
    const viaScript = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...input.args, ...output], { input: input.stdin });
    expect(viaScript.length).toBeGreaterThan(1000);
    expect(viaScript.equals(direct)).toBe(true);
  });
});
