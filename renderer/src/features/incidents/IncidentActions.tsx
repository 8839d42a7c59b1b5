import { useMemo, useState } from 'react';
import { type IncidentDetailDto, type IncidentUserAction } from '../../../../contracts/src/incident';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { toGatewayError } from '../../gateway/gateway-error';
import { useI18n } from '../../i18n/use-t';
import { ACTION_FROM, actionAvailability, actionBody, emptyDraft, NOTE_REQUIRED, validateAction, type ActionDraft, type ActionErrors, type Actor } from './incident-workflow';
import { DateField } from '../../components/ui/DateField';
import { IncidentCategoryOptions } from './IncidentCategoryOptions';

export interface IncidentActionsProps {
  incident: IncidentDetailDto;
  user: Actor;
  within: (unit: string, ancestor: string) => boolean;
  townships: readonly OrgUnit[];
  /** Resolves after the gateway committed; rejects with its GatewayError. */
  onAct: (action: IncidentUserAction, body: Record<string, unknown>) => Promise<void>;
}

/** The workflow buttons the state and the role allow, and the small form each step needs. */
export function IncidentActions({ incident, user, within, townships, onAct }: IncidentActionsProps) {
  const { t, lang } = useI18n();
  const [active, setActive] = useState<IncidentUserAction | null>(null);
  const [draft, setDraft] = useState<ActionDraft>(() => emptyDraft(Date.now()));
  const [errors, setErrors] = useState<ActionErrors>({});
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const actions = useMemo(() => actionAvailability(incident, user, within).filter((a) => a.visible), [incident, user, within]);
  // A push may move the case on while a form is open: the form closes when its step is no longer allowed.
  const current = active && actions.find((a) => a.action === active && a.enabled) ? active : null;

  const open = (action: IncidentUserAction) => {
    setActive(action);
    setDraft(emptyDraft(Date.now()));
    setErrors({});
    setServerError(null);
  };
  const patch = (p: Partial<ActionDraft>) => setDraft((d) => ({ ...d, ...p }));

  const confirm = async () => {
    if (!current) return;
    const e = validateAction(current, draft, Date.now());
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    setServerError(null);
    try {
      await onAct(current, actionBody(current, draft, incident.category));
      setActive(null);
    } catch (error) {
      const ge = toGatewayError(error);
      setServerError(t(ge.status === 409 || ge.status === 403 || ge.status === 400 ? 'incidents.actions.refused' : 'incidents.actions.failed', { message: ge.message }));
    } finally {
      setBusy(false);
    }
  };

  if (actions.length === 0) return <p className="incident-muted">{t('incidents.actions.none')}</p>;
  const noteLabel = current ? t(`incidents.actions.note.${current}`) : '';
  const errorText = (field: keyof ActionErrors) => {
    const key = errors[field];
    return key ? <span className="form-error">{t(key, { field: noteLabel })}</span> : null;
  };

  return (
    <div className="incident-actions">
      <div className="incident-action-buttons">
        {actions.map(({ action, enabled }) => (
          <button
            key={action}
            type="button"
            className={current === action ? 'primary' : 'ghost'}
            data-testid={`incident-action-${action}`}
            disabled={!enabled || busy}
            title={enabled ? undefined : t('incidents.actions.notNow', { state: t(`incidents.state.${incident.state}`), action: t(`incidents.action.${action}`) })}
            data-allowed-from={ACTION_FROM[action].join(' ')}
            onClick={() => (current === action ? setActive(null) : open(action))}
          >
            {t(`incidents.action.${action}`)}
          </button>
        ))}
      </div>
      {current && (
        <form
          className="incident-action-form"
          data-testid="incident-action-form"
          data-action={current}
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {current === 'analyse' && (
            <label>
              {t('incidents.actions.category')}
              <select value={draft.category || incident.category} onChange={(e) => patch({ category: e.target.value as ActionDraft['category'] })}>
                <IncidentCategoryOptions lang={lang} />
              </select>
            </label>
          )}
          {current === 'dispatch' && (
            <>
              <div className="segmented" role="group" aria-label={t('incidents.actions.target')}>
                {(['township', 'department'] as const).map((k) => (
                  <button key={k} type="button" className={draft.target === k ? 'active' : ''} aria-pressed={draft.target === k} data-testid={`incident-dispatch-target-${k}`} onClick={() => patch({ target: k })}>
                    {t(k === 'township' ? 'incidents.actions.targetTownship' : 'incidents.actions.targetDepartment')}
                  </button>
                ))}
              </div>
              {draft.target === 'township' ? (
                <label>
                  {t('incidents.actions.unit')}
                  <select data-testid="incident-dispatch-unit" value={draft.unitId} onChange={(e) => patch({ unitId: e.target.value })}>
                    <option value="">{t('incidents.actions.chooseUnit')}</option>
                    {townships.map((u) => (
                      <option key={u.id} value={u.id}>
                        {lang === 'en' && u.nameEn ? u.nameEn : u.name}
                      </option>
                    ))}
                  </select>
                  {errorText('unit')}
                </label>
              ) : (
                <label>
                  {t('incidents.actions.department')}
                  <input data-testid="incident-dispatch-department" value={draft.department} maxLength={100} placeholder={t('incidents.actions.departmentPlaceholder')} onChange={(e) => patch({ department: e.target.value })} />
                  {errorText('department')}
                </label>
              )}
              <label>
                {t('incidents.actions.deadline')}
                <DateField withTime testId="incident-dispatch-deadline" value={draft.deadline} onChange={(deadline) => patch({ deadline })} />
                {errorText('deadline')}
              </label>
            </>
          )}
          {current === 'visit' && (
            <label>
              {t('incidents.actions.satisfaction')}
              <select data-testid="incident-visit-satisfaction" value={draft.satisfaction} onChange={(e) => patch({ satisfaction: Number(e.target.value) })}>
                {[5, 4, 3, 2, 1].map((n) => (
                  <option key={n} value={n}>
                    {t('incidents.actions.satisfactionN', { n })}
                  </option>
                ))}
              </select>
              {errorText('satisfaction')}
            </label>
          )}
          {current === 'close' && incident.category === 'dispute' && (
            <label className="incident-check">
              <input type="checkbox" data-testid="incident-close-dispute-resolved" checked={draft.disputeResolved} onChange={(e) => patch({ disputeResolved: e.target.checked })} />
              {t('incidents.actions.disputeResolved')}
            </label>
          )}
          <label>
            {noteLabel}
            {NOTE_REQUIRED.has(current) ? ' *' : ''}
            <textarea data-testid="incident-action-note" rows={3} maxLength={current === 'handle' ? 4000 : 2000} value={draft.note} onChange={(e) => patch({ note: e.target.value })} />
            {errorText('note')}
          </label>
          {serverError && (
            <p className="form-error" role="alert" data-testid="incident-action-error">
              {serverError}
            </p>
          )}
          <div className="incident-form-buttons">
            <button type="submit" className="primary" data-testid="incident-action-confirm" disabled={busy}>
              {busy ? t('incidents.actions.submitting') : t('incidents.actions.confirm', { action: t(`incidents.action.${current}`) })}
            </button>
            <button type="button" className="ghost" onClick={() => setActive(null)} disabled={busy}>
              {t('incidents.actions.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
