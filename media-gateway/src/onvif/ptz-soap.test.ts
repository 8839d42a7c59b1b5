import { describe, expect, it } from 'vitest';
import { buildEnvelope, readSoapReply } from './onvif-soap';
import { parseSafeXml, path, text, attr } from './safe-xml';
import { PTZ_REQUESTS, expectAck, extractPresets, extractPtzProfileToken, extractPtzStatus, extractSetPresetToken, vx } from './ptz-soap';

const NS = 'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tptz="http://www.onvif.org/ver20/ptz/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:trt="http://www.onvif.org/ver10/media/wsdl"';
const reply = (body: string) => {
  const r = readSoapReply(`<?xml version="1.0"?><s:Envelope ${NS}><s:Body>${body}</s:Body></s:Envelope>`);
  if (r.kind !== 'body') throw new Error('fault');
  return r;
};

describe('PTZ SOAP requests', () => {
  it('writes ContinuousMove velocities as plain clamped decimals with a Timeout', () => {
    const xml = buildEnvelope(PTZ_REQUESTS.continuousMove('Profile_1', { pan: 0.5, tilt: -2, zoom: 1e-7 }, 5));
    const body = path(parseSafeXml(xml), 'Envelope', 'Body', 'ContinuousMove');
    expect(text(path(body, 'ProfileToken'))).toBe('Profile_1');
    expect(attr(path(body, 'Velocity', 'PanTilt'), 'x')).toBe('0.5');
    expect(attr(path(body, 'Velocity', 'PanTilt'), 'y')).toBe('-1');
    expect(attr(path(body, 'Velocity', 'Zoom'), 'x')).toBe('0');
    expect(text(path(body, 'Timeout'))).toBe('PT5S');
    expect([vx(Number.NaN), vx(-0), vx(0.33333), vx(1.5)]).toEqual(['0', '0', '0.3333', '1']);
  });

  it('escapes preset names and tokens', () => {
    const xml = buildEnvelope(PTZ_REQUESTS.setPreset('P<1>', '东门 & "gate"'));
    const body = path(parseSafeXml(xml), 'Envelope', 'Body', 'SetPreset');
    expect(text(path(body, 'ProfileToken'))).toBe('P<1>');
    expect(text(path(body, 'PresetName'))).toBe('东门 & "gate"');
    expect(buildEnvelope(PTZ_REQUESTS.stop('a'))).toContain('<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom>');
    expect(PTZ_REQUESTS.gotoPreset('a', "x'y")).toContain('x&apos;y');
  });
});

describe('PTZ SOAP replies', () => {
  it('reads GetStatus position and move status', () => {
    const s = extractPtzStatus(
      reply(
        '<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position><tt:PanTilt x="0.75" y="-0.25" space="x"/><tt:Zoom x="0.5"/></tt:Position>' +
          '<tt:MoveStatus><tt:PanTilt>MOVING</tt:PanTilt><tt:Zoom>IDLE</tt:Zoom></tt:MoveStatus></tptz:PTZStatus></tptz:GetStatusResponse>',
      ),
    );
    expect(s).toEqual({ position: { pan: 0.75, tilt: -0.25, zoom: 0.5 }, moving: { panTilt: true, zoom: false } });
  });

  it('tolerates a status without MoveStatus or with junk numbers', () => {
    const s = extractPtzStatus(reply('<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position><tt:PanTilt x="NaN" y="1e400"/></tt:Position></tptz:PTZStatus></tptz:GetStatusResponse>'));
    expect(s).toEqual({ position: { pan: null, tilt: null, zoom: null }, moving: null });
    expect(() => extractPtzStatus(reply('<tptz:GetPresetsResponse/>'))).toThrow(/expected GetStatusResponse/);
  });

  it('reads presets, skipping ones without a token', () => {
    const p = extractPresets(
      reply(
        '<tptz:GetPresetsResponse><tptz:Preset token="1"><tt:Name>Gate</tt:Name><tt:PTZPosition><tt:PanTilt x="1" y="0"/><tt:Zoom x="0"/></tt:PTZPosition></tptz:Preset>' +
          '<tptz:Preset><tt:Name>no token</tt:Name></tptz:Preset><tptz:Preset token="7"/></tptz:GetPresetsResponse>',
      ),
    );
    expect(p).toEqual([
      { token: '1', name: 'Gate', position: { pan: 1, tilt: 0, zoom: 0 } },
      { token: '7', name: '7', position: null },
    ]);
    expect(extractPresets(reply('<tptz:GetPresetsResponse/>'))).toEqual([]);
  });

  it('reads the SetPreset token and checks acknowledgements', () => {
    expect(extractSetPresetToken(reply('<tptz:SetPresetResponse><tptz:PresetToken>12</tptz:PresetToken></tptz:SetPresetResponse>'))).toBe('12');
    expect(() => extractSetPresetToken(reply('<tptz:SetPresetResponse/>'))).toThrow();
    expect(() => expectAck('StopResponse')(reply('<tptz:StopResponse/>'))).not.toThrow();
    expect(() => expectAck('StopResponse')(reply('<tptz:GotoPresetResponse/>'))).toThrow();
  });

  it('picks the media profile that carries a PTZConfiguration, else the first', () => {
    const withPtz = reply(
      '<trt:GetProfilesResponse><trt:Profiles token="A"><tt:Name>a</tt:Name></trt:Profiles><trt:Profiles token="B"><tt:PTZConfiguration token="p"/></trt:Profiles></trt:GetProfilesResponse>',
    );
    expect(extractPtzProfileToken(withPtz)).toBe('B');
    expect(extractPtzProfileToken(reply('<trt:GetProfilesResponse><trt:Profiles token="A"/></trt:GetProfilesResponse>'))).toBe('A');
    expect(extractPtzProfileToken(reply('<trt:GetProfilesResponse/>'))).toBeNull();
  });
});
