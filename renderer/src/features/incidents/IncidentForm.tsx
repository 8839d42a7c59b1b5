import { useMemo, useState } from 'react';
import type { CameraDto } from '../../../../contracts/src/camera';
import { REPORTER_KINDS, type IncidentDto } from '../../../../contracts/src/incident';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { toGatewayError } from '../../gateway/gateway-error';
import { useI18n } from '../../i18n/use-t';
import { orgOptions } from './incident-format';
import { emptyForm, isValid, LIMITS, newClientRequestId, sendWithRetry, toCreateBody, validateIncidentForm, type FormErrors, type FormField, type IncidentFormDraft } from './incident-form';
import { IncidentCategoryOptions } from './IncidentCategoryOptions';

export interface IncidentFormProps {
  orgUnits: readonly OrgUnit[];
  cameras: readonly CameraDto[];
  defaultOrgUnitId: string;
  /** Sends the body once; rejects with a GatewayError. */
  create: (body: ReturnType<typeof toCreateBody>) => Promise<IncidentDto>;
  onSaved: (incident: IncidentDto) => void;
  onOpen: (id: string) => void;
  onCancel: () => void;
}

type Status = { kind: 'editing' } | { kind: 'saving'; attempt: number } | { kind: 'failed'; message: string } | { kind: 'saved'; incident: IncidentDto };

/**
 * 受理登记: a report by a grid head, a citizen or the operator. The form's clientRequestId is made once; every retry
 * (automatic on network failure, or the retry button) sends it again, so the gateway creates the case at most once.
 * "Saved" appears only after the gateway's 201/200, i.e. after its commit.
 */
export function IncidentForm(p: IncidentFormProps) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<IncidentFormDraft>(() => emptyForm(p.defaultOrgUnitId));
  const [clientRequestId, setClientRequestId] = useState(newClientRequestId);
  const [errors, setErrors] = useState<FormErrors>({});
  const [touched, setTouched] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const [cameraQuery, setCameraQuery] = useState('');
  const options = useMemo(() => orgOptions(p.orgUnits), [p.orgUnits]);
  const matchingCameras = useMemo(() => {
    const q = cameraQuery.trim().toLowerCase();
    if (!q) return [];
    return p.cameras.filter((c) => !draft.cameraIds.includes(c.id) && (c.name.toLowerCase().includes(q) || c.id.toLowerCase().includes(q))).slice(0, 8);
  }, [cameraQuery, p.cameras, draft.cameraIds]);

  const patch = (d: Partial<IncidentFormDraft>) => {
    const next = { ...draft, ...d };
    setDraft(next);
    if (touched) setErrors(validateIncidentForm(next));
  };
  const saving = status.kind === 'saving';
  const saved = status.kind === 'saved';

  const submit = async () => {
    const e = validateIncidentForm(draft);
    setErrors(e);
    setTouched(true);
    if (!isValid(e) || saving) return;
    setStatus({ kind: 'saving', attempt: 1 });
    const body = toCreateBody(draft, clientRequestId);
    try {
      const incident = await sendWithRetry(() => p.create(body), { onRetry: (n) => setStatus({ kind: 'saving', attempt: n }) });
      setStatus({ kind: 'saved', incident });
      p.onSaved(incident);
    } catch (error) {
      setStatus({ kind: 'failed', message: toGatewayError(error).message });
    }
  };

  const another = () => {
    setDraft(emptyForm(p.defaultOrgUnitId));
    setClientRequestId(newClientRequestId());
    setErrors({});
    setTouched(false);
    setStatus({ kind: 'editing' });
  };

  const err = (field: FormField) => {
    const e = errors[field];
    return e ? (
      <span className="form-error" data-testid={`incident-form-error-${field}`}>
        {t(e.key, e.params)}
      </span>
    ) : null;
  };
  const cameraLabel = (id: string) => p.cameras.find((c) => c.id === id)?.name ?? id;

  return (
    <form
      className="incident-form"
      data-testid="incident-form"
      data-client-request-id={clientRequestId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('incidents.form.title')}</h2>
      <fieldset disabled={saving || saved}>
        <label className="wide">
          {t('incidents.form.field.title')} *
          <input data-testid="incident-form-title" value={draft.title} maxLength={LIMITS.title + 10} onChange={(e) => patch({ title: e.target.value })} />
          {err('title')}
        </label>
        <label>
          {t('incidents.form.field.category')}
          <select data-testid="incident-form-category" value={draft.category} onChange={(e) => patch({ category: e.target.value as IncidentFormDraft['category'] })}>
            <IncidentCategoryOptions lang={lang} />
          </select>
        </label>
        <label>
          {t('incidents.form.field.place')} *
          <select data-testid="incident-form-place" value={draft.orgUnitId} onChange={(e) => patch({ orgUnitId: e.target.value })}>
            <option value="">{t('incidents.form.field.choosePlace')}</option>
            {options.map(({ unit, depth }) => (
              <option key={unit.id} value={unit.id}>
                {'\u3000'.repeat(depth)}
                {lang === 'en' && unit.nameEn ? unit.nameEn : unit.name}
              </option>
            ))}
          </select>
          {err('orgUnitId')}
        </label>
        <label className="wide">
          {t('incidents.form.field.description')}
          <textarea data-testid="incident-form-description" rows={4} value={draft.description} onChange={(e) => patch({ description: e.target.value })} />
          {err('description')}
        </label>
        <label>
          {t('incidents.form.field.lat')}
          <input data-testid="incident-form-lat" inputMode="decimal" value={draft.lat} onChange={(e) => patch({ lat: e.target.value })} />
          {err('lat')}
        </label>
        <label>
          {t('incidents.form.field.lng')}
          <input data-testid="incident-form-lng" inputMode="decimal" value={draft.lng} onChange={(e) => patch({ lng: e.target.value })} />
          {err('lng')}
        </label>
        <label className="wide">
          {t('incidents.form.field.address')}
          <input data-testid="incident-form-address" value={draft.address} onChange={(e) => patch({ address: e.target.value })} />
          {err('address')}
        </label>
        <label>
          {t('incidents.form.field.reporterKind')}
          <select data-testid="incident-form-reporter-kind" value={draft.reporterKind} onChange={(e) => patch({ reporterKind: e.target.value as IncidentFormDraft['reporterKind'] })}>
            {REPORTER_KINDS.filter((k) => k !== 'alarm').map((k) => (
              <option key={k} value={k}>
                {t(`incidents.reporter.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('incidents.form.field.reporterName')}
          <input data-testid="incident-form-reporter-name" value={draft.reporterName} onChange={(e) => patch({ reporterName: e.target.value })} />
          {err('reporterName')}
        </label>
        <label>
          {t('incidents.form.field.reporterPhone')}
          <input data-testid="incident-form-reporter-phone" inputMode="tel" value={draft.reporterPhone} onChange={(e) => patch({ reporterPhone: e.target.value })} />
          {err('reporterPhone')}
        </label>
        <div className="wide incident-form-cameras">
          <label>
            {t('incidents.form.field.cameras')}
            <input data-testid="incident-form-camera-search" placeholder={t('incidents.form.field.cameraSearch')} value={cameraQuery} onChange={(e) => setCameraQuery(e.target.value)} />
          </label>
          {matchingCameras.length > 0 && (
            <ul className="incident-camera-matches">
              {matchingCameras.map((c) => (
                <li key={c.id}>
                  <button type="button" className="ghost" data-testid={`incident-form-camera-add-${c.id}`} onClick={() => patch({ cameraIds: [...draft.cameraIds, c.id] })}>
                    + {c.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="incident-chips" data-testid="incident-form-cameras">
            {draft.cameraIds.map((id) => (
              <span key={id} className="incident-chip" data-camera-id={id}>
                {cameraLabel(id)}
                <button type="button" className="icon-button" aria-label="×" onClick={() => patch({ cameraIds: draft.cameraIds.filter((x) => x !== id) })}>
                  ×
                </button>
              </span>
            ))}
            {draft.cameraIds.length > 0 && <span className="incident-muted">{t('incidents.form.cameraCount', { count: draft.cameraIds.length })}</span>}
          </div>
          {err('cameraIds')}
        </div>
      </fieldset>

      <div className="incident-form-buttons">
        {status.kind === 'saved' ? (
          <>
            <span className="incident-saved" data-testid="incident-saved" data-incident-id={status.incident.id}>
              ✓ {t('incidents.form.saved', { code: status.incident.code })}
            </span>
            <button type="button" className="primary" data-testid="incident-form-open" onClick={() => p.onOpen(status.incident.id)}>
              {t('incidents.form.open')}
            </button>
            <button type="button" className="ghost" data-testid="incident-form-another" onClick={another}>
              {t('incidents.form.another')}
            </button>
          </>
        ) : (
          <>
            <button type="submit" className="primary" data-testid="incident-form-submit" disabled={saving}>
              {saving ? (status.attempt > 1 ? t('incidents.form.retrying', { n: status.attempt }) : t('incidents.form.saving')) : status.kind === 'failed' ? t('incidents.form.retry') : t('incidents.form.submit')}
            </button>
            <button type="button" className="ghost" onClick={p.onCancel} disabled={saving}>
              {t('incidents.form.cancel')}
            </button>
            {status.kind === 'failed' && (
              <span className="form-error" role="alert" data-testid="incident-form-failed">
                {t('incidents.form.failed', { message: status.message })}
              </span>
            )}
          </>
        )}
      </div>
    </form>
  );
}
