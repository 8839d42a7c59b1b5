import { randomUUID } from 'node:crypto';
import { csvIssue, readCameraCsv, writeCameraCsv, type CsvCameraCandidate } from '../../../camera-config/src/index';
import { streamUriKey, type CameraImportReport, type CsvRowIssue } from '../../../contracts/src/camera';
import { checkStreamUrl } from '../../../contracts/src/stream-url';
import type { AuthUser } from '../auth/auth-user';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { Db } from '../db/connection';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import { badRequest, HttpError } from '../platform/errors';
import type { CredentialCipher } from '../security/credential-cipher';
import { STREAM_ADDRESS_DENIED, type StreamAddressCheck } from './stream-address-guard';

export interface CameraImportOptions {
  maxRows: number;
  /** Told about each imported camera, so consoles reload their camera list. */
  onCreated?(cameraId: string, orgUnitId: string): void;
  /** The same address policy as camera create (stream-address-guard.ts). */
  addressGuard?: StreamAddressCheck;
}

interface Checked {
  rows: number;
  issues: CsvRowIssue[];
  warnings: CsvRowIssue[];
  /** Rows without any issue (file, scope and database checks included). */
  valid: CsvCameraCandidate[];
  /** Every data row number that holds a camera (valid or not). */
  rowNumbers: Set<number>;
}

export interface CameraImportServiceDeps {
  db: Db;
  cameras: CameraRepository;
  orgUnits: OrgUnitRepository;
  scope: ScopeService;
  cipher: CredentialCipher;
  audit: AuditRepository;
  options: CameraImportOptions;
}

/**
 * CSV import and export of the camera inventory (format: camera-config/src/camera-csv.ts). A dry run reports
 * per row; a commit creates only the confirmed rows, all in one transaction, and writes nothing if any of them
 * (or the file) has a problem. Export is scoped to the caller's org units and never contains passwords.
 */
export class CameraImportService {
  constructor(private readonly deps: CameraImportServiceDeps) {}

  /** Rows whose stream URL the address policy refuses; resolved (async) before the synchronous check and insert. */
  private async addressIssues(csv: string): Promise<CsvRowIssue[]> {
    const guard = this.deps.options.addressGuard;
    if (!guard) return [];
    // Every row's addresses, also of rows with other problems: the dry run reports all of them at once.
    const { keys } = readCameraCsv(csv, this.deps.orgUnits.list(), { maxRows: this.deps.options.maxRows });
    const jobs = keys.flatMap((c) =>
      ([['rtsp_main', c.mainStreamUri], ['rtsp_sub', c.subStreamUri]] as const).filter((e) => !e[1] || checkStreamUrl(e[1]).ok).filter((e): e is readonly ['rtsp_main' | 'rtsp_sub', string] => !!e[1]).map(([field, uri]) => ({ row: c.row, field, uri })),
    );
    const issues: CsvRowIssue[] = [];
    for (let i = 0; i < jobs.length; i += 16) {
      const batch = jobs.slice(i, i + 16);
      const denied = await Promise.all(batch.map((j) => guard.check(j.uri)));
      batch.forEach((j, k) => {
        if (denied[k]) issues.push(csvIssue(j.row, j.field, 'stream-address-denied', STREAM_ADDRESS_DENIED));
      });
    }
    return issues;
  }

  /** File checks, then the caller's scope and the cameras already registered. */
  private check(user: AuthUser, csv: string, addressIssues: CsvRowIssue[]): Checked {
    const read = readCameraCsv(csv, this.deps.orgUnits.list(), { maxRows: this.deps.options.maxRows });
    const issues = [...read.issues];
    const visible = this.deps.scope.visibleOrgIds(user);
    const allowed = visible === null ? null : new Set(visible);
    const existingUris = new Map<string, { id: string; name: string }>();
    const existingCodes = new Map<string, { id: string; name: string }>();
    for (const c of this.deps.cameras.streamUriIndex()) {
      for (const uri of [c.main, c.sub]) if (uri) existingUris.set(streamUriKey(uri), c);
      if (c.deviceCode) existingCodes.set(c.deviceCode, c);
    }
    // Scope, registered duplicates and the address policy for every row (valid or not), so a dry run lists every
    // problem of every row at once.
    for (const c of read.keys) {
      if (allowed && c.orgUnitId && !allowed.has(c.orgUnitId)) issues.push(csvIssue(c.row, 'township', 'outside-scope', `org unit ${c.orgUnitId} is outside your scope`, { orgUnit: c.orgUnitId }));
      for (const [field, uri] of [['rtsp_main', c.mainStreamUri], ['rtsp_sub', c.subStreamUri]] as const) {
        const dup = uri && checkStreamUrl(uri).ok ? existingUris.get(streamUriKey(uri)) : undefined;
        if (dup) issues.push(csvIssue(c.row, field, 'duplicate-stream', `duplicate: camera "${dup.name}" (${dup.id}) already uses this stream URI`, { name: dup.name }));
      }
      issues.push(...addressIssues.filter((i) => i.row === c.row));
      const dupCode = c.deviceCode ? existingCodes.get(c.deviceCode) : undefined;
      if (dupCode) issues.push(csvIssue(c.row, 'gb28181_code', 'duplicate-code', `duplicate: camera "${dupCode.name}" (${dupCode.id}) already has this GB/T 28181 code`, { name: dupCode.name }));
    }
    const bad = new Set(issues.map((i) => i.row));
    const valid = read.candidates.filter((c) => !bad.has(c.row));
    issues.sort((a, b) => a.row - b.row);
    const rowNumbers = new Set<number>([...read.keys.map((c) => c.row), ...read.issues.filter((i) => i.row > 1).map((i) => i.row)]);
    return { rows: read.rows, issues, warnings: read.warnings, valid, rowNumbers };
  }

  private report(dryRun: boolean, checked: Checked, issues: CsvRowIssue[], cameras: CsvCameraCandidate[], createdIds: string[]): CameraImportReport {
    return {
      dryRun,
      rows: checked.rows,
      valid: cameras.length,
      issues,
      warnings: checked.warnings,
      cameras: cameras.map((c) => ({ row: c.row, name: c.name, orgUnitId: c.orgUnitId, category: c.category, host: c.host })),
      created: createdIds.length,
      createdIds,
    };
  }

  async dryRun(user: AuthUser, csv: string, ip: string): Promise<CameraImportReport> {
    const checked = this.check(user, csv, await this.addressIssues(csv));
    this.deps.audit.append({ userId: user.id, username: user.username, action: 'camera.import-check', targetType: 'camera', targetId: null, outcome: 'ok', ip, details: { rows: checked.rows, valid: checked.valid.length, issues: checked.issues.length } });
    return this.report(true, checked, checked.issues, checked.valid, []);
  }

  /**
   * Creates the confirmed rows (all rows when `confirmRows` is absent) in one transaction. Any problem in the file
   * itself or in a confirmed row: 422 with the report, and nothing is written.
   */
  async commit(user: AuthUser, csv: string, confirmRows: number[] | undefined, ip: string): Promise<CameraImportReport> {
    const addressIssues = await this.addressIssues(csv);
    const checked = this.check(user, csv, addressIssues);
    const confirmed = confirmRows ? new Set(confirmRows) : checked.rowNumbers;
    const blocking = checked.issues.filter((i) => i.row === 1 || i.field === '(file)' || confirmed.has(i.row));
    for (const row of confirmRows ?? []) {
      if (!checked.rowNumbers.has(row)) blocking.push(csvIssue(row, '(row)', 'row-no-camera', 'no camera on this row'));
    }
    const selected = checked.valid.filter((c) => confirmed.has(c.row));
    if (blocking.length === 0 && selected.length === 0) blocking.push(csvIssue(1, '(file)', 'file-no-rows', 'no camera rows to import'));
    if (blocking.length > 0) {
      blocking.sort((a, b) => a.row - b.row);
      this.deps.audit.append({ userId: user.id, username: user.username, action: 'camera.import', targetType: 'camera', targetId: null, outcome: 'failed', ip, details: { rows: checked.rows, confirmed: confirmed.size, issues: blocking.length } });
      throw new HttpError(422, 'import_invalid', `${blocking.length} problem(s) in the file; nothing was imported`, this.report(false, checked, blocking, selected, []));
    }
    // check() and this transaction run in one synchronous step (no await in between), and the instance lock keeps
    // other processes off the database: nothing can have been registered since the duplicate check.
    // The cameras and the audit row of the import commit together (or nothing does).
    const insertAll = () =>
      this.deps.audit.recorded(
        () =>
          selected.map((c) => {
            const { row: _row, password, ...fields } = c;
            return this.deps.cameras.create({
              id: randomUUID(),
              ...fields,
              sourceType: 'rtsp',
              onvifPort: null,
              passwordEnc: password ? this.deps.cipher.encrypt(password) : null,
              videoCodec: 'unknown',
              vendor: null,
              model: null,
            }).id;
          }),
        (created) => ({
          userId: user.id,
          username: user.username,
          action: 'camera.import',
          targetType: 'camera',
          targetId: null,
          outcome: 'ok',
          ip,
          details: { rows: checked.rows, created: created.length, ids: created.slice(0, 1000) },
        }),
      );
    let ids: string[];
    try {
      ids = insertAll();
      for (const [i, id] of ids.entries()) this.deps.options.onCreated?.(id, selected[i]!.orgUnitId);
    } catch (err) {
      this.deps.audit.append({ userId: user.id, username: user.username, action: 'camera.import', targetType: 'camera', targetId: null, outcome: 'failed', ip, details: { rows: checked.rows, error: (err as Error).message } });
      throw err;
    }
    return this.report(false, checked, [], selected, ids);
  }

  /** The cameras the caller may see (optionally one subtree), as CSV; the password column is always empty. */
  exportCsv(user: AuthUser, orgUnit: string | undefined, ip: string): { csv: string; count: number } {
    if (orgUnit && !this.deps.orgUnits.get(orgUnit)) throw badRequest(`query.orgUnit: unknown org unit ${orgUnit}`);
    const cameras = this.deps.cameras.listAll(this.deps.scope.narrow(user, orgUnit));
    const csv = writeCameraCsv(cameras, this.deps.orgUnits.list());
    this.deps.audit.append({ userId: user.id, username: user.username, action: 'camera.export', targetType: 'camera', targetId: null, outcome: 'ok', ip, details: { count: cameras.length, orgUnit: orgUnit ?? null, format: 'csv' } });
    return { csv, count: cameras.length };
  }
}
