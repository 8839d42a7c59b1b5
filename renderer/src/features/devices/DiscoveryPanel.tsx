import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DISCOVERY_MAX_ADDRESSES, type DiscoveredDevice, type DiscoveryCredential, type DiscoveryProgress, type DiscoveryScanDto, type DiscoveryScanSummary } from '../../../../contracts/src/discovery';
import { GatewayError, toGatewayError } from '../../gateway/gateway-error';
import { useT } from '../../i18n/use-t';
import { fromDiscovered, streamTestFailures, toCreateBody, type CameraFormState } from './camera-form';
import { type DevicesApi } from './devices-api';
import type { DemoFleetInfo } from '../../../../contracts/src/client-config';
import { subscribeDiscovery } from './discovery-socket';
import { clockOffsetText, deviceKey, isRegistrable, profileSummary, ptzKey, scanStartedText } from './discovery-view';
import { rememberScanCredentials, scanCredentials } from './scan-credentials';
import { OrgPicker } from './OrgPicker';
import { emptyCredential, parseRangeList, registrationCandidates, toScanCredentials, type CredentialDraft } from './range-input';
import type { OrgChoices } from './use-org-units';
import { discoveryReasonText, streamTestReasonText } from './device-reason-text';

export interface DiscoveryPanelProps {
  api: DevicesApi;
  choices: OrgChoices;
  /** Open the registration form for one device, prefilled (credential: the one it accepted, else the first that applies). */
  onRegister: (device: DiscoveredDevice, credential: DiscoveryCredential | null) => void;
  /** Bumped by the section after a registration, so the already-registered flags are read again. */
  refreshKey: number;
}

type BulkResult = { ok: true } | { ok: false; reason: string };

export function DiscoveryPanel({ api, choices, onRegister, refreshKey }: DiscoveryPanelProps) {
  const t = useT();
  const [rangesText, setRangesText] = useState('');
  const [creds, setCreds] = useState<CredentialDraft[]>([emptyCredential()]);
  const [scanCreds, setScanCreds] = useState<DiscoveryCredential[]>([]);
  const [scanId, setScanId] = useState<string | null>(null);
  const [scan, setScan] = useState<DiscoveryScanDto | null>(null);
  const [progress, setProgress] = useState<DiscoveryProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkOrg, setBulkOrg] = useState({ townshipId: '', villageId: '' });
  const [bulkCategory, setBulkCategory] = useState<CameraFormState['category']>('3');
  const [bulkResults, setBulkResults] = useState<ReadonlyMap<string, BulkResult>>(new Map());
  const [bulkRunning, setBulkRunning] = useState(false);
  const [touched, setTouched] = useState(false);
  const [recent, setRecent] = useState<DiscoveryScanSummary[]>([]);
  // The shown scan's credentials are not in this page's memory (opened from the recent list after a reload).
  const [credsForgotten, setCredsForgotten] = useState(false);
  const [demo, setDemo] = useState<DemoFleetInfo>(null);

  // Under `npm start` a new technician's first scan should find the demo fleet: suggest its range, never overwrite typing.
  useEffect(() => {
    let live = true;
    api.demoFleet().then(
      (d) => {
        if (!live || !d) return;
        setDemo(d);
        setRangesText((text) => (text.trim() ? text : d.ranges.join(', ')));
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api]);

  const parsed = useMemo(() => parseRangeList(rangesText), [rangesText]);
  const credCheck = useMemo(() => toScanCredentials(creds), [creds]);
  const state = progress?.state ?? scan?.state ?? null;
  const running = state === 'running';

  const load = useCallback(
    async (id: string) => {
      try {
        const s = await api.getScan(id);
        setScan((prev) => (prev && prev.id !== id ? prev : s));
        setProgress((p) => (p && p.id === id && p.state !== 'running' && s.state === 'running' ? p : s));
      } catch (e) {
        setError(toGatewayError(e).message);
      }
    },
    [api],
  );

  const scanIdRef = useRef(scanId);
  /** Show a scan's results (a recent one, or the one just started). */
  const openScan = useCallback(
    (id: string) => {
      const creds = scanCredentials(id);
      setScanCreds(creds ?? []);
      setCredsForgotten(creds === null);
      setScanId(id);
      setScan(null);
      setProgress(null);
      setSelected(new Set());
      setBulkResults(new Map());
      void load(id);
    },
    [load],
  );

  // The recent scans (kept by the gateway): leaving this page and coming back shows the newest of one's own again.
  const refreshRecent = useCallback(
    (reopen: boolean) =>
      api.listScans().then(
        (list) => {
          setRecent(list);
          const newest = list.find((x) => x.mine);
          if (reopen && newest && scanIdRef.current === null) openScan(newest.id);
        },
        () => undefined, // the list is a convenience: the scan form works without it
      ),
    [api, openScan],
  );
  useEffect(() => {
    void refreshRecent(true);
  }, [refreshRecent]);

  // Live progress from the `discovery` topic; the final event triggers one last read of the devices.
  useEffect(() => {
    scanIdRef.current = scanId;
  }, [scanId]);
  useEffect(
    () =>
      subscribeDiscovery((p) => {
        if (p.id !== scanIdRef.current) return;
        setProgress(p);
        if (p.state !== 'running') {
          void load(p.id);
          void refreshRecent(false);
        }
      }),
    [load, refreshRecent],
  );

  // Poll the scan while it runs (devices arrive during the window; the socket carries only counters).
  useEffect(() => {
    if (!scanId || !running) return;
    const timer = setInterval(() => void load(scanId), 1000);
    return () => clearInterval(timer);
  }, [scanId, running, load]);

  useEffect(() => {
    if (scanId && refreshKey > 0) void load(scanId);
  }, [refreshKey, scanId, load]);

  async function start() {
    setTouched(true);
    if (parsed.ranges.length === 0 || parsed.errors.length > 0 || credCheck.problems.length > 0) return;
    setStarting(true);
    setError(null);
    try {
      const { id } = await api.startScan(
        parsed.ranges.map((r) => r.text),
        credCheck.credentials,
      );
      rememberScanCredentials(id, credCheck.credentials);
      openScan(id);
      setProgress({ id, state: 'running', probed: 0, found: 0, queried: 0, failed: 0, authRequired: 0, startedAt: new Date().toISOString(), finishedAt: null, error: null });
      void refreshRecent(false);
    } catch (e) {
      setError(t('discovery.failedToStart', { message: toGatewayError(e).message }));
    } finally {
      setStarting(false);
    }
  }

  async function cancel() {
    if (!scanId) return;
    try {
      await api.cancelScan(scanId);
    } catch (e) {
      setError(toGatewayError(e).message);
    }
    void load(scanId);
  }

  const devices = useMemo(() => [...(scan?.devices ?? [])].sort((a, b) => a.address.localeCompare(b.address, undefined, { numeric: true })), [scan]);
  const registrable = devices.filter((d) => isRegistrable(d) && !bulkResults.get(d.uuid)?.ok);

  async function registerSelected() {
    const orgUnitId = bulkOrg.villageId || bulkOrg.townshipId;
    if (!orgUnitId) {
      setError(t('discovery.bulkNeedOrg'));
      return;
    }
    setError(null);
    setBulkRunning(true);
    const results = new Map(bulkResults);
    for (const d of devices.filter((x) => selected.has(x.uuid) && isRegistrable(x))) {
      const candidates = registrationCandidates(d, scanCreds).slice(0, 3);
      let outcome: BulkResult = { ok: false, reason: '?' };
      for (const cred of candidates.length > 0 ? candidates : [null]) {
        try {
          await api.createCamera(toCreateBody(fromDiscovered(d, { ...bulkOrg, category: bulkCategory }, cred)));
          outcome = { ok: true };
          break;
        } catch (e) {
          const failures = e instanceof GatewayError && e.code === 'stream_test_failed' ? streamTestFailures(e.details) : [];
          // A failed stream test is worded by its codes; other refusals carry the gateway's message.
          const tested = failures.flatMap((f) => (f.result.ok ? [] : [streamTestReasonText(t, f.result)]));
          outcome = { ok: false, reason: tested.length ? [...new Set(tested)].join(' · ') : toGatewayError(e).message };
          // Wrong credential for this device: try the next one that applies.
          if (!failures.some((f) => !f.result.ok && f.result.code === 'auth-failed')) break;
        }
      }
      results.set(d.uuid, outcome);
      setBulkResults(new Map(results));
    }
    setBulkRunning(false);
    setSelected(new Set());
    if (scanId) void load(scanId);
  }

  const toggle = (uuid: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(uuid)) next.delete(uuid);
      else next.add(uuid);
      return next;
    });
  const setCred = (i: number, patch: Partial<CredentialDraft>) => setCreds((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const shownProgress = progress ?? scan;
  const okCount = [...bulkResults.values()].filter((r) => r.ok).length;

  return (
    <div className="dev-panel" data-testid="discovery-panel">
      <div className="dev-scan-form">
        <label className="dev-field wide">
          <span className="dev-label">{t('discovery.ranges')}</span>
          <textarea rows={2} value={rangesText} data-testid="discovery-ranges" placeholder="127.1.0.1-127.1.0.50, 192.168.10.0/24" onChange={(e) => setRangesText(e.target.value)} />
          <span className="dev-hint">
            {t('discovery.rangesHint')} · {t('discovery.addressCount', { count: parsed.addressCount })}
          </span>
          {demo && (
            <span className="dev-hint" data-testid="discovery-demo-hint">
              {t('discovery.demoFleet', { count: demo.cameras, range: demo.ranges.join(', ') })}
            </span>
          )}
          {(touched || rangesText.trim()) &&
            parsed.errors.map((e, i) => (
              <span key={i} className="dev-field-error" data-testid="discovery-range-error">
                {e.problem === 'too-many' ? t('discovery.range.too-many', { max: DISCOVERY_MAX_ADDRESSES }) : t(`discovery.range.${e.problem}`, { token: e.token })}
              </span>
            ))}
        </label>
        <div className="dev-field wide">
          <span className="dev-label">{t('discovery.credentials')}</span>
          {creds.map((c, i) => (
            <div key={i} className="dev-cred-row">
              <input aria-label={t('discovery.username')} placeholder={t('discovery.username')} value={c.username} autoComplete="off" data-testid={`discovery-credentials-user-${i}`} onChange={(e) => setCred(i, { username: e.target.value })} />
              <input type="password" aria-label={t('discovery.password')} placeholder={t('discovery.password')} value={c.password} autoComplete="new-password" data-testid={`discovery-credentials-pass-${i}`} onChange={(e) => setCred(i, { password: e.target.value })} />
              <input aria-label={t('discovery.hosts')} placeholder={t('discovery.hosts')} value={c.hosts} autoComplete="off" data-testid={`discovery-credentials-hosts-${i}`} onChange={(e) => setCred(i, { hosts: e.target.value })} />
              <button type="button" className="ghost" data-testid={`discovery-credentials-remove-${i}`} disabled={creds.length === 1} onClick={() => setCreds((cs) => cs.filter((_, j) => j !== i))}>
                {t('discovery.removeCredential')}
              </button>
            </div>
          ))}
          {credCheck.problems.map((p) => (
            <span key={p.index} className="dev-field-error">
              {t(`discovery.cred.${p.problem}`, { n: p.index + 1 })}
            </span>
          ))}
          <div>
            <button type="button" className="ghost" data-testid="discovery-credentials-add" onClick={() => setCreds((cs) => [...cs, emptyCredential()])}>
              {t('discovery.addCredential')}
            </button>
          </div>
        </div>
        <div className="dev-actions">
          <button type="button" className="primary" data-testid="discovery-start" disabled={starting || running || !rangesText.trim()} onClick={() => void start()}>
            {t('discovery.start')}
          </button>
          {running && (
            <button type="button" className="ghost" data-testid="discovery-cancel" onClick={() => void cancel()}>
              {t('discovery.cancel')}
            </button>
          )}
        </div>
      </div>

      {recent.length > 0 && (
        <div className="dev-recent" data-testid="discovery-recent">
          <span className="dev-label">{t('discovery.recent')}</span>
          <ul>
            {recent.map((r) => (
              <li key={r.id}>
                <button type="button" className={`ghost small${r.id === scanId ? ' active' : ''}`} data-testid={`discovery-recent-${r.id}`} aria-pressed={r.id === scanId} onClick={() => openScan(r.id)}>
                  {t('discovery.recentItem', { time: scanStartedText(r.startedAt), ranges: r.ranges.join(', ') || r.interface || '', found: r.found, state: t(`discovery.state.${r.state}`) })}
                </button>
                {!r.mine && <span className="dev-muted"> {t('discovery.recentBy', { name: r.startedBy })}</span>}
                {r.id === scanId && <span className="dev-muted"> · {t('discovery.recentShown')}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}

      {credsForgotten && scan && scan.credentialCount > 0 && <div className="dev-warning" data-testid="discovery-credentials-forgotten">{t('discovery.credentialsForgotten')}</div>}

      {error && (
        <div className="dev-error" role="alert" data-testid="discovery-error">
          {error}
        </div>
      )}

      {shownProgress && (
        <div className={`dev-progress state-${shownProgress.state}`} data-testid="discovery-progress" data-state={shownProgress.state} data-found={shownProgress.found} data-queried={shownProgress.queried}>
          <strong>{t(`discovery.state.${shownProgress.state}`)}</strong>{' '}
          {t('discovery.progress', { probed: shownProgress.probed, found: shownProgress.found, queried: shownProgress.queried, failed: shownProgress.failed, authRequired: shownProgress.authRequired })}
          {shownProgress.found > 0 && <progress max={shownProgress.found} value={shownProgress.queried} />}
          {shownProgress.error && <div className="dev-field-error">{t('discovery.scanError', { message: shownProgress.error })}</div>}
          {scan && scan.skipped.length > 0 && <div className="dev-muted" title={scan.skipped.map((s) => `${s.address}: ${s.reason}`).join('\n')}>{t('discovery.skipped', { count: scan.skipped.length })}</div>}
        </div>
      )}

      {scan && (
        <>
          <div className="dev-bulk">
            <span>{t('discovery.bulkTitle', { count: selected.size })}</span>
            <OrgPicker choices={choices} townshipId={bulkOrg.townshipId} villageId={bulkOrg.villageId} testId="discovery-bulk" onChange={setBulkOrg} />
            <select value={bulkCategory} data-testid="discovery-bulk-category" aria-label={t('form.category')} onChange={(e) => setBulkCategory(e.target.value as CameraFormState['category'])}>
              {(['1', '2', '3'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`form.category.${c}`)}
                </option>
              ))}
            </select>
            <button type="button" className="primary" data-testid="discovery-register-selected" disabled={selected.size === 0 || bulkRunning} onClick={() => void registerSelected()}>
              {t('discovery.registerSelected')}
            </button>
            {bulkResults.size > 0 && !bulkRunning && <span data-testid="discovery-bulk-result">{t('discovery.bulkDone', { ok: okCount, failed: bulkResults.size - okCount })}</span>}
          </div>
          <div className="dev-table-wrap">
            <table className="dev-table" data-testid="discovery-results">
              <thead>
                <tr>
                  <th>
                    <input
                      type="checkbox"
                      aria-label={t('discovery.selectAll')}
                      title={t('discovery.selectAll')}
                      checked={registrable.length > 0 && registrable.every((d) => selected.has(d.uuid))}
                      onChange={(e) => setSelected(e.target.checked ? new Set(registrable.map((d) => d.uuid)) : new Set())}
                    />
                  </th>
                  <th>{t('discovery.col.address')}</th>
                  <th>{t('discovery.col.make')}</th>
                  <th>{t('discovery.col.model')}</th>
                  <th>{t('discovery.col.firmware')}</th>
                  <th>{t('discovery.col.serial')}</th>
                  <th>{t('discovery.col.profiles')}</th>
                  <th>{t('discovery.col.uris')}</th>
                  <th>{t('discovery.col.ptz')}</th>
                  <th>{t('discovery.col.clock')}</th>
                  <th>{t('discovery.col.status')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {devices.length === 0 && (
                  <tr>
                    <td colSpan={12} className="dev-muted">
                      {running ? t('discovery.state.running') : t('discovery.noDevices')}
                    </td>
                  </tr>
                )}
                {devices.map((d) => {
                  const key = deviceKey(d.uuid);
                  const can = isRegistrable(d) && !bulkResults.get(d.uuid)?.ok;
                  const bulk = bulkResults.get(d.uuid);
                  const offset = clockOffsetText(d.clockOffsetSec);
                  return (
                    <tr key={d.uuid} data-testid={`discovery-row-${key}`} data-uuid={d.uuid} data-status={d.status} data-registered={d.alreadyRegistered || bulk?.ok ? 'true' : 'false'} className={`status-${d.status}`}>
                      <td>
                        <input type="checkbox" data-testid={`discovery-select-${key}`} disabled={!can} checked={selected.has(d.uuid)} onChange={() => toggle(d.uuid)} aria-label={d.address} />
                      </td>
                      <td className="mono">{d.address}</td>
                      <td>{d.make ?? '—'}</td>
                      <td>{d.model ?? '—'}</td>
                      <td>{d.firmware ?? '—'}</td>
                      <td className="mono">
                        {d.serial ?? '—'}
                        {d.mac && <div className="dev-muted">{d.mac}</div>}
                      </td>
                      <td>
                        {profileSummary(d).map((p, i) => (
                          <div key={i}>{p}</div>
                        ))}
                      </td>
                      <td className="mono dev-uri">
                        <div title={d.mainStreamUri ?? ''}>{d.mainStreamUri ?? '—'}</div>
                        <div title={d.subStreamUri ?? ''} className="dev-muted">
                          {d.subStreamUri ?? '—'}
                        </div>
                        {d.streamUriRepinned && <div className="dev-warning">{t('discovery.repinned')}</div>}
                      </td>
                      <td data-testid={`discovery-ptz-${key}`}>{t(ptzKey(d.ptz))}</td>
                      <td data-testid={`discovery-clock-${key}`}>{offset === null ? t('discovery.clockUnknown') : t('discovery.seconds', { sec: offset })}</td>
                      <td>
                        <span className={`dev-badge ${d.status}`}>{t(`discovery.status.${d.status}`)}</span>
                        {d.reason && (
                          <div className="dev-muted" title={d.reason}>
                            {discoveryReasonText(t, d)}
                          </div>
                        )}
                        {(d.alreadyRegistered || bulk?.ok) && <div className="dev-badge registered">{t('discovery.registered')}</div>}
                        {bulk && !bulk.ok && <div className="dev-field-error">{t('discovery.bulkFailed', { reason: bulk.reason })}</div>}
                      </td>
                      <td>
                        {can && (
                          <button type="button" className="ghost" data-testid={`discovery-register-${key}`} onClick={() => onRegister(d, registrationCandidates(d, scanCreds)[0] ?? null)}>
                            {t('discovery.register')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
