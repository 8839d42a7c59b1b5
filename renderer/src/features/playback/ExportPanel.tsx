// "导出片段" under a playback tile (camera.export, issue 14): a range around the cursor and a required reason → the
// gateway's MP4 export, its duration, full SHA-256 and size, and a download with the session's credentials.
import { useState } from 'react';
import { saveBlob } from '../../components/ui/save-blob';
import { toGatewayError } from '../../gateway/gateway-error';
import { useI18n } from '../../i18n/use-t';
import { defaultExportForm, exportBody, exportRefusalText, type ExportField, type ExportFieldError, type ExportForm } from './export-form';
import type { ClipExport, PlaybackApi, PlaybackProfile } from './playback-api';

export interface ExportPanelProps {
  cameraId: string;
  profile: PlaybackProfile;
  api: PlaybackApi;
  cursorMs: number | null;
  onClose: () => void;
}

export function ExportPanel({ cameraId, profile, api, cursorMs, onClose }: ExportPanelProps) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<ExportForm>(() => defaultExportForm(cursorMs, lang));
  const [errors, setErrors] = useState<Partial<Record<ExportField, ExportFieldError>>>({});
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [result, setResult] = useState<ClipExport | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  async function submit() {
    const r = exportBody(form, profile);
    setRefusal(null);
    if ('errors' in r) return setErrors(r.errors);
    setErrors({});
    setBusy(true);
    setResult(null);
    try {
      setResult(await api.exportClip(cameraId, r.body));
    } catch (e) {
      setRefusal(exportRefusalText(toGatewayError(e), t));
    } finally {
      setBusy(false);
    }
  }

  async function download(url: string) {
    setDownloading(true);
    setDownloadError(null);
    try {
      const file = await api.downloadExport(url);
      saveBlob(file.blob, file.fileName);
    } catch (e) {
      setDownloadError(t('export.downloadFailed', { message: toGatewayError(e).message }));
    } finally {
      setDownloading(false);
    }
  }

  const field = (name: ExportField, testId: string, placeholder?: string) => (
    <label className="pb-export-field">
      {t(`export.${name}`)}
      <input data-testid={testId} value={form[name]} placeholder={placeholder} aria-invalid={errors[name] ? true : undefined} onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))} />
      {errors[name] && <span className="form-error" data-testid={`${testId}-error`}>{t(`export.err.${errors[name]}`)}</span>}
    </label>
  );

  return (
    <form
      className="pb-export"
      data-testid={`playback-export-form-${cameraId}`}
      aria-label={t('export.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="pb-export-row">
        {field('from', 'export-from')}
        {field('to', 'export-to')}
      </div>
      {field('reason', 'export-reason', t('export.reasonPlaceholder'))}
      <div className="pb-export-row">
        <button type="submit" className="primary" data-testid="export-submit" disabled={busy}>
          {busy ? t('export.busy') : t('export.submit')}
        </button>
        <button type="button" className="ghost" onClick={onClose}>
          {t('export.close')}
        </button>
      </div>
      {refusal && (
        <div className="form-error" role="alert" data-testid="export-refusal">
          {refusal}
        </div>
      )}
      {result && (
        <div className="pb-export-result" data-testid="export-result">
          <div>{t('export.done')}</div>
          <dl>
            <dt>{t('export.duration')}</dt>
            <dd>{t('export.durationValue', { sec: Math.round((result.endMs - result.startMs) / 100) / 10 })}</dd>
            <dt>{t('export.sha256')}</dt>
            <dd className="pb-export-hash" data-testid="export-sha256">
              {result.sha256}
            </dd>
            <dt>{t('export.bytes')}</dt>
            <dd data-testid="export-bytes">{t('export.bytesValue', { n: result.bytes })}</dd>
          </dl>
          <button type="button" data-testid="export-download" disabled={downloading} onClick={() => void download(result.url)}>
            {downloading ? t('export.downloading') : t('export.download')}
          </button>
          {downloadError && <div className="form-error">{downloadError}</div>}
        </div>
      )}
    </form>
  );
}
