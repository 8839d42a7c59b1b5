/**
 * One discovery scan: Probes out through the transport, ProbeMatches in (checked, de-duplicated by endpoint UUID),
 * each new device queried as soon as it answers, at most `concurrency` at a time and each within a deadline.
 * Whatever a device sends — malformed XML, no XAddrs, a DOCTYPE, a huge or never-ending reply — ends as a skipped
 * answer or a device in `error` with a reason; it never fails the scan. The scan's credentials are dropped the
 * moment it ends.
 */
import { setMaxListeners } from 'node:events';
import type { DiscoveredDevice, DiscoveryMode, DiscoveryProgress, DiscoveryScanState, DiscoverySkipped } from '../../../contracts/src/discovery';
import type { Logger } from '../platform/logger';
import { inIntervals, type Ipv4Interval } from './address-ranges';
import { emptyDetails, queryDevice, type IndexedCredential } from './device-query';
import type { OnvifCredential, OnvifDeviceClient } from '../onvif/onvif-device-client';
import { XmlRejected } from '../onvif/safe-xml';
import { pinHttpUri } from '../onvif/stream-uri-pinning';
import type { ProbePlan, ProbeSink, ProbeTiming, WsDiscoveryTransport } from './ws-discovery-transport';
import { isVideoDevice, parseProbeMatches, scopeValue, type ProbeMatch } from '../onvif/ws-discovery-messages';

export interface ScopedCredential extends OnvifCredential {
  /** Position in the scan request (reported back as a device's acceptedCredential). */
  index: number;
  /** null = any device. */
  hosts: Ipv4Interval[] | null;
}

export interface ScanPlan {
  mode: DiscoveryMode;
  ranges: string[];
  interfaceName: string | null;
  probe: ProbePlan;
  windowMs: number;
}

export interface ScanJobDeps {
  transport: WsDiscoveryTransport;
  timing: Omit<ProbeTiming, 'windowMs'>;
  openClient(deviceServiceUrl: string, signal: AbortSignal): { client: OnvifDeviceClient; close(): void };
  log: Logger;
  now: () => number;
  concurrency: number;
  maxCredentialAttempts: number;
  deviceDeadlineMs: number;
  /** Progress changed (the service throttles what it publishes). */
  changed(): void;
}

export type DeviceEntry = Omit<DiscoveredDevice, 'alreadyRegistered' | 'registeredCameraId'>;

/** Datagrams taken from one source per scan; the rest is ignored (a responder cannot flood the job). */
const MAX_DATAGRAMS_PER_SOURCE = 8;
const MAX_SKIPPED = 1000;
const MAX_DEVICES = 8192;

export class ScanJob {
  state: DiscoveryScanState = 'running';
  error: string | null = null;
  finishedAt: number | null = null;
  readonly startedAt: number;
  readonly devices = new Map<string, DeviceEntry>();
  readonly skipped: DiscoverySkipped[] = [];
  private readonly counts = { probed: 0, found: 0, queried: 0, failed: 0, authRequired: 0 };
  private credentials: ScopedCredential[];
  private readonly sentIds = new Set<string>();
  private readonly answeredFrom = new Set<string>();
  private readonly perSource = new Map<string, number>();
  private readonly skippedKeys = new Set<string>();
  private readonly queue: DeviceEntry[] = [];
  private active = 0;
  private drainedWaiters: Array<() => void> = [];
  private readonly abort = new AbortController();

  constructor(
    readonly id: string,
    readonly plan: ScanPlan,
    credentials: ScopedCredential[],
    private readonly deps: ScanJobDeps,
  ) {
    this.credentials = credentials;
    this.credentialCount = credentials.length;
    this.startedAt = deps.now();
    // One listener per device being queried, plus the transport's timers.
    setMaxListeners(deps.concurrency + 16, this.abort.signal);
  }

  /** How many credentials the scan was given (the credentials themselves are dropped when it ends). */
  readonly credentialCount: number;

  async run(): Promise<void> {
    const sink: ProbeSink = {
      sent: (id) => this.sentIds.add(id),
      probed: () => {
        this.counts.probed++;
        this.deps.changed();
      },
      datagram: (from, data) => this.onDatagram(from, data),
      answered: (target) => this.answeredFrom.has(target),
      sendFailed: (target, code) => this.skip(target, `Probe could not be sent (${code})`),
    };
    try {
      await this.deps.transport.run(this.plan.probe, { ...this.deps.timing, windowMs: this.plan.windowMs }, sink, this.abort.signal);
      await this.drained();
      if (this.abort.signal.aborted) {
        this.state = 'failed';
        this.error ??= 'cancelled';
      } else this.state = 'done';
    } catch (err) {
      this.state = 'failed';
      this.error = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      this.abort.abort();
      await this.drained();
    } finally {
      this.credentials = [];
      this.queue.length = 0;
      this.finishedAt = this.deps.now();
      this.deps.log.info({ scan: this.id, state: this.state, ...this.counts, error: this.error, ms: this.finishedAt - this.startedAt }, 'discovery scan finished');
      this.deps.changed();
    }
  }

  cancel(reason = 'cancelled'): void {
    if (this.state !== 'running') return;
    this.error = reason;
    this.abort.abort();
  }

  progress(): DiscoveryProgress {
    return {
      id: this.id,
      state: this.state,
      ...this.counts,
      startedAt: new Date(this.startedAt).toISOString(),
      finishedAt: this.finishedAt === null ? null : new Date(this.finishedAt).toISOString(),
      error: this.error,
    };
  }

  private skip(address: string, reason: string): void {
    const key = `${address}\n${reason}`;
    if (this.skippedKeys.has(key) || this.skipped.length >= MAX_SKIPPED) return;
    this.skippedKeys.add(key);
    this.skipped.push({ address, reason });
    this.counts.failed++;
    this.deps.log.warn({ scan: this.id, address, reason }, 'discovery: answer skipped');
    this.deps.changed();
  }

  private onDatagram(from: string, data: Buffer): void {
    const n = (this.perSource.get(from) ?? 0) + 1;
    this.perSource.set(from, n);
    if (n > MAX_DATAGRAMS_PER_SOURCE || this.state !== 'running') return;
    this.answeredFrom.add(from);
    let parsed;
    try {
      parsed = parseProbeMatches(data);
    } catch (err) {
      this.skip(from, err instanceof XmlRejected ? err.message : `unreadable answer: ${(err as Error).message}`);
      return;
    }
    if (parsed.relatesTo !== null && !this.sentIds.has(parsed.relatesTo)) {
      this.skip(from, 'ProbeMatches relates to no Probe of this scan');
      return;
    }
    for (const reason of parsed.rejected) this.skip(from, reason);
    for (const m of parsed.matches) this.onMatch(from, m);
  }

  private onMatch(from: string, m: ProbeMatch): void {
    const known = this.devices.get(m.uuid);
    if (known) {
      // Repeats from the same address are normal (several Probes); the same UUID elsewhere is cloned firmware.
      if (known.address !== from) this.skip(from, `same endpoint UUID as the device at ${known.address} (cloned firmware?)`);
      return;
    }
    if (!isVideoDevice(m)) return this.skip(from, `not an ONVIF video device (types ${m.types.join(' ').slice(0, 100)})`);
    // Only ever talk HTTP to the address that answered: prefer its own XAddr, else re-pin the first HTTP one.
    let xaddr: string | null = null;
    for (const x of m.xaddrs) {
      const pinned = pinHttpUri(x, from);
      if (pinned.ok && (!xaddr || !pinned.repinned)) xaddr = pinned.uri;
      if (pinned.ok && !pinned.repinned) break;
    }
    if (!xaddr) return this.skip(from, 'no usable HTTP XAddr');
    if (this.devices.size >= MAX_DEVICES) return this.skip(from, 'too many devices in one scan');
    const entry: DeviceEntry = {
      uuid: m.uuid,
      address: from,
      deviceServiceUrl: xaddr,
      scopeName: scopeValue(m.scopes, 'name'),
      scopeHardware: scopeValue(m.scopes, 'hardware'),
      scopeLocation: scopeValue(m.scopes, 'location'),
      ...emptyDetails(),
      status: 'error',
      reason: 'not queried yet',
      reasonCode: 'not-queried',
      foundAfterMs: this.deps.now() - this.startedAt,
      queriedAfterMs: null,
    };
    this.devices.set(m.uuid, entry);
    this.counts.found++;
    this.queue.push(entry);
    this.pump();
    this.deps.changed();
  }

  private candidates(address: string): IndexedCredential[] {
    const scoped = this.credentials.filter((c) => c.hosts !== null && inIntervals(address, c.hosts));
    const general = this.credentials.filter((c) => c.hosts === null);
    return [...scoped, ...general].slice(0, this.deps.maxCredentialAttempts).map(({ username, password, index }) => ({ username, password, index }));
  }

  private pump(): void {
    while (this.active < this.deps.concurrency && this.queue.length > 0 && !this.abort.signal.aborted) {
      const entry = this.queue.shift()!;
      this.active++;
      void this.queryOne(entry).finally(() => {
        this.active--;
        if (this.abort.signal.aborted) this.queue.length = 0;
        this.pump();
        if (this.active === 0 && this.queue.length === 0) for (const w of this.drainedWaiters.splice(0)) w();
      });
    }
  }

  private drained(): Promise<void> {
    if (this.abort.signal.aborted) this.queue.length = 0;
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  private async queryOne(entry: DeviceEntry): Promise<void> {
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, this.deps.deviceDeadlineMs);
    const onJobAbort = (): void => ac.abort();
    this.abort.signal.addEventListener('abort', onJobAbort, { once: true });
    const { client, close } = this.deps.openClient(entry.deviceServiceUrl, ac.signal);
    try {
      const details = await queryDevice(client, { address: entry.address, credentials: this.candidates(entry.address) });
      Object.assign(entry, details);
      if (timedOut) Object.assign(entry, { status: 'error', reasonCode: 'gave-up', reason: `gave up after ${this.deps.deviceDeadlineMs} ms` });
    } catch (err) {
      Object.assign(entry, { status: 'error', reasonCode: 'unexpected', reason: `unexpected: ${(err as Error).message}` });
    } finally {
      clearTimeout(timer);
      this.abort.signal.removeEventListener('abort', onJobAbort);
      close();
      entry.queriedAfterMs = this.deps.now() - this.startedAt;
      this.counts.queried++;
      if (entry.status === 'error') {
        this.counts.failed++;
        this.deps.log.warn({ scan: this.id, address: entry.address, uuid: entry.uuid, reason: entry.reason }, 'discovery: device skipped');
      } else if (entry.status === 'auth-required') {
        this.counts.authRequired++;
        this.deps.log.info({ scan: this.id, address: entry.address, uuid: entry.uuid, reason: entry.reason }, 'discovery: device needs credentials');
      }
      this.deps.changed();
    }
  }
}
