import { useCallback, useEffect, useMemo, useState } from 'react';
import { ALARM_SEVERITIES, ALARM_SOUNDS, KNOWN_ALARM_TYPES, type AlarmRuleCreate, type AlarmRuleDto, type AlarmSeverity, type AlarmSoundChoice } from '../../../../contracts/src/alarm';
import type { LayoutDto } from '../../../../contracts/src/layout';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import type { WallDto } from '../../gateway/gateway-types';
import { useGatewayClient, useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { orgLabel } from '../../components/ui/org-units';
import { canManageOrg, manageableOrgIds, orgChoices } from './alarm-filters';
import { severityLabel, typeLabel } from './alarm-labels';

const EMPTY: AlarmRuleCreate = { name: '', enabled: true, alarmType: null, orgUnitId: null, minSeverity: 'info', layoutId: null, wallId: null, interruptTour: false, sound: 'by-severity' };

const toForm = (r: AlarmRuleDto): AlarmRuleCreate => ({
  name: r.name,
  enabled: r.enabled,
  alarmType: r.alarmType,
  orgUnitId: r.orgUnitId,
  minSeverity: r.minSeverity,
  layoutId: r.layoutId,
  wallId: r.wallId,
  interruptTour: r.interruptTour,
  sound: r.sound,
});

/**
 * 预案 editor (wall.control): list, create, edit, delete alarm rules. Test ids: alarm-rule-list, alarm-rule-row-<id>,
 * alarm-rule-new, alarm-rule-edit-<id>, alarm-rule-delete-<id>, alarm-rule-form, alarm-rule-name, alarm-rule-enabled,
 * alarm-rule-type, alarm-rule-org, alarm-rule-severity, alarm-rule-layout, alarm-rule-wall, alarm-rule-interrupt,
 * alarm-rule-sound, alarm-rule-save, alarm-rule-cancel.
 * A user scoped to an org unit is offered only its own subtree and walls, and changes only the rules it covers; the
 * site-wide rules and those of the units above it are shown read-only (as the gateway decides).
 */
export function AlarmRulesPanel({ userOrgUnitId }: { userOrgUnitId: string | null }) {
  const client = useGatewayClient();
  const toast = useToast();
  const { t, lang } = useI18n();
  const [rules, setRules] = useState<AlarmRuleDto[] | null>(null);
  const [layouts, setLayouts] = useState<LayoutDto[]>([]);
  const [walls, setWalls] = useState<WallDto[]>([]);
  const [editing, setEditing] = useState<{ id: string | null; form: AlarmRuleCreate } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useGatewaySelector((s) => s.orgUnits);
  const unitsById = useGatewaySelector((s) => s.orgUnitsById);
  const manageable = useMemo(() => manageableOrgIds(units, userOrgUnitId), [units, userOrgUnitId]);
  const choices = useMemo(() => orgChoices(units, (u) => orgLabel(u, lang)).filter((c) => canManageOrg(manageable, c.id)), [units, lang, manageable]);
  const fail = useCallback((e: unknown) => toast('error', t('rules.failed', { message: toGatewayError(e).message })), [toast, t]);

  const refresh = useCallback(() => {
    client.listAlarmRules().then(setRules, fail);
  }, [client, fail]);
  useEffect(() => {
    refresh();
    client.listLayouts().then((l) => setLayouts(l.filter((x) => x.visibility === 'everyone')), () => undefined);
    client.listWalls().then((w) => setWalls(w.filter((x) => canManageOrg(manageable, x.orgUnitId))), () => undefined);
  }, [client, refresh, manageable]);

  const save = async () => {
    if (!editing || !editing.form.name.trim()) return;
    setBusy(true);
    try {
      const body = { ...editing.form, name: editing.form.name.trim() };
      const saved = editing.id ? await client.updateAlarmRule(editing.id, body) : await client.createAlarmRule(body);
      toast('success', t('rules.saved', { name: saved.name }));
      setEditing(null);
      refresh();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (rule: AlarmRuleDto) => {
    try {
      await client.deleteAlarmRule(rule.id);
      toast('success', t('rules.deleted', { name: rule.name }));
      setConfirmDelete(null);
      refresh();
    } catch (e) {
      fail(e);
    }
  };

  const f = editing?.form;
  const patch = (p: Partial<AlarmRuleCreate>) => setEditing((e) => (e ? { ...e, form: { ...e.form, ...p } } : e));
  const orgName = (id: string | null) => (id ? (unitsById.get(id) ? orgLabel(unitsById.get(id)!, lang) : id) : t('rules.anyOrg'));
  const layoutName = (id: string | null) => (id ? (layouts.find((l) => l.id === id)?.name ?? id) : '—');
  const wallName = (id: string | null) => (id ? (walls.find((w) => w.id === id)?.name ?? id) : '—');

  return (
    <div className="alarm-rules" data-testid="alarm-rules">
      <div className="alarm-action-buttons">
        <h3>{t('rules.title')}</h3>
        <span className="alarm-spacer" />
        <button type="button" className="primary" data-testid="alarm-rule-new" onClick={() => setEditing({ id: null, form: { ...EMPTY, orgUnitId: userOrgUnitId } })}>
          {t('rules.new')}
        </button>
      </div>
      {f && (
        <form
          className="alarm-rule-form"
          data-testid="alarm-rule-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            {t('rules.name')}
            <input data-testid="alarm-rule-name" value={f.name} maxLength={64} required onChange={(e) => patch({ name: e.target.value })} />
          </label>
          <label>
            {t('rules.type')}
            <select data-testid="alarm-rule-type" value={f.alarmType ?? ''} onChange={(e) => patch({ alarmType: e.target.value || null })}>
              <option value="">{t('rules.anyType')}</option>
              {KNOWN_ALARM_TYPES.map((x) => (
                <option key={x} value={x}>
                  {typeLabel(t, x)}
                </option>
              ))}
              {f.alarmType && !(KNOWN_ALARM_TYPES as readonly string[]).includes(f.alarmType) && <option value={f.alarmType}>{f.alarmType}</option>}
            </select>
          </label>
          <label>
            {t('rules.org')}
            <select data-testid="alarm-rule-org" value={f.orgUnitId ?? ''} onChange={(e) => patch({ orgUnitId: e.target.value || null })}>
              {userOrgUnitId === null && <option value="">{t('rules.anyOrg')}</option>}
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {`${'\u3000'.repeat(c.depth)}${c.label}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rules.minSeverity')}
            <select data-testid="alarm-rule-severity" value={f.minSeverity} onChange={(e) => patch({ minSeverity: e.target.value as AlarmSeverity })}>
              {ALARM_SEVERITIES.map((x) => (
                <option key={x} value={x}>
                  {severityLabel(t, x)}
                </option>
              ))}
            </select>
          </label>
          <label title={t('rules.layoutShared')}>
            {t('rules.layout')}
            <select data-testid="alarm-rule-layout" value={f.layoutId ?? ''} onChange={(e) => patch({ layoutId: e.target.value || null })}>
              <option value="">{t('rules.noLayout')}</option>
              {layouts.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rules.wall')}
            <select data-testid="alarm-rule-wall" value={f.wallId ?? ''} onChange={(e) => patch({ wallId: e.target.value || null })}>
              <option value="">{t('rules.noWall')}</option>
              {walls.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('rules.sound')}
            <select data-testid="alarm-rule-sound" value={f.sound} onChange={(e) => patch({ sound: e.target.value as AlarmSoundChoice })}>
              {ALARM_SOUNDS.map((x) => (
                <option key={x} value={x}>
                  {t(`rules.sound.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" data-testid="alarm-rule-interrupt" checked={f.interruptTour} onChange={(e) => patch({ interruptTour: e.target.checked })} />
            {t('rules.interrupt')}
          </label>
          <label className="check">
            <input type="checkbox" data-testid="alarm-rule-enabled" checked={f.enabled} onChange={(e) => patch({ enabled: e.target.checked })} />
            {t('rules.enabled')}
          </label>
          <div className="buttons">
            <button type="submit" className="primary" data-testid="alarm-rule-save" disabled={busy || !f.name.trim()}>
              {t('rules.save')}
            </button>
            <button type="button" data-testid="alarm-rule-cancel" onClick={() => setEditing(null)}>
              {t('rules.cancel')}
            </button>
          </div>
        </form>
      )}
      {rules && rules.length === 0 && <div className="alarms-empty">{t('rules.empty')}</div>}
      {rules && rules.length > 0 && (
        <table className="alarms-table" data-testid="alarm-rule-list">
          <thead>
            <tr>
              <th>{t('rules.name')}</th>
              <th>{t('rules.type')}</th>
              <th>{t('rules.org')}</th>
              <th>{t('rules.minSeverity')}</th>
              <th>{t('rules.layout')}</th>
              <th>{t('rules.wall')}</th>
              <th>{t('rules.interrupt')}</th>
              <th>{t('rules.sound')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} data-testid={`alarm-rule-row-${r.id}`}>
                <td>
                  {r.name}
                  {!r.enabled && ` (${t('rules.off')})`}
                </td>
                <td>{r.alarmType ? typeLabel(t, r.alarmType) : t('rules.anyType')}</td>
                <td>{orgName(r.orgUnitId)}</td>
                <td>{severityLabel(t, r.minSeverity)}</td>
                <td>{layoutName(r.layoutId)}</td>
                <td>{wallName(r.wallId)}</td>
                <td>{r.interruptTour ? t('rules.yes') : t('rules.no')}</td>
                <td>{t(`rules.sound.${r.sound}`)}</td>
                <td>
                  {canManageOrg(manageable, r.orgUnitId) ? (
                    <>
                      <button type="button" data-testid={`alarm-rule-edit-${r.id}`} onClick={() => setEditing({ id: r.id, form: toForm(r) })}>
                        {t('rules.edit')}
                      </button>{' '}
                      {confirmDelete === r.id ? (
                        <button type="button" className="danger" data-testid={`alarm-rule-delete-confirm-${r.id}`} onClick={() => void remove(r)}>
                          {t('rules.deleteConfirm')}
                        </button>
                      ) : (
                        <button type="button" data-testid={`alarm-rule-delete-${r.id}`} onClick={() => setConfirmDelete(r.id)}>
                          {t('rules.delete')}
                        </button>
                      )}
                    </>
                  ) : (
                    <span data-testid={`alarm-rule-readonly-${r.id}`}>{t('rules.readOnly')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
