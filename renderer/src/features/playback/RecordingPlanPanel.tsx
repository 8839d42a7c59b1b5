// The recording plan of one camera (issue 14), beside the camera edit form for camera.write holders: mode, profile,
// the week grid of a schedule, pre/post seconds of event recording; saved with PUT, with the recorder's state.
import { useEffect, useState } from 'react';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { reasonWords } from '../../i18n/reason-strings';
import { useT } from '../../i18n/use-t';
import type { Translate } from '../../i18n/translate';
import { createPlaybackApi } from './playback-api';
import { formFromPlan, planBody, planFormValid, POST_SEC_MAX, PRE_SEC_MAX, RECORDING_MODES, scheduledSlots, type PlanFormState, type RecordingMode, type RecordingStatus } from './recording-plan-form';
import type { RecordingPlanResponse } from './recording-plan-form';
import { WeekGrid } from './WeekGrid';
import './playback.css';

const OWN_REASONS = new Set(['storage-full', 'write-failed', 'capacity', 'stream-unavailable']);

/** 录像中 / 启动中 / 已停止：reason / 空闲, the reason in words (the recorder's own, or the stream's). */
export function recordingStatusText(status: RecordingStatus, t: Translate): string {
  if (status.state !== 'stopped') return t(`recording.state.${status.state}`);
  const code = status.reasonCode;
  const reason = code && OWN_REASONS.has(code) ? t(`recording.reason.${code}` as 'recording.reason.unknown') : (reasonWords(code, null, t) ?? t('recording.reason.unknown'));
  return t('recording.stoppedBecause', { reason });
}

export function RecordingPlanPanel({ cameraId }: { cameraId: string }) {
  const t = useT();
  const toast = useToast();
  const [api] = useState(() => createPlaybackApi());
  const [form, setForm] = useState<PlanFormState | null>(null);
  const [status, setStatus] = useState<RecordingStatus | null>(null);
  const [source, setSource] = useState<RecordingPlanResponse['source']>(undefined);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.getPlan(cameraId).then(
      (r) => {
        if (cancelled) return;
        setForm(formFromPlan(r.plan));
        setStatus(r.status);
        setSource(r.source);
      },
      (e) => !cancelled && setLoadError(t('recording.loadFailed', { message: toGatewayError(e).message })),
    );
    return () => {
      cancelled = true;
    };
  }, [api, cameraId, t]);

  if (!form) return loadError ? <p className="form-error">{loadError}</p> : null;
  const set = (patch: Partial<PlanFormState>) => setForm({ ...form, ...patch });
  const save = async () => {
    setBusy(true);
    try {
      const r = await api.putPlan(cameraId, planBody(form));
      setForm(formFromPlan(r.plan));
      setStatus(r.status);
      setSource(r.source);
      toast('success', t('recording.saved'));
    } catch (e) {
      toast('error', t('recording.saveFailed', { message: toGatewayError(e).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="dev-card rec-plan" data-testid="recording-plan">
      <h3>{t('recording.title')}</h3>
      <div className="rec-plan-row">
        <label>
          {t('recording.mode')}{' '}
          <select data-testid="recording-mode" value={form.mode} onChange={(e) => set({ mode: e.target.value as RecordingMode })}>
            {RECORDING_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`recording.mode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {form.mode !== 'none' && (
          <label>
            {t('recording.profile')}{' '}
            <select data-testid="recording-profile" value={form.profile} onChange={(e) => set({ profile: e.target.value === 'sub' ? 'sub' : 'main' })}>
              <option value="main">{t('recording.profile.main')}</option>
              <option value="sub">{t('recording.profile.sub')}</option>
            </select>
          </label>
        )}
        {(source === 'org-unit' || source === 'category') && (
          <span className="rec-note" data-testid="recording-source">
            {t(`recording.source.${source}`)}
          </span>
        )}
        {status && (
          <span className="rec-status" data-testid="recording-status" data-state={status.state}>
            {t('recording.status')}：{recordingStatusText(status, t)}
          </span>
        )}
      </div>
      {form.mode === 'schedule' && (
        <>
          <div className="rec-note">
            {t('recording.week')} · {scheduledSlots(form.week) > 0 ? t('recording.weekCount', { n: scheduledSlots(form.week) }) : t('recording.weekEmpty')}
          </div>
          <WeekGrid week={form.week} onChange={(week) => set({ week })} />
        </>
      )}
      {form.mode === 'event' && (
        <div className="rec-plan-row">
          <label>
            {t('recording.preSec')}{' '}
            <input type="number" data-testid="recording-pre" min={0} max={PRE_SEC_MAX} value={form.preSec} onChange={(e) => set({ preSec: Number(e.target.value) })} />
          </label>
          <label>
            {t('recording.postSec')}{' '}
            <input type="number" data-testid="recording-post" min={1} max={POST_SEC_MAX} value={form.postSec} onChange={(e) => set({ postSec: Number(e.target.value) })} />
          </label>
          <span className="rec-note">{t('recording.preNote')}</span>
        </div>
      )}
      <div>
        <button type="button" className="primary" data-testid="recording-save" disabled={busy || !planFormValid(form)} onClick={() => void save()}>
          {busy ? t('recording.saving') : t('recording.save')}
        </button>
      </div>
    </section>
  );
}
