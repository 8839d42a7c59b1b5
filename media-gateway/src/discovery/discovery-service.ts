/**
 * Discovery scans as a service: checks a request (targets, interface, credential scopes) before anything goes out,
 * runs at most `maxRunning` scans at once, keeps the last `maxJobs` in memory (at most `maxJobsPerUser` of one
 * user's, so a technician who leaves the Devices page finds their scans again), publishes throttled progress and
 * answers with results matched against the registered cameras at read time.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import {
  DISCOVERY_MAX_ADDRESSES,
  type DiscoveredDevice,
  type DiscoveryProgress,
  type DiscoveryScanDto,
  type DiscoveryScanRequest,
  type DiscoveryScanSummary,
} from '../../../contracts/src/discovery';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, conflict } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { expandTargets, ipv4ToInt, parseInterval, type Ipv4Interval } from './address-ranges';
import { OnvifDeviceClient } from '../onvif/onvif-device-client';
import type { CameraMatch, DeviceKey } from './registered-cameras';
import { ScanJob, type ScanPlan, type ScopedCredential } from './scan-job';
import { DEFAULT_MAX_XML_BYTES } from '../onvif/safe-xml';
import type { SoapPoster } from '../onvif/soap-http';
import { DEFAULT_PROBE_TIMING, UdpWsDiscoveryTransport, localNetworks, type LocalNetworks, type ProbeTiming, type WsDiscoveryTransport } from './ws-discovery-transport';

export interface DiscoveryOptions {
  /** Devices queried at once. */
  concurrency: number;
  /** Deadline of one SOAP request, whole reply included. */
  requestTimeoutMs: number;
  maxReplyBytes: number;
  /** Deadline of everything asked of one device. */
  deviceDeadlineMs: number;
  /** Credentials tried per device (lock-out policies on cameras typically trigger at 5 failures). */
  maxCredentialAttempts: number;
  maxJobs: number;
  /** Finished scans kept per user who started them (the oldest go first). */
  maxJobsPerUser: number;
  maxRunning: number;
  progressIntervalMs: number;
  timing: Omit<ProbeTiming, 'windowMs'>;
}

export const DEFAULT_DISCOVERY_OPTIONS: DiscoveryOptions = {
  concurrency: 16,
  requestTimeoutMs: 3000,
  maxReplyBytes: DEFAULT_MAX_XML_BYTES,
  deviceDeadlineMs: 20_000,
  maxCredentialAttempts: 3,
  maxJobs: 20,
  maxJobsPerUser: 5,
  maxRunning: 2,
  progressIntervalMs: 250,
  timing: DEFAULT_PROBE_TIMING,
};

export interface CameraLookup {
  match(devices: readonly DeviceKey[]): Map<string, CameraMatch>;
  rememberUuids(matches: Iterable<[string, CameraMatch]>): number;
}

export interface DiscoveryServiceDeps {
  log: Logger;
  publish(progress: DiscoveryProgress): void;
  cameras: CameraLookup;
  canSeeOrgUnit(user: Pick<AuthUser, 'orgUnitId'>, orgUnitId: string): boolean;
  /** Whether the reader's scope covers the org unit of whoever started a scan (null = county level). */
  canManage(user: Pick<AuthUser, 'orgUnitId'>, ownerOrgUnitId: string | null): boolean;
  now?: () => number;
  transport?: WsDiscoveryTransport;
  post?: SoapPoster;
  networks?: () => LocalNetworks;
  options?: Partial<DiscoveryOptions>;
}

export type ScanStarter = Pick<AuthUser, 'id' | 'displayName' | 'orgUnitId'>;

/** Scans started by the gateway itself (tests, tools): county level, nobody's own. */
const SYSTEM: ScanStarter = { id: '', displayName: 'system', orgUnitId: null };

interface JobSlot {
  job: ScanJob;
  startedBy: ScanStarter;
  /** The org unit of whoever started it (null = county level): only users whose scope covers it may cancel it. */
  ownerOrgUnitId: string | null;
  done: Promise<void>;
  lastPublished: number;
  timer: NodeJS.Timeout | null;
}

const byAddress = (a: DiscoveredDevice, b: DiscoveredDevice): number => (ipv4ToInt(a.address) ?? 0) - (ipv4ToInt(b.address) ?? 0) || a.uuid.localeCompare(b.uuid);

export class DiscoveryService {
  private readonly jobs = new Map<string, JobSlot>();
  private readonly o: DiscoveryOptions;
  private readonly now: () => number;
  private readonly transport: WsDiscoveryTransport;
  private closed = false;

  constructor(private readonly deps: DiscoveryServiceDeps) {
    this.o = { ...DEFAULT_DISCOVERY_OPTIONS, ...deps.options };
    this.now = deps.now ?? Date.now;
    this.transport = deps.transport ?? new UdpWsDiscoveryTransport();
  }

  start(req: DiscoveryScanRequest, startedBy: ScanStarter = SYSTEM): { id: string } {
    if (this.closed) throw conflict('the gateway is shutting down');
    const plan = this.plan(req);
    const credentials = req.credentials.map((c, i): ScopedCredential => ({ username: c.username, password: c.password, index: i, hosts: c.hosts ? this.hosts(c.hosts, i) : null }));
    const running = [...this.jobs.values()].filter((s) => s.job.state === 'running').length;
    if (running >= this.o.maxRunning) throw conflict(`${running} scan(s) already running; wait for one to finish`);

    const id = randomUUID();
    const log = this.deps.log;
    const job = new ScanJob(id, plan, credentials, {
      transport: this.transport,
      timing: this.o.timing,
      openClient: (url, signal) => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const client = new OnvifDeviceClient(url, { timeoutMs: this.o.requestTimeoutMs, maxBytes: this.o.maxReplyBytes, post: this.deps.post, agent, signal, now: this.now });
        return { client, close: () => agent.destroy() };
      },
      log,
      now: this.now,
      concurrency: this.o.concurrency,
      maxCredentialAttempts: this.o.maxCredentialAttempts,
      deviceDeadlineMs: this.o.deviceDeadlineMs,
      changed: () => {
        const slot = this.jobs.get(id);
        if (slot) this.changed(slot);
      },
    });
    const slot: JobSlot = { job, startedBy: { id: startedBy.id, displayName: startedBy.displayName, orgUnitId: startedBy.orgUnitId }, ownerOrgUnitId: startedBy.orgUnitId, done: Promise.resolve(), lastPublished: 0, timer: null };
    this.jobs.set(id, slot);
    log.info({ scan: id, mode: plan.mode, ranges: plan.ranges, interface: plan.interfaceName, targets: plan.probe.mode === 'unicast' ? plan.probe.targets.length : null, credentials: credentials.length }, 'discovery scan started');
    slot.done = job.run().then(() => this.finished(id));
    this.evict(startedBy.id);
    return { id };
  }

  get(id: string, reader: Pick<AuthUser, 'orgUnitId'>): DiscoveryScanDto | null {
    const slot = this.jobs.get(id);
    if (!slot) return null;
    const { job } = slot;
    const entries = [...job.devices.values()];
    let matches = new Map<string, CameraMatch>();
    try {
      matches = this.deps.cameras.match(entries);
    } catch (err) {
      this.deps.log.warn({ scan: id, err: (err as Error).message }, 'discovery: registered-camera lookup failed');
    }
    const devices = entries
      .map((e): DiscoveredDevice => {
        const m = matches.get(e.uuid);
        const visible = m ? this.deps.canSeeOrgUnit(reader, m.camera.orgUnitId) : false;
        return { ...e, profiles: e.profiles.map((p) => ({ ...p })), alreadyRegistered: m !== undefined, registeredCameraId: visible ? m!.camera.id : null };
      })
      .sort(byAddress);
    return {
      ...job.progress(),
      mode: job.plan.mode,
      ranges: job.plan.ranges,
      interface: job.plan.interfaceName,
      windowMs: job.plan.windowMs,
      credentialCount: job.credentialCount,
      devices,
      skipped: job.skipped.map((s) => ({ ...s })),
    };
  }

  /** The recent scans the reader may see: their own and those started within their scope; newest first. */
  list(reader: Pick<AuthUser, 'id' | 'orgUnitId'>): DiscoveryScanSummary[] {
    return [...this.jobs.values()]
      .filter((s) => (reader.id !== '' && s.startedBy.id === reader.id) || this.deps.canManage(reader, s.ownerOrgUnitId))
      .map((s) => ({
        ...s.job.progress(),
        mode: s.job.plan.mode,
        ranges: [...s.job.plan.ranges],
        interface: s.job.plan.interfaceName,
        mine: reader.id !== '' && s.startedBy.id === reader.id,
        startedBy: s.startedBy.displayName,
      }))
      .reverse();
  }

  /** undefined = no such scan. */
  ownerOrgUnitId(id: string): string | null | undefined {
    return this.jobs.get(id)?.ownerOrgUnitId;
  }

  cancel(id: string): boolean {
    const slot = this.jobs.get(id);
    if (!slot) return false;
    slot.job.cancel();
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.jobs.values()) s.job.cancel('gateway shutting down');
    await Promise.all([...this.jobs.values()].map((s) => s.done));
    for (const s of this.jobs.values()) if (s.timer) clearTimeout(s.timer);
  }

  private plan(req: DiscoveryScanRequest): ScanPlan {
    const networks = (this.deps.networks ?? localNetworks)();
    if (req.mode === 'unicast') {
      const targets = expandTargets(req.ranges ?? [], { max: DISCOVERY_MAX_ADDRESSES, localBroadcasts: networks.broadcasts });
      if (!targets.ok) throw badRequest(`ranges: ${targets.reason}`);
      return { mode: 'unicast', ranges: [...(req.ranges ?? [])], interfaceName: null, probe: { mode: 'unicast', targets: targets.value }, windowMs: req.windowMs };
    }
    const name = req.interface ?? '';
    const address = networks.interfaceAddress(name);
    if (!address) throw badRequest(`interface: this host has no IPv4 interface or address "${name}"`);
    return { mode: 'multicast', ranges: [], interfaceName: name, probe: { mode: 'multicast', interfaceAddress: address }, windowMs: req.windowMs };
  }

  private hosts(ranges: readonly string[], index: number): Ipv4Interval[] {
    return ranges.map((r) => {
      const p = parseInterval(r);
      if (!p.ok) throw badRequest(`credentials.${index}.hosts: ${p.reason}`);
      return p.value;
    });
  }

  /** Throttled progress: at most one event per interval while running, and always the final one. */
  private changed(slot: JobSlot): void {
    if (slot.job.state !== 'running') return this.publish(slot);
    if (slot.timer) return;
    const wait = slot.lastPublished + this.o.progressIntervalMs - this.now();
    if (wait <= 0) return this.publish(slot);
    slot.timer = setTimeout(() => this.publish(slot), wait);
  }

  private publish(slot: JobSlot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.lastPublished = this.now();
    this.deps.publish(slot.job.progress());
  }

  private finished(id: string): void {
    const slot = this.jobs.get(id);
    if (!slot) return;
    try {
      const ok = [...slot.job.devices.values()].filter((d) => d.status === 'ok');
      const set = this.deps.cameras.rememberUuids(this.deps.cameras.match(ok));
      if (set) this.deps.log.info({ scan: id, cameras: set }, 'discovery: ONVIF uuid recorded for registered cameras');
    } catch (err) {
      this.deps.log.warn({ scan: id, err: (err as Error).message }, 'discovery: could not record ONVIF uuids');
    }
  }

  /** Oldest first (a Map keeps insertion order); running scans are never dropped. */
  private evict(userId: string): void {
    const theirs = [...this.jobs].filter(([, s]) => s.startedBy.id === userId);
    for (const [id, s] of theirs.slice(0, Math.max(0, theirs.length - this.o.maxJobsPerUser))) if (s.job.state !== 'running') this.jobs.delete(id);
    for (const [id, s] of this.jobs) {
      if (this.jobs.size <= this.o.maxJobs) break;
      if (s.job.state !== 'running') this.jobs.delete(id);
    }
  }
}
