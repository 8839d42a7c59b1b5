// Pure helpers of the discovery results table.
import type { DiscoveredDevice, DiscoveredProfile } from '../../../../contracts/src/discovery';

/** `urn:uuid:c0a7…` → `c0a7…` (test ids and keys); other endpoint references are kept, with unsafe characters replaced. */
export function deviceKey(uuid: string): string {
  return uuid.replace(/^urn:uuid:/i, '').replace(/[^A-Za-z0-9_.:-]/g, '_');
}

/** `1280×720 H264 25fps` per profile, main first, then sub, then the rest. */
export function profileSummary(d: Pick<DiscoveredDevice, 'profiles' | 'mainProfileToken' | 'subProfileToken'>): string[] {
  const rank = (p: DiscoveredProfile) => (p.token === d.mainProfileToken ? 0 : p.token === d.subProfileToken ? 1 : 2);
  return [...d.profiles]
    .sort((a, b) => rank(a) - rank(b))
    .map((p) => [p.width && p.height ? `${p.width}×${p.height}` : null, p.codec, p.fps ? `${p.fps}fps` : null].filter(Boolean).join(' ') || p.name);
}

/** A device can be registered from the table when its queries succeeded and it is not a camera yet. */
export function isRegistrable(d: Pick<DiscoveredDevice, 'status' | 'alreadyRegistered' | 'mainStreamUri' | 'subStreamUri'>): boolean {
  return d.status === 'ok' && !d.alreadyRegistered && (d.mainStreamUri !== null || d.subStreamUri !== null);
}

/** Clock offset in whole seconds with a sign (`+780`, `-540`, `0`); null when unknown. */
export function clockOffsetText(sec: number | null): string | null {
  if (sec === null || !Number.isFinite(sec)) return null;
  const s = Math.round(sec);
  return s > 0 ? `+${s}` : String(s);
}

/** PTZ column: the dictionary key (null = unknown: the scan could not log into the device, so it never said). */
export function ptzKey(ptz: boolean | null): 'discovery.yes' | 'discovery.no' | 'discovery.ptzUnknown' {
  return ptz === null ? 'discovery.ptzUnknown' : ptz ? 'discovery.yes' : 'discovery.no';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** When a recent scan started, in local time: `12-07 21:05`. */
export function scanStartedText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
