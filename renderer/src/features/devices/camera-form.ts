// Pure: the registration / edit form's state, its checks, and the mapping to the gateway's create / update bodies
// (contracts/src/camera.ts). The password is write-only: a form made from a camera starts with an empty password,
// and an update sends one only when the technician typed a new one.
import { deviceCodeSchema, rtspPasswordSchema, rtspUsernameSchema, SOURCE_TYPES, type CameraCategory, type CameraDto, type IngestMode, type RtspTransport, type SourceType, type StreamTestResult } from '../../../../contracts/src/camera';
import type { DiscoveredDevice } from '../../../../contracts/src/discovery';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { checkStreamUrl } from '../../../../contracts/src/stream-url';

export interface CameraFormState {
  name: string;
  /** Township (or the county itself); villageId, when set, is the camera's org unit. */
  townshipId: string;
  villageId: string;
  category: '1' | '2' | '3';
  sourceType: SourceType;
  host: string;
  rtspPort: string;
  onvifPort: string;
  mainUri: string;
  subUri: string;
  username: string;
  password: string;
  /** auto (TCP, then UDP when the camera refuses TCP), tcp or udp. */
  rtspTransport: RtspTransport;
  /** auto (the gateway's own RTSP client where it can) or ffmpeg (escape hatch). */
  ingest: IngestMode;
  lat: string;
  lng: string;
  direction: string;
  deviceCode: string;
  vendor: string;
  model: string;
}

export type FormField = 'name' | 'org' | 'host' | 'rtspPort' | 'onvifPort' | 'mainUri' | 'subUri' | 'username' | 'password' | 'lat' | 'lng' | 'direction' | 'deviceCode';
export type FormProblem = 'required' | 'invalid' | 'uri' | 'port' | 'range' | 'pair' | 'code' | 'need-uri' | 'username' | 'password';
export type FormErrors = Partial<Record<FormField, FormProblem>>;

export function emptyForm(): CameraFormState {
  return {
    name: '',
    townshipId: '',
    villageId: '',
    category: '3',
    sourceType: 'rtsp',
    host: '',
    rtspPort: '554',
    onvifPort: '',
    mainUri: '',
    subUri: '',
    username: '',
    password: '',
    rtspTransport: 'auto',
    ingest: 'auto',
    lat: '',
    lng: '',
    direction: '',
    deviceCode: '',
    vendor: '',
    model: '',
  };
}

export function orgUnitOf(state: Pick<CameraFormState, 'townshipId' | 'villageId'>): string {
  return state.villageId || state.townshipId;
}

/** Township select + village select from one org unit id. */
export function splitOrgUnit(orgUnitId: string, units: readonly OrgUnit[]): { townshipId: string; villageId: string } {
  const unit = units.find((u) => u.id === orgUnitId);
  if (unit?.level === 'village') return { townshipId: unit.parentId ?? '', villageId: unit.id };
  return { townshipId: orgUnitId, villageId: '' };
}

const str = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function fromCamera(c: CameraDto, units: readonly OrgUnit[]): CameraFormState {
  return {
    name: c.name,
    ...splitOrgUnit(c.orgUnitId, units),
    category: String(c.category) as CameraFormState['category'],
    sourceType: c.sourceType,
    host: c.host,
    rtspPort: str(c.rtspPort),
    onvifPort: str(c.onvifPort),
    mainUri: str(c.mainStreamUri),
    subUri: str(c.subStreamUri),
    username: str(c.username),
    password: '',
    rtspTransport: c.rtspTransport,
    ingest: c.ingest,
    lat: str(c.lat),
    lng: str(c.lng),
    direction: str(c.direction),
    deviceCode: str(c.deviceCode),
    vendor: str(c.vendor),
    model: str(c.model),
  };
}

function portOf(uri: string | null): string {
  if (!uri) return '';
  const m = /^rtsps?:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(uri);
  return m ? m[1]! : uri.toLowerCase().startsWith('rtsps') ? '322' : '554';
}

function servicePort(url: string): string {
  try {
    const u = new URL(url);
    return u.port || (u.protocol === 'https:' ? '443' : '80');
  } catch {
    return '';
  }
}

/** A name for a discovered device: its ONVIF scope name, else make + model + address. */
export function discoveredName(d: DiscoveredDevice): string {
  const named = d.scopeName?.trim();
  if (named) return named.slice(0, 100);
  return [d.make, d.model, d.address].filter(Boolean).join(' ').slice(0, 100);
}

export function fromDiscovered(d: DiscoveredDevice, defaults: { townshipId: string; villageId: string; category: CameraFormState['category'] }, credential: { username: string; password: string } | null): CameraFormState {
  return {
    ...emptyForm(),
    ...defaults,
    name: discoveredName(d),
    sourceType: 'onvif',
    host: d.address,
    rtspPort: portOf(d.mainStreamUri ?? d.subStreamUri) || '554',
    onvifPort: servicePort(d.deviceServiceUrl),
    mainUri: d.mainStreamUri ?? '',
    subUri: d.subStreamUri ?? '',
    username: credential?.username ?? '',
    password: credential?.password ?? '',
    vendor: (d.make ?? '').slice(0, 64),
    model: (d.model ?? '').slice(0, 64),
  };
}

const HOST = /^[A-Za-z0-9.:-]{1,253}$/;
const isPort = (v: string) => /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535;
const num = (v: string) => (v.trim() === '' ? null : Number(v.trim()));

/** The host of an rtsp URI (for an empty host field). */
export function hostOfUri(uri: string): string {
  const m = /^rtsps?:\/\/(?:[^@/?#]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(uri.trim());
  return m ? m[1]! : '';
}

export function validateForm(s: CameraFormState): FormErrors {
  const e: FormErrors = {};
  if (!s.name.trim()) e.name = 'required';
  else if (s.name.trim().length > 100) e.name = 'invalid';
  if (!orgUnitOf(s)) e.org = 'required';
  const host = s.host.trim() || hostOfUri(s.mainUri) || hostOfUri(s.subUri);
  if (!host) e.host = 'required';
  else if (!HOST.test(host)) e.host = 'invalid';
  if (s.rtspPort.trim() && !isPort(s.rtspPort.trim())) e.rtspPort = 'port';
  if (s.onvifPort.trim() && !isPort(s.onvifPort.trim())) e.onvifPort = 'port';
  if (s.sourceType !== 'rtmp-push') {
    if (s.mainUri.trim() && !checkStreamUrl(s.mainUri.trim()).ok) e.mainUri = 'uri';
    if (s.subUri.trim() && !checkStreamUrl(s.subUri.trim()).ok) e.subUri = 'uri';
    if (!s.mainUri.trim() && !s.subUri.trim()) e.mainUri = 'need-uri';
  }
  const lat = num(s.lat);
  const lng = num(s.lng);
  if (lat !== null && !(Number.isFinite(lat) && lat >= -90 && lat <= 90)) e.lat = 'range';
  if (lng !== null && !(Number.isFinite(lng) && lng >= -180 && lng <= 180)) e.lng = 'range';
  if ((lat === null) !== (lng === null)) e[lat === null ? 'lat' : 'lng'] = 'pair';
  const dir = num(s.direction);
  if (dir !== null && !(Number.isFinite(dir) && dir >= 0 && dir <= 360)) e.direction = 'range';
  // The gateway's own rules (RFC 2617/7826: no control characters, no ':' in the user name), checked before sending.
  if (s.username.trim() && !rtspUsernameSchema.safeParse(s.username.trim()).success) e.username = 'username';
  if (s.password && !rtspPasswordSchema.safeParse(s.password).success) e.password = 'password';
  if (s.deviceCode.trim() && !deviceCodeSchema.safeParse(s.deviceCode.trim()).success) e.deviceCode = 'code';
  return e;
}

/** The fields both create and update carry, normalised (blank → null). Call only on a form without errors. */
function commonBody(s: CameraFormState) {
  const blank = (v: string) => (v.trim() === '' ? null : v.trim());
  const push = s.sourceType === 'rtmp-push';
  const mainStreamUri = push ? null : blank(s.mainUri);
  const subStreamUri = push ? null : blank(s.subUri);
  return {
    name: s.name.trim(),
    orgUnitId: orgUnitOf(s),
    category: Number(s.category) as CameraCategory,
    host: s.host.trim() || hostOfUri(s.mainUri) || hostOfUri(s.subUri),
    rtspPort: s.rtspPort.trim() ? Number(s.rtspPort.trim()) : 554,
    onvifPort: s.onvifPort.trim() ? Number(s.onvifPort.trim()) : null,
    mainStreamUri,
    subStreamUri,
    username: blank(s.username),
    rtspTransport: s.rtspTransport,
    ingest: s.ingest,
    lat: num(s.lat),
    lng: num(s.lng),
    direction: num(s.direction),
    deviceCode: blank(s.deviceCode),
    vendor: blank(s.vendor),
    model: blank(s.model),
  };
}

export type CameraCreateBody = ReturnType<typeof commonBody> & { sourceType: SourceType; password: string | null };

export function toCreateBody(s: CameraFormState): CameraCreateBody {
  return { ...commonBody(s), sourceType: SOURCE_TYPES.includes(s.sourceType) ? s.sourceType : 'rtsp', password: s.password === '' ? null : s.password };
}

/** Only what changed against the stored camera; a password only when a new one was typed. Source type cannot change. */
export function toUpdateBody(s: CameraFormState, original: CameraDto): Record<string, unknown> {
  const next = commonBody(s);
  const before: Record<string, unknown> = {
    name: original.name,
    orgUnitId: original.orgUnitId,
    category: original.category,
    host: original.host,
    rtspPort: original.rtspPort,
    onvifPort: original.onvifPort,
    mainStreamUri: original.mainStreamUri,
    subStreamUri: original.subStreamUri,
    username: original.username,
    rtspTransport: original.rtspTransport,
    ingest: original.ingest,
    lat: original.lat,
    lng: original.lng,
    direction: original.direction,
    deviceCode: original.deviceCode,
    vendor: original.vendor,
    model: original.model,
  };
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) if (before[key] !== value) patch[key] = value;
  if (s.password !== '') patch.password = s.password;
  return patch;
}

/** A 422 `stream_test_failed` carries `{ main?, sub? }` results in `details`. */
export function streamTestFailures(details: unknown): Array<{ profile: 'main' | 'sub'; result: StreamTestResult }> {
  if (typeof details !== 'object' || details === null) return [];
  const out: Array<{ profile: 'main' | 'sub'; result: StreamTestResult }> = [];
  for (const profile of ['main', 'sub'] as const) {
    const r = (details as Record<string, unknown>)[profile];
    if (typeof r === 'object' && r !== null && typeof (r as { ok?: unknown }).ok === 'boolean') out.push({ profile, result: r as StreamTestResult });
  }
  return out;
}

/** A 409 duplicate names the existing camera in `details`. */
export function conflictCamera(details: unknown): { id: string; name: string } | null {
  if (typeof details !== 'object' || details === null) return null;
  const d = details as { existingCameraId?: unknown; existingCameraName?: unknown };
  return typeof d.existingCameraId === 'string' ? { id: d.existingCameraId, name: typeof d.existingCameraName === 'string' ? d.existingCameraName : d.existingCameraId } : null;
}

/** One line for a stream test result: `H264 1280×720 25 fps, first frame 412 ms` (numbers only; words come from i18n). */
export function describeStreamResult(r: Extract<StreamTestResult, { ok: true }>): { codec: string; resolution: string; fps: string; firstFrameMs: number } {
  return {
    codec: r.codec.toUpperCase(),
    resolution: r.width && r.height ? `${r.width}×${r.height}` : '?',
    fps: r.fps === null ? '?' : String(Math.round(r.fps * 100) / 100),
    firstFrameMs: Math.round(r.firstFrameMs),
  };
}
