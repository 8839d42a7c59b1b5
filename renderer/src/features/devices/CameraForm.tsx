import { lazy, Suspense, useState, type ReactNode } from 'react';
import { INGEST_MODES, RTSP_TRANSPORTS, SOURCE_TYPES, type CameraDto, type RtmpPublishInfo, type StreamTestResult } from '../../../../contracts/src/camera';
import { useToast } from '../../components/ui/toasts';
import { GatewayError, toGatewayError } from '../../gateway/gateway-error';
import { streamTestReasonText } from './device-reason-text';
import { useT } from '../../i18n/use-t';
import { conflictCamera, describeStreamResult, streamTestFailures, toCreateBody, toUpdateBody, validateForm, type CameraFormState, type FormErrors, type FormField } from './camera-form';
import { type DevicesApi } from './devices-api';
import { OrgPicker } from './OrgPicker';
import { RtmpPublishPanel } from './RtmpPublishPanel';
import type { OrgChoices } from './use-org-units';

const PositionPicker = lazy(() => import('./PositionPicker'));

export interface CameraFormProps {
  api: DevicesApi;
  choices: OrgChoices;
  initial: CameraFormState;
  /** Edit mode: the stored camera (its password is never shown; an empty field keeps it). */
  camera: CameraDto | null;
  /** The discovered device's address, when the form came from discovery. */
  origin: string | null;
  onSaved: (camera: CameraDto) => void;
  onCancel: () => void;
}

type ProfileResult = { profile: 'main' | 'sub'; result: StreamTestResult };
type TestState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; results: ProfileResult[] } | { kind: 'error'; message: string };
type SubmitError = { kind: 'stream'; failures: ProfileResult[] } | { kind: 'conflict'; name: string; message: string } | { kind: 'other'; message: string } | null;

const numOrNull = (v: string) => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));

export function CameraForm({ api, choices, initial, camera, origin, onSaved, onCancel }: CameraFormProps) {
  const t = useT();
  const toast = useToast();
  const [form, setForm] = useState<CameraFormState>(initial);
  const [showErrors, setShowErrors] = useState(false);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [submitError, setSubmitError] = useState<SubmitError>(null);
  const [saving, setSaving] = useState(false);
  const [rtmp, setRtmp] = useState<{ info: RtmpPublishInfo; saved: CameraDto | null } | null>(null);
  const [showMap, setShowMap] = useState(false);
  const errors: FormErrors = validateForm(form);
  const shown = showErrors ? errors : {};
  const edit = camera !== null;
  const push = form.sourceType === 'rtmp-push';

  const set = <K extends keyof CameraFormState>(key: K, value: CameraFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSubmitError(null);
  };

  const fieldError = (field: FormField) => (shown[field] ? <span className="dev-field-error">{t(`form.err.${shown[field]}`)}</span> : null);
  const field = (label: string, f: FormField | null, input: ReactNode, wide = false) => (
    <label className={`dev-field${wide ? ' wide' : ''}${f && shown[f] ? ' invalid' : ''}`}>
      <span className="dev-label">{label}</span>
      {input}
      {f && fieldError(f)}
    </label>
  );
  const text = (key: keyof CameraFormState, testId: string, props: { type?: string; placeholder?: string; autoComplete?: string; inputMode?: 'decimal' | 'numeric' } = {}) => (
    <input
      type={props.type ?? 'text'}
      value={form[key]}
      data-testid={testId}
      placeholder={props.placeholder}
      autoComplete={props.autoComplete ?? 'off'}
      inputMode={props.inputMode}
      onChange={(e) => set(key, e.target.value as never)}
    />
  );

  async function runTest() {
    const targets = (['main', 'sub'] as const).map((profile) => ({ profile, uri: (profile === 'main' ? form.mainUri : form.subUri).trim() })).filter((x) => x.uri);
    if (targets.length === 0 || push) {
      setTest({ kind: 'error', message: t('form.testNeedUri') });
      return;
    }
    setTest({ kind: 'running' });
    try {
      const results = await Promise.all(
        targets.map(async ({ profile, uri }) => {
          const stored = camera && (profile === 'main' ? camera.mainStreamUri : camera.subStreamUri);
          // Edit with the password kept: only the gateway knows it, so test the stored stream by camera id.
          const useStored = camera !== null && form.password === '' && camera.hasPassword && stored === uri && (form.username.trim() || null) === camera.username && form.rtspTransport === camera.rtspTransport;
          const result = useStored ? await api.testCameraStream(camera.id, profile) : await api.testStream(uri, form.username.trim() || null, form.password === '' ? null : form.password, form.rtspTransport);
          return { profile, result };
        }),
      );
      setTest({ kind: 'done', results });
    } catch (error) {
      setTest({ kind: 'error', message: toGatewayError(error).message });
    }
  }

  async function submit(force: boolean) {
    setShowErrors(true);
    if (Object.keys(errors).length > 0) {
      setSubmitError({ kind: 'other', message: t('form.fixErrors') });
      return;
    }
    setSaving(true);
    setSubmitError(null);
    try {
      if (camera) {
        const patch = toUpdateBody(form, camera);
        const saved = Object.keys(patch).length === 0 ? camera : await api.updateCamera(camera.id, patch, force);
        toast('success', t('form.saved', { name: saved.name }));
        onSaved(saved);
      } else {
        const created = await api.createCamera(toCreateBody(form), force);
        const { rtmp: info, ...saved } = created;
        toast('success', t('form.saved', { name: saved.name }));
        if (info) setRtmp({ info, saved });
        else onSaved(saved);
      }
    } catch (error) {
      if (error instanceof GatewayError && error.status === 422 && error.code === 'stream_test_failed') setSubmitError({ kind: 'stream', failures: streamTestFailures(error.details) });
      else if (error instanceof GatewayError && error.status === 409) {
        const existing = conflictCamera(error.details);
        setSubmitError({ kind: 'conflict', name: existing?.name ?? '?', message: error.message });
      } else setSubmitError({ kind: 'other', message: toGatewayError(error).message });
    } finally {
      setSaving(false);
    }
  }

  async function rotateKey() {
    if (!camera || !window.confirm(t('form.rotateConfirm'))) return;
    try {
      setRtmp({ info: await api.rotateRtmpKey(camera.id), saved: null });
    } catch (error) {
      setSubmitError({ kind: 'other', message: toGatewayError(error).message });
    }
  }

  const profileName = (p: 'main' | 'sub') => t(`form.profile.${p}`);
  const resultLine = ({ profile, result }: ProfileResult) => {
    if (result.ok) {
      const d = describeStreamResult(result);
      const ok = t('form.testOk', { profile: profileName(profile), codec: d.codec, resolution: d.resolution, fps: d.fps, ms: d.firstFrameMs });
      return result.transport ? `${ok} · ${t('form.transportOver', { transport: result.transport.toUpperCase() })}` : ok;
    }
    return t('form.testFail', { profile: profileName(profile), reason: streamTestReasonText(t, result) });
  };

  if (rtmp)
    return (
      <RtmpPublishPanel
        info={rtmp.info}
        onDone={() => {
          const saved = rtmp.saved;
          setRtmp(null);
          if (saved) onSaved(saved);
        }}
      />
    );

  const lat = numOrNull(form.lat);
  const lng = numOrNull(form.lng);
  const direction = numOrNull(form.direction);

  return (
    <form
      className="dev-form"
      data-testid="camera-form"
      data-mode={edit ? 'edit' : 'create'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
    >
      <div className="dev-form-title">
        {edit ? t('form.titleEdit', { name: camera.name }) : t('form.titleCreate')}
        {origin && <span className="dev-muted"> · {t('form.fromDiscovery', { address: origin })}</span>}
      </div>
      {edit && <CameraAudioLine camera={camera} />}
      <div className="dev-grid">
        {field(t('form.name'), 'name', text('name', 'camera-form-name'), true)}
        <div className={`dev-field wide${shown.org ? ' invalid' : ''}`}>
          <span className="dev-label">
            {t('form.township')} / {t('form.village')}
          </span>
          <OrgPicker choices={choices} townshipId={form.townshipId} villageId={form.villageId} testId="camera-form" invalid={!!shown.org} onChange={(o) => setForm((f) => ({ ...f, ...o }))} />
          {fieldError('org')}
        </div>
        {field(
          t('form.category'),
          null,
          <select value={form.category} data-testid="camera-form-category" onChange={(e) => set('category', e.target.value as CameraFormState['category'])}>
            {(['1', '2', '3'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`form.category.${c}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          t('form.source'),
          null,
          <select value={form.sourceType} data-testid="camera-form-source" disabled={edit} onChange={(e) => set('sourceType', e.target.value as CameraFormState['sourceType'])}>
            {SOURCE_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`form.source.${s}`)}
              </option>
            ))}
          </select>,
        )}
        {field(t('form.host'), 'host', text('host', 'camera-form-host', { placeholder: push ? '' : '192.168.1.64' }))}
        {!push && field(t('form.rtspPort'), 'rtspPort', text('rtspPort', 'camera-form-rtsp-port', { inputMode: 'numeric' }))}
        {form.sourceType === 'onvif' && field(t('form.onvifPort'), 'onvifPort', text('onvifPort', 'camera-form-onvif-port', { inputMode: 'numeric' }))}
        {!push && field(t('form.mainUri'), 'mainUri', text('mainUri', 'camera-form-main-uri', { placeholder: 'rtsp://192.168.1.64:554/Streaming/Channels/101' }), true)}
        {!push && field(t('form.subUri'), 'subUri', text('subUri', 'camera-form-sub-uri', { placeholder: 'rtsp://192.168.1.64:554/Streaming/Channels/102' }), true)}
        {!push && field(t('form.username'), 'username', text('username', 'camera-form-username'))}
        {!push &&
          field(
            t('form.transport'),
            null,
            <span className="dev-inline">
              <select value={form.rtspTransport} data-testid="camera-form-transport" onChange={(e) => set('rtspTransport', e.target.value as CameraFormState['rtspTransport'])}>
                {RTSP_TRANSPORTS.map((tr) => (
                  <option key={tr} value={tr}>
                    {t(`form.transport.${tr}`)}
                  </option>
                ))}
              </select>
              {camera && (
                <span className="dev-muted" data-testid="camera-form-transport-in-use">
                  {camera.transportInUse ? t('form.transportInUse', { transport: camera.transportInUse.toUpperCase() }) : t('form.transportUnknown')}
                </span>
              )}
            </span>,
          )}
        {!push &&
          field(
            t('form.ingest'),
            null,
            <select value={form.ingest} data-testid="camera-form-ingest" onChange={(e) => set('ingest', e.target.value as CameraFormState['ingest'])}>
              {INGEST_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`form.ingest.${mode}`)}
                </option>
              ))}
            </select>,
          )}
        {!push && (
          <label className={`dev-field${shown.password ? ' invalid' : ''}`}>
            <span className="dev-label">{t('form.password')}</span>
            <input type="password" value={form.password} data-testid="camera-form-password" autoComplete="new-password" placeholder={camera?.hasPassword ? t('form.passwordKeep') : ''} onChange={(e) => set('password', e.target.value)} />
            {camera && <span className="dev-muted">{camera.hasPassword ? t('form.passwordKeep') : t('form.passwordNone')}</span>}
            {fieldError('password')}
          </label>
        )}
        {field(t('form.code'), 'deviceCode', text('deviceCode', 'camera-form-code', { inputMode: 'numeric', placeholder: '14113010001320000001' }))}
        {field(t('form.vendor'), null, text('vendor', 'camera-form-vendor'))}
        {field(t('form.model'), null, text('model', 'camera-form-model'))}
        {field(t('form.lat'), 'lat', text('lat', 'camera-form-lat', { inputMode: 'decimal', placeholder: '36.98' }))}
        {field(t('form.lng'), 'lng', text('lng', 'camera-form-lng', { inputMode: 'decimal', placeholder: '111.18' }))}
        {field(t('form.direction'), 'direction', text('direction', 'camera-form-direction', { inputMode: 'decimal', placeholder: '0–360' }))}
        <div className="dev-field">
          <span className="dev-label">{t('form.position')}</span>
          <button type="button" className="ghost" data-testid="camera-form-pick" onClick={() => setShowMap((v) => !v)}>
            {showMap ? t('form.hideMap') : t('form.pickOnMap')}
          </button>
        </div>
      </div>
      {showMap && (
        <Suspense fallback={<div className="dev-hint">{t('map.loading')}</div>}>
          <PositionPicker lat={lat} lng={lng} direction={direction} onPick={(la, ln) => setForm((f) => ({ ...f, lat: String(la), lng: String(ln) }))} />
        </Suspense>
      )}

      {!push && (
        <div className="dev-test">
          <button type="button" className="ghost" data-testid="camera-form-test" disabled={test.kind === 'running'} onClick={() => void runTest()}>
            {test.kind === 'running' ? t('form.testing') : t('form.test')}
          </button>
          {test.kind !== 'idle' && test.kind !== 'running' && (
            <div
              className={`dev-test-result ${test.kind === 'done' && test.results.every((r) => r.result.ok) ? 'ok' : 'bad'}`}
              data-testid="camera-form-test-result"
              data-ok={test.kind === 'done' && test.results.every((r) => r.result.ok) ? 'true' : 'false'}
            >
              {test.kind === 'error' ? test.message : test.results.map((r) => <div key={r.profile}>{resultLine(r)}</div>)}
            </div>
          )}
        </div>
      )}

      {submitError && (
        <div className="dev-error" role="alert" data-testid="camera-form-error" data-kind={submitError.kind}>
          {submitError.kind === 'stream' && (
            <>
              <div>{t('form.streamTestFailed')}</div>
              <ul>
                {submitError.failures.map((f) => (
                  <li key={f.profile}>{resultLine(f)}</li>
                ))}
              </ul>
              <button type="button" className="ghost" data-testid="camera-form-force" disabled={saving} onClick={() => void submit(true)}>
                {t('form.force')}
              </button>
            </>
          )}
          {submitError.kind === 'conflict' && t('form.conflict', { name: submitError.name, message: submitError.message })}
          {submitError.kind === 'other' && (showErrors && Object.keys(errors).length > 0 ? submitError.message : t('form.error', { message: submitError.message }))}
        </div>
      )}

      <div className="dev-actions">
        <button type="submit" className="primary" data-testid="camera-form-submit" disabled={saving}>
          {saving ? t('form.saving') : edit ? t('form.submitEdit') : t('form.submitCreate')}
        </button>
        <button type="button" className="ghost" data-testid="camera-form-cancel" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        {edit && camera.sourceType === 'rtmp-push' && (
          <button type="button" className="ghost" data-testid="camera-form-rotate-key" onClick={() => void rotateKey()}>
            {t('form.rotateKey')}
          </button>
        )}
      </div>
    </form>
  );
}

/** What the stream test found as the camera's audio (the console always gets AAC). Test id camera-audio. */
function CameraAudioLine({ camera }: { camera: CameraDto }) {
  const t = useT();
  const name = (codec: CameraDto['mainAudioCodec']) => t(`form.audio.${codec ?? 'unknown'}`);
  const text = camera.subStreamUri && camera.mainStreamUri ? t('form.audioPerStream', { main: name(camera.mainAudioCodec), sub: name(camera.subAudioCodec) }) : t('form.audio', { audio: name(camera.mainStreamUri ? camera.mainAudioCodec : camera.subAudioCodec) });
  return (
    <div className="dev-muted" data-testid="camera-audio">
      {text}
    </div>
  );
}
