// 大屏设置, the view: the displays (number, stable key, position, size, what each shows and whether its wall is
// open), wall mode, the identify button and the alarm window's display. Props only, so it renders in unit tests.
import type { DisplayInfo } from '../../../../contracts/src/desktop-api';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { assignmentOf, choiceValue, isWallOpen, parseChoice, positionText, sizeText, skipReasonOf, type Assignment, type DesktopSnapshot } from './display-settings';

export interface Choice {
  id: string;
  name: string;
}

export interface DisplaySettingsViewProps {
  snapshot: DesktopSnapshot;
  layouts: readonly Choice[];
  walls: readonly Choice[];
  busy: boolean;
  onAssign(display: DisplayInfo, a: Assignment): void;
  onAllowOperator(display: DisplayInfo, allowed: boolean): void;
  onWallMode(on: boolean): void;
  onOpenOnStart(on: boolean): void;
  onIdentify(): void;
  onAlarmWindow(displayKey: string | null): void;
  onSwitchGateway(url: string): void;
}

/** Without the desktop shell (a browser): what this page needs and where to get it. */
export function DesktopRequired() {
  const t = useT();
  return (
    <section className="desk-section" data-testid="display-settings" data-shell="none">
      <h2>{t('desktop.section')}</h2>
      <div className="desk-required" data-testid="desktop-required" role="note">
        <p>{t('desktop.required')}</p>
        <p className="desk-muted">{t('desktop.requiredHint')}</p>
      </div>
    </section>
  );
}

export function DisplaySettingsView({ snapshot, layouts, walls, busy, onAssign, onAllowOperator, onWallMode, onOpenOnStart, onIdentify, onAlarmWindow, onSwitchGateway }: DisplaySettingsViewProps) {
  const t = useT();
  const [gatewayInput, setGatewayInput] = useState('');
  const { displays, config, status, alarmWindow } = snapshot;
  const wallIds = new Set(walls.map((w) => w.id));
  const known = new Set([...layouts.map((l) => `layout:${l.id}`), ...walls.map((w) => `wall:${w.id}`)]);
  const alarmKey = alarmWindow.placement.displayKey;
  const alarmKeyShown = alarmKey !== null && displays.some((d) => d.key === alarmKey);

  return (
    <section className="desk-section" data-testid="display-settings" data-shell="electron">
      <div className="desk-bar">
        <h2>{t('desktop.section')}</h2>
        {snapshot.app && <span className="desk-muted">{t('desktop.shellVersion', { version: snapshot.app.version })}</span>}
      </div>

      <div className="desk-bar">
        <button type="button" data-testid="display-identify" title={t('desktop.identifyHint')} disabled={busy} onClick={onIdentify}>
          {t('desktop.identify')}
        </button>
        <span className="desk-muted">{t('desktop.identifyHint')}</span>
      </div>

      <table className="desk-table" data-testid="display-list" aria-label={t('desktop.displays')}>
        <thead>
          <tr>
            <th className="num">{t('desktop.col.number')}</th>
            <th>{t('desktop.col.key')}</th>
            <th>{t('desktop.col.position')}</th>
            <th>{t('desktop.col.size')}</th>
            <th>{t('desktop.col.content')}</th>
            <th>{t('desktop.col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {displays.map((d) => {
            const value = choiceValue(assignmentOf(config, d.key, wallIds));
            const skip = skipReasonOf(status, d.key);
            const open = isWallOpen(status, d.key);
            return (
              <tr key={d.key} data-testid={`display-row-${d.number}`} data-display-key={d.key} data-display-number={d.number} data-wall-open={open}>
                <td className="num">{d.number}</td>
                <td className="mono">{d.key}</td>
                <td className="mono">{positionText(d)}</td>
                <td className="mono">
                  {sizeText(d)}
                  {d.primary && <span className="desk-tag">{t('desktop.primary')}</span>}
                  {d.operator && <span className="desk-tag">{t('desktop.operator')}</span>}
                </td>
                <td>
                  <select
                    data-testid={`display-assign-${d.number}`}
                    aria-label={t('desktop.display', { n: d.number })}
                    value={value}
                    disabled={busy}
                    onChange={(e) => onAssign(d, parseChoice(e.target.value))}
                  >
                    <option value="">{t('desktop.assign.none')}</option>
                    {value !== '' && !known.has(value) && <option value={value}>{t('desktop.assign.unknown')}</option>}
                    {layouts.length > 0 && (
                      <optgroup label={t('desktop.assign.layouts')}>
                        {layouts.map((l) => (
                          <option key={l.id} value={`layout:${l.id}`}>
                            {l.name}
                          </option>
                        ))}
                      </optgroup>
                    )}
                    {walls.length > 0 && (
                      <optgroup label={t('desktop.assign.walls')}>
                        {walls.map((w) => (
                          <option key={w.id} value={`wall:${w.id}`}>
                            {w.name}
                          </option>
                        ))}
                      </optgroup>
                    )}
                  </select>
                  {d.operator && value !== '' && (
                    <label className="desk-bar desk-muted">
                      <input
                        type="checkbox"
                        data-testid={`display-allow-operator-${d.number}`}
                        checked={config.assignments.some((a) => a.displayKey === d.key && a.allowOnOperatorDisplay === true)}
                        disabled={busy}
                        onChange={(e) => onAllowOperator(d, e.target.checked)}
                      />
                      {t('desktop.allowOperator')}
                    </label>
                  )}
                </td>
                <td data-testid={`display-state-${d.number}`} className={`desk-state${open ? ' open' : skip ? ' skipped' : ''}`}>
                  {open ? t('desktop.state.open') : skip ? t(`desktop.skip.${skip}`) : value ? t('desktop.state.closed') : t('desktop.state.unassigned')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div className="desk-card">
        <div className="desk-bar">
          <strong>{t('desktop.wallMode')}</strong>
          <span data-testid="wall-mode-state" data-active={status.active}>
            {status.active ? t('desktop.wallMode.on', { n: status.open.length }) : t('desktop.wallMode.off')}
          </span>
          <button type="button" data-testid="wall-mode-open" disabled={busy} onClick={() => onWallMode(true)}>
            {t('desktop.wallOpen')}
          </button>
          <button type="button" data-testid="wall-mode-close" disabled={busy || !status.active} onClick={() => onWallMode(false)}>
            {t('desktop.wallClose')}
          </button>
        </div>
        <label className="desk-bar">
          <input type="checkbox" data-testid="wall-open-on-start" checked={config.openOnStart} disabled={busy} onChange={(e) => onOpenOnStart(e.target.checked)} />
          {t('desktop.openOnStart')}
        </label>
      </div>

      <div className="desk-card">
        <strong>{t('desktop.alarmWindow')}</strong>
        <span className="desk-muted">{t('desktop.alarmWindowHint')}</span>
        <div className="desk-bar">
          <select data-testid="alarm-window-display" aria-label={t('desktop.alarmWindow')} value={alarmKey ?? ''} disabled={busy} onChange={(e) => onAlarmWindow(e.target.value || null)}>
            <option value="">{t('desktop.alarmWindow.inConsole')}</option>
            {alarmKey !== null && !alarmKeyShown && <option value={alarmKey}>{t('desktop.alarmWindow.missing')}</option>}
            {displays.map((d) => (
              <option key={d.key} value={d.key}>
                {t('desktop.display', { n: d.number })}
              </option>
            ))}
          </select>
          <span data-testid="alarm-window-state" data-open={alarmWindow.open}>
            {alarmWindow.open && alarmWindow.displayNumber !== null
              ? t('desktop.alarmWindow.open', { n: alarmWindow.displayNumber })
              : alarmWindow.fallback === 'display-missing'
                ? t('desktop.alarmWindow.missing')
                : ''}
          </span>
        </div>
      </div>

      <div className="desk-card" data-testid="desktop-gateway">
        <strong>{t('desktop.gateway')}</strong>
        <div className="desk-bar">
          <span className="desk-muted">{t('desktop.gatewayAddress')}</span>
          <span className="mono" data-testid="desktop-gateway-url">
            {snapshot.settings.gatewayUrl ?? '—'}
          </span>
        </div>
        <div className="desk-bar">
          <span className="desk-muted">{t('desktop.fingerprint')}</span>
          <span className="mono">{snapshot.settings.certificateFingerprint ?? t('desktop.fingerprintNone')}</span>
        </div>
        <form
          className="desk-bar"
          onSubmit={(e) => {
            e.preventDefault();
            if (gatewayInput.trim()) onSwitchGateway(gatewayInput);
          }}
        >
          <input
            data-testid="desktop-gateway-input"
            aria-label={t('desktop.gatewayNew')}
            placeholder={t('desktop.gatewayPlaceholder')}
            value={gatewayInput}
            disabled={busy}
            onChange={(e) => setGatewayInput(e.target.value)}
          />
          <button type="submit" data-testid="desktop-gateway-switch" disabled={busy || !gatewayInput.trim()}>
            {t('desktop.gatewaySwitch')}
          </button>
        </form>
      </div>
    </section>
  );
}
