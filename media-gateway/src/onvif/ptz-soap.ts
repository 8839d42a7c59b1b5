/**
 * ONVIF PTZ (ver20) request bodies and typed readers of their replies, on the SOAP layer of onvif-soap.ts: the
 * bodies go into buildEnvelope (prefixes tptz/tt declared there), replies come through readSoapReply → SoapBody. Pure.
 */
import { XmlRejected, attr, child, children, escapeXml, path, text, type XmlNode } from './safe-xml';
import type { SoapBody } from './onvif-extractors';

export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface PtzPosition {
  pan: number | null;
  tilt: number | null;
  zoom: number | null;
}

export interface PtzStatusReading {
  position: PtzPosition;
  moving: { panTilt: boolean; zoom: boolean } | null;
}

export interface PtzPresetReading {
  token: string;
  name: string;
  position: PtzPosition | null;
}

/** Numbers as ONVIF writes them: plain decimals, never exponent or NaN, clamped to [-1, 1]. */
export function vx(v: number): string {
  const c = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const s = (Math.round(c * 1e4) / 1e4).toFixed(4).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

const profile = (token: string): string => `<tptz:ProfileToken>${escapeXml(token)}</tptz:ProfileToken>`;

export const PTZ_REQUESTS = {
  getConfigurations: '<tptz:GetConfigurations/>',
  getNodes: '<tptz:GetNodes/>',
  /** Velocity in the generic spaces; `timeoutSec` lets the camera stop by itself if every later message is lost. */
  continuousMove: (token: string, v: PtzVelocity, timeoutSec?: number): string =>
    `<tptz:ContinuousMove>${profile(token)}<tptz:Velocity><tt:PanTilt x="${vx(v.pan)}" y="${vx(v.tilt)}"/><tt:Zoom x="${vx(v.zoom)}"/></tptz:Velocity>` +
    (timeoutSec !== undefined ? `<tptz:Timeout>PT${Math.max(1, Math.round(timeoutSec))}S</tptz:Timeout>` : '') +
    '</tptz:ContinuousMove>',
  stop: (token: string): string => `<tptz:Stop>${profile(token)}<tptz:PanTilt>true</tptz:PanTilt><tptz:Zoom>true</tptz:Zoom></tptz:Stop>`,
  getStatus: (token: string): string => `<tptz:GetStatus>${profile(token)}</tptz:GetStatus>`,
  getPresets: (token: string): string => `<tptz:GetPresets>${profile(token)}</tptz:GetPresets>`,
  setPreset: (token: string, name: string): string => `<tptz:SetPreset>${profile(token)}<tptz:PresetName>${escapeXml(name)}</tptz:PresetName></tptz:SetPreset>`,
  gotoPreset: (token: string, presetToken: string): string => `<tptz:GotoPreset>${profile(token)}<tptz:PresetToken>${escapeXml(presetToken)}</tptz:PresetToken></tptz:GotoPreset>`,
  removePreset: (token: string, presetToken: string): string =>
    `<tptz:RemovePreset>${profile(token)}<tptz:PresetToken>${escapeXml(presetToken)}</tptz:PresetToken></tptz:RemovePreset>`,
} as const;

function expect(body: SoapBody, name: string): XmlNode {
  if (body.name !== name) throw new XmlRejected(`expected ${name}, got ${body.name.slice(0, 64)}`);
  return body.node;
}

function coordinate(node: XmlNode | undefined, name: string): number | null {
  const s = attr(node, name);
  if (s === null || !/^\s*-?\d{1,6}(\.\d{1,12})?([eE][-+]?\d{1,3})?\s*$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function position(node: XmlNode | undefined): PtzPosition | null {
  if (node === undefined) return null;
  const pt = child(node, 'PanTilt');
  const z = child(node, 'Zoom');
  return { pan: coordinate(pt, 'x'), tilt: coordinate(pt, 'y'), zoom: coordinate(z, 'x') };
}

export function extractPtzStatus(body: SoapBody): PtzStatusReading {
  const st = child(expect(body, 'GetStatusResponse'), 'PTZStatus');
  if (st === undefined) throw new XmlRejected('GetStatusResponse without PTZStatus');
  const ms = child(st, 'MoveStatus');
  const moving = (n: XmlNode | undefined): boolean => (text(n) ?? '').toUpperCase() === 'MOVING';
  return {
    position: position(child(st, 'Position')) ?? { pan: null, tilt: null, zoom: null },
    moving: ms === undefined ? null : { panTilt: moving(child(ms, 'PanTilt')), zoom: moving(child(ms, 'Zoom')) },
  };
}

export function extractPresets(body: SoapBody): PtzPresetReading[] {
  const out: PtzPresetReading[] = [];
  for (const p of children(expect(body, 'GetPresetsResponse'), 'Preset').slice(0, 256)) {
    const token = attr(p, 'token');
    if (!token || token.length > 64) continue;
    out.push({ token, name: (text(child(p, 'Name')) ?? token).slice(0, 64), position: position(child(p, 'PTZPosition')) });
  }
  return out;
}

export function extractSetPresetToken(body: SoapBody): string {
  const t = text(child(expect(body, 'SetPresetResponse'), 'PresetToken'));
  if (!t || t.length > 64) throw new XmlRejected('SetPresetResponse without a PresetToken');
  return t;
}

/** An empty acknowledgement such as ContinuousMoveResponse: only its name is checked. */
export function expectAck(name: string): (body: SoapBody) => void {
  return (body) => {
    expect(body, name);
  };
}

/**
 * The media profile to steer with: the first one that carries a PTZConfiguration, else the first profile at all
 * (some firmwares omit the configuration from GetProfiles yet accept any profile token).
 */
export function extractPtzProfileToken(body: SoapBody): string | null {
  const profiles = children(expect(body, 'GetProfilesResponse'), 'Profiles').slice(0, 32);
  const tokenOf = (p: XmlNode): string | null => {
    const t = attr(p, 'token');
    return t && t.length <= 64 ? t : null;
  };
  for (const p of profiles) if (path(p, 'PTZConfiguration') !== undefined && tokenOf(p)) return tokenOf(p);
  for (const p of profiles) if (tokenOf(p)) return tokenOf(p);
  return null;
}
