/**
 * The PTZ service (ONVIF ver20 PTZ) of a simulated camera, on top of its PtzState: GetConfigurations, GetNodes,
 * GetConfigurationOptions (minimal), ContinuousMove, Stop, AbsoluteMove, RelativeMove, GetStatus, GetPresets,
 * SetPreset, GotoPreset, RemovePreset, GotoHomePosition. Requests arrive already authenticated (onvif-device.ts) and
 * are parsed with the same safe parser as every other request.
 */
import type { PtzState, PtzVector } from '../ptz-state';
import type { OnvifIdentity, VendorStyle } from './onvif-identity';
import { envelope, fault, profileSpecs } from './soap-replies';
import { parseXml } from './soap-request';

const PT_SPACE_POS = 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace';
const Z_SPACE_POS = 'http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace';
const PT_SPACE_VEL = 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace';
const Z_SPACE_VEL = 'http://www.onvif.org/ver10/tptz/ZoomSpaces/VelocityGenericSpace';
const PT_SPACE_REL = 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/TranslationGenericSpace';
const Z_SPACE_REL = 'http://www.onvif.org/ver10/tptz/ZoomSpaces/TranslationGenericSpace';

type Node = unknown;
const isObj = (n: Node): n is Record<string, Node> => typeof n === 'object' && n !== null && !Array.isArray(n);
const kid = (n: Node, name: string): Node | undefined => {
  if (!isObj(n) || !Object.hasOwn(n, name)) return undefined;
  const v = n[name];
  return Array.isArray(v) ? (v as Node[])[0] : v;
};
const txt = (n: Node | undefined): string | null => {
  const raw = isObj(n) ? n['#text'] : n;
  if (typeof raw !== 'string') return null;
  const t = raw.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '').trim();
  return t === '' ? null : t;
};
const num = (n: Node | undefined, attr: string): number | undefined => {
  if (!isObj(n)) return undefined;
  const v = n[`@_${attr}`];
  if (typeof v !== 'string' || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.trim())) return undefined;
  return Number(v);
};
const esc = (s: string): string => s.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);
const fmt = (v: number): string => (Math.round(v * 1e6) / 1e6).toString();

/** A PTZVector (PanTilt x/y, Zoom x) of a request element; missing parts stay undefined. */
export function readVector(n: Node | undefined): Partial<PtzVector> {
  const pt = kid(n, 'PanTilt');
  const z = kid(n, 'Zoom');
  const out: Partial<PtzVector> = {};
  const pan = num(pt, 'x');
  const tilt = num(pt, 'y');
  const zoom = num(z, 'x');
  if (pan !== undefined) out.pan = pan;
  if (tilt !== undefined) out.tilt = tilt;
  if (zoom !== undefined) out.zoom = zoom;
  return out;
}

/** xs:duration such as PT1S, PT0.5S, PT1M → ms; null when absent or not understood. */
export function durationMs(s: string | null): number | null {
  if (!s) return null;
  const m = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(s.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return Math.round((Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000);
}

const vectorXml = (tag: string, p: PtzVector): string =>
  `<${tag}><tt:PanTilt x="${fmt(p.pan)}" y="${fmt(p.tilt)}" space="${PT_SPACE_POS}"/><tt:Zoom x="${fmt(p.zoom)}" space="${Z_SPACE_POS}"/></${tag}>`;

function configuration(): string {
  return (
    '<tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount><tt:NodeToken>PTZNODETOKEN</tt:NodeToken>' +
    `<tt:DefaultAbsolutePantTiltPositionSpace>${PT_SPACE_POS}</tt:DefaultAbsolutePantTiltPositionSpace>` +
    `<tt:DefaultAbsoluteZoomPositionSpace>${Z_SPACE_POS}</tt:DefaultAbsoluteZoomPositionSpace>` +
    `<tt:DefaultRelativePanTiltTranslationSpace>${PT_SPACE_REL}</tt:DefaultRelativePanTiltTranslationSpace>` +
    `<tt:DefaultRelativeZoomTranslationSpace>${Z_SPACE_REL}</tt:DefaultRelativeZoomTranslationSpace>` +
    `<tt:DefaultContinuousPanTiltVelocitySpace>${PT_SPACE_VEL}</tt:DefaultContinuousPanTiltVelocitySpace>` +
    `<tt:DefaultContinuousZoomVelocitySpace>${Z_SPACE_VEL}</tt:DefaultContinuousZoomVelocitySpace>` +
    '<tt:DefaultPTZTimeout>PT5S</tt:DefaultPTZTimeout>'
  );
}

const range = (space: string, x: [number, number], y?: [number, number]): string =>
  `<tt:URI>${space}</tt:URI><tt:XRange><tt:Min>${x[0]}</tt:Min><tt:Max>${x[1]}</tt:Max></tt:XRange>` + (y ? `<tt:YRange><tt:Min>${y[0]}</tt:Min><tt:Max>${y[1]}</tt:Max></tt:YRange>` : '');

function node(maxPresets: number): string {
  return (
    '<tptz:PTZNode token="PTZNODETOKEN" FixedHomePosition="false"><tt:Name>PTZNODE</tt:Name><tt:SupportedPTZSpaces>' +
    `<tt:AbsolutePanTiltPositionSpace>${range(PT_SPACE_POS, [-1, 1], [-1, 1])}</tt:AbsolutePanTiltPositionSpace>` +
    `<tt:AbsoluteZoomPositionSpace>${range(Z_SPACE_POS, [0, 1])}</tt:AbsoluteZoomPositionSpace>` +
    `<tt:RelativePanTiltTranslationSpace>${range(PT_SPACE_REL, [-1, 1], [-1, 1])}</tt:RelativePanTiltTranslationSpace>` +
    `<tt:RelativeZoomTranslationSpace>${range(Z_SPACE_REL, [-1, 1])}</tt:RelativeZoomTranslationSpace>` +
    `<tt:ContinuousPanTiltVelocitySpace>${range(PT_SPACE_VEL, [-1, 1], [-1, 1])}</tt:ContinuousPanTiltVelocitySpace>` +
    `<tt:ContinuousZoomVelocitySpace>${range(Z_SPACE_VEL, [-1, 1])}</tt:ContinuousZoomVelocitySpace>` +
    `</tt:SupportedPTZSpaces><tt:MaximumNumberOfPresets>${maxPresets}</tt:MaximumNumberOfPresets><tt:HomeSupported>true</tt:HomeSupported></tptz:PTZNode>`
  );
}

export interface PtzReply {
  status: number;
  xml: string;
}

/**
 * Answer one PTZ operation; null for an operation this service does not know (the device then answers
 * ActionNotSupported). `deviceNow` is the device's clock, for GetStatus UtcTime.
 */
export function ptzOperation(id: OnvifIdentity, op: string, requestXml: string, state: PtzState, deviceNow: number, maxPresets = 64): PtzReply | null {
  const style: VendorStyle = id.style;
  const ok = (body: string): PtzReply => ({ status: 200, xml: envelope(style, body) });
  const bad = (sub: string, reason: string): PtzReply => ({ status: 400, xml: fault(style, 'Sender', sub, reason) });
  const body = kid(kid(parseXml(requestXml), 'Envelope'), 'Body');
  const req = kid(body, op);
  const profileToken = txt(kid(req, 'ProfileToken'));
  const needsProfile = !['GetConfigurations', 'GetNodes', 'GetNode', 'GetConfiguration', 'GetConfigurationOptions', 'GetServiceCapabilities'].includes(op);
  if (needsProfile && (!profileToken || !profileSpecs(id).some((p) => p.token === profileToken))) return bad('ter:InvalidArgVal', 'No such profile');

  switch (op) {
    case 'GetServiceCapabilities':
      return ok('<tptz:GetServiceCapabilitiesResponse><tptz:Capabilities EFlip="false" Reverse="false" GetCompatibleConfigurations="false" MoveStatus="true" StatusPosition="true"/></tptz:GetServiceCapabilitiesResponse>');
    case 'GetConfigurations':
      return ok(`<tptz:GetConfigurationsResponse><tptz:PTZConfiguration token="PTZToken">${configuration()}</tptz:PTZConfiguration></tptz:GetConfigurationsResponse>`);
    case 'GetConfiguration':
      return ok(`<tptz:GetConfigurationResponse><tptz:PTZConfiguration token="PTZToken">${configuration()}</tptz:PTZConfiguration></tptz:GetConfigurationResponse>`);
    case 'GetNodes':
      return ok(`<tptz:GetNodesResponse>${node(maxPresets)}</tptz:GetNodesResponse>`);
    case 'GetNode':
      return ok(`<tptz:GetNodeResponse>${node(maxPresets)}</tptz:GetNodeResponse>`);
    case 'ContinuousMove': {
      const v = readVector(kid(req, 'Velocity'));
      if (v.pan === undefined && v.tilt === undefined && v.zoom === undefined) return bad('ter:InvalidArgVal', 'Velocity required');
      state.continuousMove(v, durationMs(txt(kid(req, 'Timeout'))));
      return ok('<tptz:ContinuousMoveResponse></tptz:ContinuousMoveResponse>');
    }
    case 'Stop': {
      const flag = (name: string): boolean => txt(kid(req, name)) !== 'false';
      state.stop(flag('PanTilt'), flag('Zoom'));
      return ok('<tptz:StopResponse></tptz:StopResponse>');
    }
    case 'AbsoluteMove':
      state.absoluteMove(readVector(kid(req, 'Position')));
      return ok('<tptz:AbsoluteMoveResponse></tptz:AbsoluteMoveResponse>');
    case 'RelativeMove':
      state.relativeMove(readVector(kid(req, 'Translation')));
      return ok('<tptz:RelativeMoveResponse></tptz:RelativeMoveResponse>');
    case 'GotoHomePosition':
      state.absoluteMove({ pan: 0, tilt: 0, zoom: 0 });
      return ok('<tptz:GotoHomePositionResponse></tptz:GotoHomePositionResponse>');
    case 'GetStatus': {
      const pos = state.position();
      const moving = state.moving();
      const ms = (b: boolean): string => (b ? 'MOVING' : 'IDLE');
      return ok(
        `<tptz:GetStatusResponse><tptz:PTZStatus>${vectorXml('tt:Position', pos)}` +
          `<tt:MoveStatus><tt:PanTilt>${ms(moving.panTilt)}</tt:PanTilt><tt:Zoom>${ms(moving.zoom)}</tt:Zoom></tt:MoveStatus>` +
          `<tt:UtcTime>${new Date(deviceNow).toISOString().slice(0, 19)}Z</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`,
      );
    }
    case 'GetPresets':
      return ok(
        '<tptz:GetPresetsResponse>' +
          state
            .listPresets()
            .map((p) => `<tptz:Preset token="${esc(p.token)}"><tt:Name>${esc(p.name)}</tt:Name>${vectorXml('tt:PTZPosition', p.position)}</tptz:Preset>`)
            .join('') +
          '</tptz:GetPresetsResponse>',
      );
    case 'SetPreset': {
      const name = txt(kid(req, 'PresetName'));
      if (name !== null && name.length > 64) return bad('ter:InvalidArgVal', 'Preset name too long');
      const token = state.setPreset(name, txt(kid(req, 'PresetToken')));
      if (token === 'no-such-preset') return bad('ter:InvalidArgVal', 'No such preset token');
      if (token === 'too-many-presets') return { status: 500, xml: fault(style, 'Receiver', 'ter:TooManyPresets', 'Maximum number of presets reached') };
      return ok(`<tptz:SetPresetResponse><tptz:PresetToken>${esc(token)}</tptz:PresetToken></tptz:SetPresetResponse>`);
    }
    case 'GotoPreset': {
      const r = state.gotoPreset(txt(kid(req, 'PresetToken')) ?? '');
      return r === 'ok' ? ok('<tptz:GotoPresetResponse></tptz:GotoPresetResponse>') : bad('ter:InvalidArgVal', 'No such preset token');
    }
    case 'RemovePreset': {
      const r = state.removePreset(txt(kid(req, 'PresetToken')) ?? '');
      return r === 'ok' ? ok('<tptz:RemovePresetResponse></tptz:RemovePresetResponse>') : bad('ter:InvalidArgVal', 'No such preset token');
    }
    default:
      return null;
  }
}
