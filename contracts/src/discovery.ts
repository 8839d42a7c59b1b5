import { z } from 'zod';

/**
 * ONVIF discovery scans: the request a technician sends, the progress pushed on the `discovery` WebSocket topic and
 * the result read back over REST. Credentials given to a scan are write-only: no response ever carries them.
 */
export const DISCOVERY_MODES = ['unicast', 'multicast'] as const;
export type DiscoveryMode = (typeof DISCOVERY_MODES)[number];

/** Most addresses a unicast scan may probe (a /20 is 4094 hosts). */
export const DISCOVERY_MAX_ADDRESSES = 4096;

/** `192.168.1.20`, `192.168.1.1-192.168.1.254`, `192.168.1.1-254` or `192.168.0.0/22` (checked in full by the gateway). */
const rangeSchema = z
  .string()
  .trim()
  .min(7)
  .max(64)
  .regex(/^[0-9./-]+$/, 'must be an IPv4 address, range (a-b) or CIDR block');

export const discoveryCredentialSchema = z
  .object({
    username: z.string().min(1).max(128),
    password: z.string().max(128),
    /** Only try this credential on devices at these addresses/ranges; absent = on every device found. */
    hosts: z.array(rangeSchema).min(1).max(16).optional(),
  })
  .strict();
export type DiscoveryCredential = z.infer<typeof discoveryCredentialSchema>;

export const discoveryScanRequestSchema = z
  .object({
    mode: z.enum(DISCOVERY_MODES),
    /** unicast: the addresses to probe on UDP 3702. */
    ranges: z.array(rangeSchema).min(1).max(64).optional(),
    /** multicast: the interface to send on, by name (eth0) or by one of its IPv4 addresses. */
    interface: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.:@-]+$/, 'must be an interface name or IPv4 address')
      .optional(),
    credentials: z.array(discoveryCredentialSchema).max(1024).default([]),
    /** How long to keep listening for ProbeMatches after the last Probe went out. */
    windowMs: z.number().int().min(200).max(30_000).default(2000),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.mode === 'unicast' && !r.ranges) ctx.addIssue({ code: 'custom', path: ['ranges'], message: 'a unicast scan needs ranges' });
    if (r.mode === 'unicast' && r.interface) ctx.addIssue({ code: 'custom', path: ['interface'], message: 'only a multicast scan takes an interface' });
    if (r.mode === 'multicast' && r.ranges) ctx.addIssue({ code: 'custom', path: ['ranges'], message: 'a multicast scan takes no ranges' });
    if (r.mode === 'multicast' && !r.interface) ctx.addIssue({ code: 'custom', path: ['interface'], message: 'a multicast scan needs an interface' });
  });
export type DiscoveryScanRequest = z.infer<typeof discoveryScanRequestSchema>;

export const DISCOVERY_SCAN_STATES = ['running', 'done', 'failed'] as const;
export type DiscoveryScanState = (typeof DISCOVERY_SCAN_STATES)[number];

/** Pushed on the `discovery` topic (throttled) and part of every scan response. */
export interface DiscoveryProgress {
  id: string;
  state: DiscoveryScanState;
  /** Addresses probed at least once (unicast) or Probe messages sent (multicast). */
  probed: number;
  /** Distinct devices (by endpoint UUID) that answered. */
  found: number;
  /** Devices whose queries have finished, whatever the outcome. */
  queried: number;
  /** Devices that ended in `error` plus answers that were skipped as unusable. */
  failed: number;
  /** Devices that answered but accepted none of the credentials. */
  authRequired: number;
  startedAt: string;
  finishedAt: string | null;
  /** Why the scan itself failed (state `failed`). */
  error: string | null;
}

export interface DiscoveredProfile {
  name: string;
  token: string;
  /** H264, H265, JPEG, MPEG4, … as the device names it. */
  codec: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
}

export const DISCOVERED_DEVICE_STATUSES = ['ok', 'auth-required', 'error'] as const;
export type DiscoveredDeviceStatus = (typeof DISCOVERED_DEVICE_STATUSES)[number];

/** Why a found device could not be queried fully; `onvif-*` from the failing ONVIF exchange's error kind. */
export const DISCOVERY_REASON_CODES = [
  'no-credentials',
  'credentials-rejected',
  'no-media-service',
  'bad-media-address',
  'no-video-profile',
  'bad-stream-uri',
  'onvif-auth',
  'onvif-fault',
  'onvif-http',
  'onvif-malformed',
  'onvif-timeout',
  'onvif-too-large',
  'onvif-network',
  'onvif-aborted',
  'not-queried',
  'gave-up',
  'unexpected',
] as const;
export type DiscoveryReasonCode = (typeof DISCOVERY_REASON_CODES)[number];

export interface DiscoveredDevice {
  /** WS-Discovery endpoint reference, e.g. `urn:uuid:…` (lower case). */
  uuid: string;
  /** The address that answered the Probe; every URI below is pinned to it. */
  address: string;
  /** The device service URL used. */
  deviceServiceUrl: string;
  /** From the ONVIF scopes (name/…, hardware/…, location/…), decoded. */
  scopeName: string | null;
  scopeHardware: string | null;
  scopeLocation: string | null;
  make: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  hardwareId: string | null;
  mac: string | null;
  profiles: DiscoveredProfile[];
  mainProfileToken: string | null;
  subProfileToken: string | null;
  /** RTSP URIs without credentials, host re-pinned to `address` when the device reported another. */
  mainStreamUri: string | null;
  subStreamUri: string | null;
  /** True when a stream URI's host had to be re-pinned. */
  streamUriRepinned: boolean;
  snapshotUri: string | null;
  /** Whether the device has a PTZ service; null = unknown (the device did not let the scan log in). */
  ptz: boolean | null;
  /**
   * Which of the scan request's `credentials` (its index there) the device accepted: registering the device
   * offers that one. Null when it needed none or accepted none. The credential itself is never echoed.
   */
  acceptedCredential: number | null;
  /**
   * Device clock minus gateway clock, from GetSystemDateAndTime (which ONVIF answers before login, so it is known for
   * devices that refused the credentials too: a skewed clock is a common reason they do). null = unknown.
   */
  clockOffsetSec: number | null;
  status: DiscoveredDeviceStatus;
  /** English text, for API clients; consoles word `reasonCode`. */
  reason: string | null;
  /** Why the device is not `ok`, as a code (null when it is). */
  reasonCode: DiscoveryReasonCode | null;
  /** Matched against registered cameras (by ONVIF uuid, or host + stream URI) when the scan is read. */
  alreadyRegistered: boolean;
  /** The matching camera, when it lies in the reader's scope. */
  registeredCameraId: string | null;
  /** Milliseconds from scan start to the ProbeMatch, and to the end of the device's queries. */
  foundAfterMs: number;
  queriedAfterMs: number | null;
}

/** An answer that could not be used as a device (malformed, no XAddrs, DOCTYPE, …). */
export interface DiscoverySkipped {
  address: string;
  reason: string;
}

export interface DiscoveryScanDto extends DiscoveryProgress {
  mode: DiscoveryMode;
  ranges: string[];
  interface: string | null;
  windowMs: number;
  /** How many credentials the scan was given (never which). */
  credentialCount: number;
  devices: DiscoveredDevice[];
  skipped: DiscoverySkipped[];
}

/**
 * GET /api/v1/discovery/scans: the recent scans the reader may see (their own, and those started by users within
 * the reader's org-unit scope), newest first; the results of each are read with GET …/scans/:id.
 */
export interface DiscoveryScanSummary extends DiscoveryProgress {
  mode: DiscoveryMode;
  ranges: string[];
  interface: string | null;
  /** Started by the reader. */
  mine: boolean;
  /** Who started it (display name). */
  startedBy: string;
}

export interface DiscoveryScanCreated {
  id: string;
}
