import { useMemo, useState } from 'react';
import type { CameraImportReport } from '../../../../contracts/src/camera';
import { saveBlob } from '../../components/ui/save-blob';
import { useToast } from '../../components/ui/toasts';
import { GatewayError, toGatewayError } from '../../gateway/gateway-error';
import { useI18n } from '../../i18n/use-t';
import { orgLabel } from '../../components/ui/org-units';
import { csvFieldLabel, csvIssueText } from './csv-issue-text';
import { canCommit, CSV_COLUMNS, CSV_EXAMPLE, csvTemplate, REQUIRED_COLUMNS, reportRows } from './csv-template';
import { EXPORT_CSV_URL, type DevicesApi } from './devices-api';
import type { OrgChoices } from './use-org-units';

const downloadText = (text: string, filename: string) => saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);

function isReport(v: unknown): v is CameraImportReport {
  return typeof v === 'object' && v !== null && Array.isArray((v as CameraImportReport).issues) && Array.isArray((v as CameraImportReport).cameras);
}

export function CsvImportPanel({ api, choices, onImported }: { api: DevicesApi; choices: OrgChoices; onImported: () => void }) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<CameraImportReport | null>(null);
  const [confirmed, setConfirmed] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<number | null>(null);
  const [showDoc, setShowDoc] = useState(false);
  const rows = useMemo(() => (report ? reportRows(report) : null), [report]);

  async function pick(f: File | undefined) {
    setReport(null);
    setCreated(null);
    setError(null);
    setConfirmed(new Set());
    setFile(f ? { name: f.name, text: await f.text() } : null);
  }

  async function dryRun() {
    if (!file) return;
    setBusy('check');
    setError(null);
    setCreated(null);
    try {
      const r = await api.importDryRun(file.text);
      setReport(r);
      const bad = new Set(r.issues.map((i) => i.row));
      setConfirmed(new Set(r.cameras.filter((c) => !bad.has(c.row)).map((c) => c.row)));
    } catch (e) {
      setReport(null);
      setError(toGatewayError(e).message);
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    if (!file || !report) return;
    setBusy('commit');
    setError(null);
    try {
      const r = await api.importCommit(file.text, [...confirmed].sort((a, b) => a - b));
      setCreated(r.created);
      setReport(null);
      setConfirmed(new Set());
      toast('success', t('csv.committed', { count: r.created }));
      onImported();
    } catch (e) {
      if (e instanceof GatewayError && isReport(e.details)) setReport(e.details);
      setError(t('csv.commitFailed', { message: toGatewayError(e).message }));
    } finally {
      setBusy(null);
    }
  }

  const orgName = (id: string) => {
    const u = choices.byId.get(id);
    return u ? orgLabel(u, lang) : id;
  };
  const commitAllowed = canCommit(report, confirmed);

  return (
    <div className="dev-panel" data-testid="csv-panel">
      <div className="dev-form-title">{t('csv.title')}</div>
      <div className="dev-actions">
        <label className="ghost dev-file">
          {t('csv.file')}
          <input type="file" accept=".csv,text/csv" data-testid="csv-file" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
        {file && <span className="mono">{file.name}</span>}
        <button type="button" className="primary" data-testid="csv-dry-run" disabled={!file || busy !== null} onClick={() => void dryRun()}>
          {busy === 'check' ? t('csv.checking') : t('csv.dryRun')}
        </button>
        <span className="dev-spacer" />
        <a className="ghost dev-link" href={EXPORT_CSV_URL} download data-testid="csv-export">
          {t('csv.export')}
        </a>
        <button type="button" className="ghost" data-testid="csv-template" onClick={() => downloadText(csvTemplate((c) => t(`csv.header.${c}`)), 'camera-import-template.csv')}>
          {t('csv.template')}
        </button>
        <button type="button" className="ghost" data-testid="csv-columns" aria-expanded={showDoc} onClick={() => setShowDoc((v) => !v)}>
          {t('csv.columns')}
        </button>
      </div>

      {showDoc && (
        <div className="dev-doc" data-testid="csv-doc">
          <p>{t('csv.encoding')}</p>
          <table className="dev-table compact">
            <tbody>
              {CSV_COLUMNS.map((c) => (
                <tr key={c}>
                  <td className="mono">{t(`csv.header.${c}`)}</td>
                  <td>{REQUIRED_COLUMNS.includes(c) ? t('csv.required') : ''}</td>
                  <td>{t(`csv.col.doc.${c}`)}</td>
                  <td className="mono dev-muted">{CSV_EXAMPLE[c]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {error && (
        <div className="dev-error" role="alert" data-testid="csv-error">
          {error}
        </div>
      )}
      {created !== null && (
        <div className="dev-ok" data-testid="csv-created" data-count={created}>
          {t('csv.committed', { count: created })}
        </div>
      )}

      {report && rows && (
        <div className="dev-report" data-testid="csv-report" data-rows={report.rows} data-valid={report.valid} data-issues={report.issues.length}>
          <div>{t('csv.summary', { rows: report.rows, valid: report.valid, issues: report.issues.length })}</div>
          {report.warnings.length > 0 && <div className="dev-muted" title={report.warnings.map((w) => `${w.row} ${csvFieldLabel(w.field, t)}: ${csvIssueText(w, t)}`).join('\n')}>{t('csv.warnings', { count: report.warnings.length })}</div>}
          {rows.issueRows.length > 0 && (
            <>
              <div className="dev-subtitle">{t('csv.issues')}</div>
              <table className="dev-table compact">
                <thead>
                  <tr>
                    <th>{t('csv.col.row')}</th>
                    <th>{t('csv.col.field')}</th>
                    <th>{t('csv.col.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.issueRows.map((r) => (
                    <tr key={r.row} data-testid={`csv-issue-${r.row}`} className="bad">
                      <td>{r.row}</td>
                      <td>
                        {r.issues.map((i, k) => (
                          <div key={k} data-field={i.field}>
                            {csvFieldLabel(i.field, t)}
                          </div>
                        ))}
                      </td>
                      <td>
                        {r.issues.map((i, k) => (
                          <div key={k} data-code={i.code}>
                            {csvIssueText(i, t)}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {rows.candidates.length > 0 && (
            <>
              <div className="dev-subtitle">{t('csv.candidates')}</div>
              <table className="dev-table compact">
                <thead>
                  <tr>
                    <th>
                      <input
                        type="checkbox"
                        aria-label={t('csv.candidates')}
                        checked={rows.candidates.every((c) => confirmed.has(c.row))}
                        onChange={(e) => setConfirmed(e.target.checked ? new Set(rows.candidates.map((c) => c.row)) : new Set())}
                      />
                    </th>
                    <th>{t('csv.col.row')}</th>
                    <th>{t('csv.col.name')}</th>
                    <th>{t('csv.col.org')}</th>
                    <th>{t('csv.col.category')}</th>
                    <th>{t('csv.col.host')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.candidates.map((c) => (
                    <tr key={c.row} data-testid={`csv-row-${c.row}`}>
                      <td>
                        <input
                          type="checkbox"
                          checked={confirmed.has(c.row)}
                          data-testid={`csv-confirm-${c.row}`}
                          aria-label={c.name}
                          onChange={() =>
                            setConfirmed((s) => {
                              const next = new Set(s);
                              if (next.has(c.row)) next.delete(c.row);
                              else next.add(c.row);
                              return next;
                            })
                          }
                        />
                      </td>
                      <td>{c.row}</td>
                      <td>{c.name}</td>
                      <td>{orgName(c.orgUnitId)}</td>
                      <td>{c.category}</td>
                      <td className="mono">{c.host}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {!commitAllowed && confirmed.size > 0 && <div className="dev-field-error">{t('csv.blocked')}</div>}
          <div className="dev-actions">
            <button type="button" className="primary" data-testid="csv-commit" disabled={!commitAllowed || busy !== null} onClick={() => void commit()}>
              {busy === 'commit' ? t('csv.committing') : t('csv.commit', { count: confirmed.size })}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
