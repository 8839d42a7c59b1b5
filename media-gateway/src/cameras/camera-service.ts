import { randomUUID } from 'node:crypto';
import type {
  CameraCreate,
  CameraCreateResponse,
  CameraDto,
  CameraListQuery,
  CameraUpdate,
  CameraWriteQuery,
  RtmpPublishInfo,
  StreamTestRequest,
  StreamTestResult,
} from '../../../contracts/src/camera';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import { toCameraDto, type CameraRecord, type CameraRecordPatch, type CameraRepository, type DuplicateField, type DuplicateQuery } from '../db/camera-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import { withCredentials } from '../ingest/ffmpeg-args';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors';
import { generateStreamKey, hashStreamKey, RTMP_APP } from '../rtmp/rtmp-names';
import type { CredentialCipher } from '../security/credential-cipher';
import type { StreamInputResolver } from '../streams/stream-types';
import { NO_PUBLISHER } from './camera-stream-input';
import { streamAddressDenied, type StreamAddressCheck, type StreamAddressPin } from './stream-address-guard';
import { auditSummary, measuredFields, streamPairFailures, streamTestFailed, testStreamPair, type StreamPairResult, type StreamProbe } from './stream-test';

export interface CameraChangeListener {
  /** What the camera streams from changed (or it is gone): running pipelines must restart. */
  cameraChanged(cameraId: string): Promise<void> | void;
  /** The inventory changed (consoles reload their camera list). */
  inventoryChanged?(cameraId: string, orgUnitId: string, kind: 'created' | 'updated' | 'deleted'): void;
  /** The camera's RTMP stream key changed or the camera is gone: drop its publisher. */
  publisherRevoked?(cameraId: string): void;
}

export interface CameraServiceOptions {
  /** Test streams on create/update unless the request says `?test=false` (config `cameras.testOnCreate`). */
  testOnCreate: boolean;
  /** `rtmp://host:port` cameras publish to, given the host name the API request came in on. */
  rtmpBase(requestHostname: string): string;
  /** Refuses stream URLs that point at the gateway's own machine or internal networks (stream-address-guard.ts). */
  addressGuard?: StreamAddressCheck & StreamAddressPin;
}

const DUPLICATE_WHAT: Record<DuplicateField, string> = { onvifUuid: 'ONVIF device', deviceCode: 'device code', streamUri: 'stream URI' };

export interface CameraServiceDeps {
  cameras: CameraRepository;
  orgUnits: OrgUnitRepository;
  scope: ScopeService;
  cipher: CredentialCipher;
  audit: AuditRepository;
  onChange: CameraChangeListener;
  prober: StreamProbe;
  resolver: StreamInputResolver;
  options: CameraServiceOptions;
}

/** Camera CRUD with the rules the routes must not forget: scope, duplicates, stream test, encrypted secrets, audit. */
export class CameraService {
  constructor(private readonly deps: CameraServiceDeps) {}

  list(user: AuthUser, q: CameraListQuery): { items: CameraDto[]; total: number } {
    if (q.orgUnit && !this.deps.orgUnits.get(q.orgUnit)) throw badRequest(`query.orgUnit: unknown org unit ${q.orgUnit}`);
    const { orgUnit, ...rest } = q;
    const orgUnitIds = this.deps.scope.narrow(user, orgUnit);
    const { items, total } = this.deps.cameras.list({ ...rest, orgUnitIds });
    return { items: items.map(toCameraDto), total };
  }

  get(id: string): CameraDto {
    const c = this.deps.cameras.get(id);
    if (!c) throw notFound('camera');
    return toCameraDto(c);
  }

  private checkOrgUnit(user: AuthUser, orgUnitId: string): void {
    if (!this.deps.orgUnits.get(orgUnitId)) throw badRequest(`body.orgUnitId: unknown org unit ${orgUnitId}`);
    if (!this.deps.scope.canSeeOrgUnit(user, orgUnitId)) throw forbidden('org unit is outside your scope');
  }

  /** 409 naming the camera that already has this ONVIF uuid, device code or stream URI. */
  private checkDuplicate(c: DuplicateQuery, exceptId?: string): void {
    const dup = this.deps.cameras.findDuplicateWithField(c, exceptId);
    if (dup) {
      const { camera, field } = dup;
      throw conflict(`camera "${camera.name}" (${camera.id}) already uses this ${DUPLICATE_WHAT[field]}`, { existingCameraId: camera.id, existingCameraName: camera.name, field });
    }
  }

  private decryptPassword(c: CameraRecord): string | null {
    if (!c.passwordEnc) return null;
    try {
      return this.deps.cipher.decrypt(c.passwordEnc);
    } catch {
      return null;
    }
  }

  /** 400 for the first stream URL the address policy refuses, before anything connects to it. */
  private async checkAddresses(uris: Array<[field: string, uri: string | null | undefined]>): Promise<void> {
    const guard = this.deps.options.addressGuard;
    if (!guard) return;
    for (const [field, uri] of uris) {
      if (uri && (await guard.check(uri))) throw streamAddressDenied(field);
    }
  }

  /**
   * Creates a camera. RTSP/ONVIF cameras get their main and sub stream tested first (unless `?test=false`); a failed
   * test is a 422 and nothing is written, unless `?force=true`. RTMP push cameras get a stream key, returned here once.
   */
  async create(user: AuthUser, input: CameraCreate, ip: string, opts: CameraWriteQuery & { requestHostname: string }): Promise<CameraCreateResponse> {
    this.checkOrgUnit(user, input.orgUnitId);
    this.checkDuplicate(input);
    if (input.sourceType !== 'rtmp-push') await this.checkAddresses([['body.mainStreamUri', input.mainStreamUri], ['body.subStreamUri', input.subStreamUri]]);
    let measured: ReturnType<typeof measuredFields> = {};
    let tested: StreamPairResult | null = null;
    if (input.sourceType !== 'rtmp-push' && (opts.test ?? this.deps.options.testOnCreate)) {
      tested = await testStreamPair(this.deps.prober, { main: input.mainStreamUri, sub: input.subStreamUri }, input.username, input.password, input.rtspTransport);
      if (streamPairFailures(tested).length > 0 && !opts.force) {
        this.deps.audit.append({ userId: user.id, username: user.username, action: 'camera.create', targetType: 'camera', targetId: null, outcome: 'failed', ip, details: { name: input.name, streamTest: auditSummary(tested) } });
        throw streamTestFailed(tested);
      }
      measured = measuredFields(tested);
      this.checkDuplicate(input); // the test took a while: someone may have registered it meanwhile
    }
    const { password, ...fields } = input;
    const streamKey = input.sourceType === 'rtmp-push' ? generateStreamKey() : null;
    // The camera and its audit row commit together (or neither).
    const record = this.deps.audit.recorded(
      () =>
        this.deps.cameras.create({
          id: randomUUID(),
          ...fields,
          ...measured,
          passwordEnc: password ? this.deps.cipher.encrypt(password) : null,
          rtmpKeyHash: streamKey ? hashStreamKey(streamKey) : null,
        }),
      (r) => ({
        userId: user.id,
        username: user.username,
        action: 'camera.create',
        targetType: 'camera',
        targetId: r.id,
        outcome: 'ok',
        ip,
        details: { name: r.name, ...(tested ? { streamTest: auditSummary(tested), forced: streamPairFailures(tested).length > 0 } : {}), ...(streamKey ? { rtmpKeyIssued: true } : {}) },
      }),
    );
    this.deps.onChange.inventoryChanged?.(record.id, record.orgUnitId, 'created');
    const dto: CameraCreateResponse = toCameraDto(record);
    if (streamKey) dto.rtmp = this.publishInfo(record.id, streamKey, opts.requestHostname);
    return dto;
  }

  async update(user: AuthUser, id: string, patch: CameraUpdate, ip: string, opts: CameraWriteQuery = {}): Promise<CameraDto> {
    const current = this.deps.cameras.get(id);
    if (!current) throw notFound('camera');
    if (patch.orgUnitId) this.checkOrgUnit(user, patch.orgUnitId);
    const next = { ...current, ...patch };
    if (next.sourceType !== 'rtmp-push' && !next.mainStreamUri && !next.subStreamUri) throw badRequest('body.mainStreamUri: a camera needs mainStreamUri or subStreamUri');
    this.checkDuplicate(next, id);
    if (next.sourceType !== 'rtmp-push') await this.checkAddresses([['body.mainStreamUri', patch.mainStreamUri], ['body.subStreamUri', patch.subStreamUri]]);
    const { password, ...fields } = patch;
    const recordPatch: CameraRecordPatch = { ...fields };
    if (password !== undefined) recordPatch.passwordEnc = password ? this.deps.cipher.encrypt(password) : null;

    const mainChanged = patch.mainStreamUri !== undefined && patch.mainStreamUri !== current.mainStreamUri;
    const subChanged = patch.subStreamUri !== undefined && patch.subStreamUri !== current.subStreamUri;
    const credentialsChanged = password !== undefined || (patch.username !== undefined && patch.username !== current.username);
    const transportChanged = patch.rtspTransport !== undefined && patch.rtspTransport !== current.rtspTransport;
    // What was learnt under another setting (or from another URL) no longer says what works.
    if (transportChanged || mainChanged || subChanged) recordPatch.transportInUse = null;
    // Measurements of a stream whose URI changed are stale until tested again.
    if (mainChanged) Object.assign(recordPatch, { mainWidth: null, mainHeight: null, mainFps: null, mainAudioCodec: null });
    if (subChanged) Object.assign(recordPatch, { subWidth: null, subHeight: null, subFps: null, subVideoCodec: null, subAudioCodec: null });
    let tested: StreamPairResult | null = null;
    if (current.sourceType !== 'rtmp-push' && (mainChanged || subChanged || credentialsChanged || transportChanged) && (opts.test ?? this.deps.options.testOnCreate)) {
      const pw = password !== undefined ? password : this.decryptPassword(current);
      tested = await testStreamPair(this.deps.prober, { main: next.mainStreamUri, sub: next.subStreamUri }, next.username, pw, next.rtspTransport);
      if (streamPairFailures(tested).length > 0 && !opts.force) {
        this.deps.audit.append({ userId: user.id, username: user.username, action: 'camera.update', targetType: 'camera', targetId: id, outcome: 'failed', ip, details: { fields: Object.keys(patch), streamTest: auditSummary(tested) } });
        throw streamTestFailed(tested);
      }
      Object.assign(recordPatch, measuredFields(tested));
      if (patch.videoCodec !== undefined) recordPatch.videoCodec = patch.videoCodec; // an explicit declaration wins
    }
    const updated = this.deps.audit.recorded(
      () => {
        const row = this.deps.cameras.update(id, recordPatch);
        if (!row) throw notFound('camera');
        return row;
      },
      // Field names only: values may be credentials.
      {
        userId: user.id,
        username: user.username,
        action: password !== undefined ? 'camera.credentials-change' : 'camera.update',
        targetType: 'camera',
        targetId: id,
        outcome: 'ok',
        ip,
        details: { fields: Object.keys(patch), ...(tested ? { streamTest: auditSummary(tested) } : {}) },
      },
    );
    this.deps.onChange.inventoryChanged?.(id, updated.orgUnitId, 'updated');
    // Moving a marker or renaming must not cut the video; only what the stream comes from restarts pipelines.
    const streamFields = ['host', 'rtspPort', 'mainStreamUri', 'subStreamUri', 'username', 'password', 'videoCodec', 'rtspTransport', 'ingest'] as const;
    if (streamFields.some((f) => patch[f] !== undefined)) await this.deps.onChange.cameraChanged(id);
    return toCameraDto(updated);
  }

  async delete(user: AuthUser, id: string, ip: string): Promise<void> {
    const existing = this.deps.cameras.get(id);
    if (!existing) throw notFound('camera');
    this.deps.audit.recorded(
      () => {
        if (!this.deps.cameras.delete(id)) throw notFound('camera');
      },
      { userId: user.id, username: user.username, action: 'camera.delete', targetType: 'camera', targetId: id, outcome: 'ok', ip },
    );
    this.deps.onChange.inventoryChanged?.(id, existing.orgUnitId, 'deleted');
    this.deps.onChange.publisherRevoked?.(id);
    await this.deps.onChange.cameraChanged(id);
  }

  /**
   * Probes a stream: a URL with optional credentials (before registering), or a registered camera's stream
   * (main by default; an RTMP push camera is read back from our RTMP server). Writes nothing but an audit row.
   */
  async testStream(user: AuthUser, req: StreamTestRequest, ip: string): Promise<StreamTestResult> {
    let result: StreamTestResult;
    let target: { type: string; id: string | null; details: Record<string, unknown> };
    if ('url' in req) {
      // ffprobe connects to the address just checked, not to whatever the name resolves to by then.
      const pinned = this.deps.options.addressGuard ? await this.deps.options.addressGuard.pin(req.url) : { ok: true as const, url: req.url };
      if (!pinned.ok) throw streamAddressDenied('body.url');
      const password = req.password ?? null;
      result = await this.deps.prober.probe(withCredentials(pinned.url, req.username ?? null, password), [password ?? ''].filter(Boolean), req.rtspTransport);
      target = { type: 'stream', id: null, details: { host: new URL(req.url).hostname } };
    } else {
      const camera = this.deps.cameras.get(req.cameraId);
      if (!camera) throw notFound('camera');
      if (!this.deps.scope.canSeeOrgUnit(user, camera.orgUnitId)) throw forbidden('camera is outside your org-unit scope');
      if (camera.sourceType !== 'rtmp-push') await this.checkAddresses([['body.cameraId', camera.mainStreamUri], ['body.cameraId', camera.subStreamUri]]);
      const resolved = await this.deps.resolver.resolve(camera.id, req.profile);
      result = resolved.ok
        ? await this.deps.prober.probe(resolved.input.inputUrl, resolved.input.secrets, resolved.input.rtsp?.transport, resolved.input.rtsp?.inUse)
        : { ok: false, code: resolved.reason === NO_PUBLISHER ? 'no-publisher' : 'failed', reason: resolved.reason };
      target = { type: 'camera', id: camera.id, details: { profile: req.profile } };
    }
    this.deps.audit.append({
      userId: user.id,
      username: user.username,
      action: 'camera.stream-test',
      targetType: target.type,
      targetId: target.id,
      outcome: result.ok ? 'ok' : 'failed',
      ip,
      details: { ...target.details, result: result.ok ? `${result.codec} ${result.width ?? '?'}x${result.height ?? '?'}${result.transport ? ` ${result.transport}` : ''}` : result.reason },
    });
    return result;
  }

  /** A new RTMP stream key for a push camera; the old one stops working and its publisher is dropped. */
  async rotateRtmpKey(user: AuthUser, id: string, ip: string, requestHostname: string): Promise<RtmpPublishInfo> {
    const camera = this.deps.cameras.get(id);
    if (!camera) throw notFound('camera');
    if (camera.sourceType !== 'rtmp-push') throw conflict(`camera "${camera.name}" does not push RTMP (source type ${camera.sourceType})`);
    const key = generateStreamKey();
    this.deps.audit.recorded(() => this.deps.cameras.update(id, { rtmpKeyHash: hashStreamKey(key) }), { userId: user.id, username: user.username, action: 'camera.rtmp-key-rotate', targetType: 'camera', targetId: id, outcome: 'ok', ip });
    this.deps.onChange.publisherRevoked?.(id);
    await this.deps.onChange.cameraChanged(id);
    return this.publishInfo(id, key, requestHostname);
  }

  private publishInfo(cameraId: string, key: string, requestHostname: string): RtmpPublishInfo {
    const server = `${this.deps.options.rtmpBase(requestHostname)}/${RTMP_APP}`;
    const streamName = `${cameraId}?key=${key}`;
    return { publishUrl: `${server}/${streamName}`, server, streamName, streamKey: key };
  }
}
