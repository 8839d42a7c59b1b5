// The create form (pure): draft, validation (the gateway's limits from contracts/src/incident.ts), the request body,
// and the durable save: one clientRequestId per form, retried with the same id while the network fails, so a
// retry can never create a second incident (the gateway answers 200 with the first one).
import type { IncidentCategory, ReporterKind } from '../../../../contracts/src/incident';
import { toGatewayError, type GatewayError } from '../../gateway/gateway-error';

export interface IncidentFormDraft {
  title: string;
  category: IncidentCategory;
  description: string;
  orgUnitId: string;
  lat: string;
  lng: string;
  address: string;
  reporterKind: ReporterKind;
  reporterName: string;
  reporterPhone: string;
  cameraIds: string[];
}

export const LIMITS = { title: 120, description: 4000, address: 200, name: 64, cameras: 32 } as const;

export function emptyForm(orgUnitId = ''): IncidentFormDraft {
  return { title: '', category: 'other', description: '', orgUnitId, lat: '', lng: '', address: '', reporterKind: 'operator', reporterName: '', reporterPhone: '', cameraIds: [] };
}

export type FormField = 'title' | 'description' | 'orgUnitId' | 'lat' | 'lng' | 'address' | 'reporterName' | 'reporterPhone' | 'cameraIds';
export interface FormError {
  key:
    | 'incidents.form.err.titleRequired'
    | 'incidents.form.err.titleTooLong'
    | 'incidents.form.err.descriptionTooLong'
    | 'incidents.form.err.placeRequired'
    | 'incidents.form.err.lat'
    | 'incidents.form.err.lng'
    | 'incidents.form.err.latLngPair'
    | 'incidents.form.err.addressTooLong'
    | 'incidents.form.err.nameTooLong'
    | 'incidents.form.err.phone'
    | 'incidents.form.err.tooManyCameras';
  params?: Record<string, number>;
}
export type FormErrors = Partial<Record<FormField, FormError>>;

const ORG_CODE = /^\d{6}(\d{3}(\d{3})?)?$/;
const PHONE = /^[0-9+\-() ]{3,32}$/;

/** A coordinate field: '' = absent, a number in range, or NaN for anything else. */
export function parseCoord(value: string, limit: number): number | null {
  const s = value.trim();
  if (s === '') return null;
  const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : NaN;
}

export function validateIncidentForm(d: IncidentFormDraft): FormErrors {
  const e: FormErrors = {};
  const title = d.title.trim();
  if (!title) e.title = { key: 'incidents.form.err.titleRequired' };
  else if (title.length > LIMITS.title) e.title = { key: 'incidents.form.err.titleTooLong', params: { max: LIMITS.title } };
  if (d.description.trim().length > LIMITS.description) e.description = { key: 'incidents.form.err.descriptionTooLong', params: { max: LIMITS.description } };
  if (!ORG_CODE.test(d.orgUnitId)) e.orgUnitId = { key: 'incidents.form.err.placeRequired' };
  const lat = parseCoord(d.lat, 90);
  const lng = parseCoord(d.lng, 180);
  if (Number.isNaN(lat)) e.lat = { key: 'incidents.form.err.lat' };
  if (Number.isNaN(lng)) e.lng = { key: 'incidents.form.err.lng' };
  if (!e.lat && !e.lng && (lat === null) !== (lng === null)) e[lat === null ? 'lat' : 'lng'] = { key: 'incidents.form.err.latLngPair' };
  if (d.address.trim().length > LIMITS.address) e.address = { key: 'incidents.form.err.addressTooLong', params: { max: LIMITS.address } };
  if (d.reporterName.trim().length > LIMITS.name) e.reporterName = { key: 'incidents.form.err.nameTooLong', params: { max: LIMITS.name } };
  if (d.reporterPhone.trim() && !PHONE.test(d.reporterPhone.trim())) e.reporterPhone = { key: 'incidents.form.err.phone' };
  if (d.cameraIds.length > LIMITS.cameras) e.cameraIds = { key: 'incidents.form.err.tooManyCameras', params: { max: LIMITS.cameras } };
  return e;
}

export const isValid = (e: FormErrors): boolean => Object.keys(e).length === 0;

/** `POST /api/v1/incidents` body; call only with a valid draft. */
export function toCreateBody(d: IncidentFormDraft, clientRequestId: string) {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    clientRequestId,
    title: d.title.trim(),
    category: d.category,
    description: d.description.trim(),
    place: { orgUnitId: d.orgUnitId, lat: parseCoord(d.lat, 90), lng: parseCoord(d.lng, 180), address: opt(d.address) },
    reporter: { kind: d.reporterKind, name: opt(d.reporterName), phone: opt(d.reporterPhone) },
    cameraIds: d.cameraIds,
  };
}

/** Worth sending again with the same clientRequestId: no answer at all, or a gateway/proxy that could not answer. */
export function isRetryable(error: GatewayError): boolean {
  return error.isNetwork || error.status === 502 || error.status === 503 || error.status === 504;
}

export interface RetryOptions {
  /** Waits before the 2nd, 3rd … attempt; its length + 1 is the number of attempts. */
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  /** Before each retry (n = the attempt about to be made, 2-based). */
  onRetry?: (n: number, error: GatewayError) => void;
}

export const DEFAULT_RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000] as const;

/** Sends until an answer: success, or an error that retrying cannot fix (4xx, 500), or the attempts run out. */
export async function sendWithRetry<T>(send: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const delays = opts.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sleep = opts.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const e = toGatewayError(error);
      if (!isRetryable(e) || attempt >= delays.length) throw e;
      opts.onRetry?.(attempt + 2, e);
      await sleep(delays[attempt]!);
    }
  }
}

/** A v4 UUID (crypto.randomUUID where there is one; the console runs on https or localhost, so there is). */
export function newClientRequestId(): string {
  return globalThis.crypto.randomUUID();
}
