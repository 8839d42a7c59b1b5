import { useEffect, useState } from 'react';
import type { AlarmDto } from '../../../../contracts/src/alarm';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import { type IncidentCategory } from '../../../../contracts/src/incident';
import { roleHas } from '../../../../contracts/src/permissions';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { isOpen } from './alarm-sync';
import { IncidentCategoryOptions } from '../incidents';
import { jumpParams } from '../playback';

export interface AlarmActionsProps {
  alarm: AlarmDto;
  user: SessionUserDto;
  /** The gateway's answer to an action (the updated alarm). */
  onUpdated: (alarm: AlarmDto) => void;
  onShowOnMap: (cameraId: string) => void;
  openSection: (id: string, params?: Record<string, string>) => void;
}

type Form = null | 'assign' | 'dismiss' | 'resolve' | 'incident';

const newRequestId = () => globalThis.crypto.randomUUID();

/**
 * Acknowledge, resolve (解除, with an optional note; only once acknowledged, as the gateway's state machine says),
 * assign, dismiss (with a reason), open an incident, show on map — the same in the pop-up and the list.
 * Roles without alarm.act see only "show on map".
 */
export function AlarmActions({ alarm, user, onUpdated, onShowOnMap, openSection }: AlarmActionsProps) {
  const client = useGatewayClient();
  const { t, lang } = useI18n();
  const toast = useToast();
  const [form, setForm] = useState<Form>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<IncidentCategory>('public-security');
  const [requestId, setRequestId] = useState(newRequestId);
  const [users, setUsers] = useState<SessionUserDto[] | null>(null);
  const [assignee, setAssignee] = useState('');
  const canAct = roleHas(user.role, 'alarm.act');
  const canIncident = roleHas(user.role, 'incident.handle');
  // Anyone who may act can pick among the users the gateway says may take this alarm.
  const canPickUser = canAct;
  const open = isOpen(alarm);

  // Another alarm: forms close, a new incident request id.
  useEffect(() => {
    setForm(null);
    setReason('');
    setRequestId(newRequestId());
  }, [alarm.id]);

  useEffect(() => {
    if (form !== 'assign' || !canPickUser || users) return;
    client.listAlarmAssignees(alarm.id).then(
      (eligible) => {
        setUsers(eligible);
        setAssignee((a) => a || (eligible.find((u) => u.id === user.id)?.id ?? eligible[0]?.id ?? ''));
      },
      () => setUsers([]),
    );
  }, [form, canPickUser, users, client, user.id, alarm.id]);

  async function run(action: () => Promise<AlarmDto>, done: string): Promise<void> {
    setBusy(true);
    try {
      const updated = await action();
      onUpdated(updated);
      setForm(null);
      toast('success', done);
    } catch (e) {
      toast('error', t('alarm.actionFailed', { message: toGatewayError(e).message }));
    } finally {
      setBusy(false);
    }
  }

  async function openIncident(): Promise<void> {
    setBusy(true);
    try {
      const incident = await client.incidentFromAlarm(alarm.id, { clientRequestId: requestId, category });
      setForm(null);
      toast('success', t('alarm.incidentCreated'));
      // The alarm is now converted; its event follows, re-read it so the queue updates at once.
      void client.getAlarm(alarm.id).then(onUpdated, () => undefined);
      openSection('incidents', { incidentId: incident.id });
    } catch (e) {
      toast('error', t('alarm.actionFailed', { message: toGatewayError(e).message }));
    } finally {
      setBusy(false);
    }
  }

  const toggle = (f: Form) => {
    setReason('');
    setForm((cur) => (cur === f ? null : f));
  };

  return (
    <div className="alarm-actions">
      <div className="alarm-action-buttons">
        {canAct && open && alarm.state === 'new' && (
          <button type="button" className="primary" data-testid="alarm-ack" disabled={busy} onClick={() => void run(() => client.acknowledgeAlarm(alarm.id), t('alarm.acknowledged'))}>
            {t('alarm.ack')}
          </button>
        )}
        {canAct && alarm.state === 'acknowledged' && (
          <button type="button" className="primary" data-testid="alarm-resolve" disabled={busy} aria-expanded={form === 'resolve'} onClick={() => toggle('resolve')}>
            {t('alarm.resolve')}
          </button>
        )}
        {canAct && open && (
          <button
            type="button"
            data-testid="alarm-assign"
            disabled={busy}
            onClick={() => (canPickUser ? toggle('assign') : void run(() => client.assignAlarm(alarm.id, user.id), t('alarm.assigned', { name: user.displayName || user.username })))}
          >
            {canPickUser ? t('alarm.assign') : t('alarm.assignSelf')}
          </button>
        )}
        {canAct && open && (
          <button type="button" data-testid="alarm-dismiss" disabled={busy} aria-expanded={form === 'dismiss'} onClick={() => toggle('dismiss')}>
            {t('alarm.dismiss')}
          </button>
        )}
        {canIncident && alarm.incidentId === null && alarm.state !== 'converted' && (
          <button type="button" data-testid="alarm-open-incident" disabled={busy} aria-expanded={form === 'incident'} onClick={() => toggle('incident')}>
            {t('alarm.openIncident')}
          </button>
        )}
        {alarm.incidentId && (
          <button type="button" data-testid="alarm-goto-incident" onClick={() => openSection('incidents', { incidentId: alarm.incidentId! })}>
            {t('alarm.gotoIncident')}
          </button>
        )}
        {alarm.cameraId && roleHas(user.role, 'camera.playback') && (
          <button type="button" data-testid="alarm-playback" title={t('playback.openTitle')} onClick={() => openSection('playback', jumpParams(alarm.cameraId!, alarm.occurredAt))}>
            {t('playback.open')}
          </button>
        )}
        {alarm.cameraId && (
          <button type="button" data-testid="alarm-show-map" onClick={() => onShowOnMap(alarm.cameraId!)}>
            {t('alarm.showMap')}
          </button>
        )}
      </div>
      {!canAct && <div className="alarm-readonly">{t('alarm.readOnly')}</div>}

      {form === 'dismiss' && (
        <form
          className="alarm-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) void run(() => client.dismissAlarm(alarm.id, reason.trim()), t('alarm.dismissed'));
          }}
        >
          <label>
            {t('alarm.dismissReason')}
            <input data-testid="alarm-dismiss-reason" value={reason} maxLength={1000} required autoFocus onChange={(e) => setReason(e.target.value)} placeholder={t('alarm.dismissReasonHint')} />
          </label>
          <button type="submit" className="primary" data-testid="alarm-dismiss-confirm" disabled={busy || !reason.trim()}>
            {t('alarm.dismissConfirm')}
          </button>
        </form>
      )}

      {form === 'resolve' && (
        <form
          className="alarm-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => client.resolveAlarm(alarm.id, reason.trim() || undefined), t('alarm.resolved'));
          }}
        >
          <label>
            {t('alarm.resolveNote')}
            <input data-testid="alarm-resolve-note" value={reason} maxLength={1000} autoFocus onChange={(e) => setReason(e.target.value)} placeholder={t('alarm.resolveNoteHint')} />
          </label>
          <button type="submit" className="primary" data-testid="alarm-resolve-confirm" disabled={busy}>
            {t('alarm.resolveConfirm')}
          </button>
        </form>
      )}

      {form === 'incident' && (
        <form
          className="alarm-form"
          onSubmit={(e) => {
            e.preventDefault();
            void openIncident();
          }}
        >
          <label>
            {t('alarm.incidentCategory')}
            <select data-testid="alarm-incident-category" value={category} onChange={(e) => setCategory(e.target.value as IncidentCategory)}>
              <IncidentCategoryOptions lang={lang} />
            </select>
          </label>
          <button type="submit" className="primary" data-testid="alarm-incident-confirm" disabled={busy}>
            {t('alarm.incidentConfirm')}
          </button>
        </form>
      )}

      {form === 'assign' && (
        <form
          className="alarm-form"
          onSubmit={(e) => {
            e.preventDefault();
            const to = users?.find((u) => u.id === assignee);
            if (to) void run(() => client.assignAlarm(alarm.id, to.id), t('alarm.assigned', { name: to.displayName || to.username }));
          }}
        >
          <label>
            {t('alarm.assignTo')}
            <select data-testid="alarm-assign-user" value={assignee} disabled={!users} onChange={(e) => setAssignee(e.target.value)}>
              {!users && <option value="">{t('alarm.loading')}</option>}
              {users?.map((u) => (
                <option key={u.id} value={u.id}>
                  {`${u.displayName || u.username} · ${t(`role.${u.role}`)}`}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" data-testid="alarm-assign-confirm" disabled={busy || !assignee}>
            {t('alarm.assignConfirm')}
          </button>
        </form>
      )}
    </div>
  );
}
