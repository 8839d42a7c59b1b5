import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AlarmDto } from '../../../../contracts/src/alarm';
import type { LayoutDto } from '../../../../contracts/src/layout';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewayClient, useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import type { TourRunner } from '../tours';
import { AlarmActions } from './AlarmActions';
import { AlarmAudio } from './alarm-audio';
import { AlarmCentreContext, useAlarmSync, type AlarmCentreApi } from './alarm-context';
import { severityLabel, stateLabel, typeLabel } from './alarm-labels';
import { alarmDetailText, alarmSourceText, alarmTitleText } from './alarm-text';
import { nextCurrent, queueOf, stepQueue } from './alarm-queue';
import { MUTE_STORAGE_KEY, readMuted, soundFor } from './alarm-sound';
import { alarmAttention, announce } from './alarm-attention';
import type { AlarmStore } from './alarm-store';
import { isOpen } from './alarm-sync';
import { roleHas } from '../../../../contracts/src/permissions';
import { AlarmClip } from '../playback';
import { AlarmSnapshot } from './AlarmSnapshot';
import { AlarmVideo } from './AlarmVideo';
import './alarms.css';
import { formatDateTime } from '../../i18n/date-format';

/** An alarm rule may hold the operator's wall tour this long at most (it resumes at acknowledgement anyway). */
const INTERRUPT_MAX_MS = 30 * 60_000;

export interface AlarmCentreProps {
  store: AlarmStore;
  user: SessionUserDto;
  /**
   * The operator's wall: its tour runner (interrupted by rules) and named layouts (a rule's layout is offered).
   * `saved` is typed structurally so alarms need not import the wall feature, which imports alarms.
   */
  wall: { runner: TourRunner; saved: { open: (dto: LayoutDto) => void } };
  openSection: (id: string, params?: Record<string, string>) => void;
  showOnMap: (cameraId: string) => void;
  /** New alarms (state new), once each, as they arrive: the console tells the desktop shell (features/desktop). */
  onArrivals?: (fresh: readonly AlarmDto[]) => void;
  /** false: another window (the desktop alarm window) pops up and sounds new alarms; here they only add to the count. */
  popUp?: boolean;
  /**
   * The console, given the alarm dock to place in its layout: a side panel that takes room from the work area
   * (never an overlay), absent when no alarm is shown or waiting.
   */
  children: (dock: ReactNode) => ReactNode;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The alarm centre: provides the alarm store to the console (map markers, the alarm list) and shows the current
 * alarm, with its live video, in a dock beside every main view — its own place, which takes layout room and never
 * covers a control (issue 13: a fixed pop-up covered wall tiles, the tour's stop, incident and CSV buttons). Collapsed,
 * the dock is a narrow strip with the count. New alarms queue (most severe first) and open the dock; acknowledged,
 * dismissed, resolved and converted ones leave.
 * Test ids: alarm-dock (data-collapsed), alarm-popup (data-alarm-id, data-camera-id, data-severity), alarm-popup-video,
 * alarm-popup-snapshot, alarm-queue-count (data-count), alarm-prev, alarm-next, alarm-mute, alarm-minimize (collapse),
 * alarm-badge (the collapsed strip: expand), alarm-sound-blocked.
 */
export function AlarmCentre({ store, user, wall, openSection, showOnMap, onArrivals, popUp = true, children }: AlarmCentreProps) {
  const client = useGatewayClient();
  const toast = useToast();
  const { t, lang } = useI18n();
  const sync = useAlarmSync(store)!;
  const transport = useGatewaySelector((s) => s.transport);
  useEffect(() => store.setPolling(transport === 'polling'), [store, transport]);

  // Who cannot act on alarms (a technician) is not interrupted: no dock of its own accord, no sound (issue 13).
  const attention = alarmAttention(user.role);
  const queue = useMemo(() => queueOf(sync.byId), [sync.byId]);
  const queueIds = useMemo(() => queue.map((a) => a.id), [queue]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const prevIds = useRef<readonly string[]>([]);
  useEffect(() => {
    setCurrentId((cur) => nextCurrent(prevIds.current, queueIds, cur));
    prevIds.current = queueIds;
  }, [queueIds]);

  const [pinnedId, setPinnedId] = useState<string | null>(null);
  const [minimized, setMinimized] = useState(false);
  const [muted, setMuted] = useState(() => readMuted(storage()));
  const [audio] = useState(() => new AlarmAudio());
  const [soundBlocked, setSoundBlocked] = useState(false);
  useEffect(() => {
    audio.armUnlock();
    const off = audio.onChange(() => setSoundBlocked((b) => b && audio.blocked));
    return () => {
      off();
      audio.close();
    };
  }, [audio]);

  // Arrivals: bring the pop-up up, play the loudest sound, apply the rules to the operator's wall.
  const seen = useRef(new Set<string>());
  const interrupted = useRef(new Set<string>());
  const { runner, saved } = wall;
  const arrivalsRef = useRef(onArrivals);
  arrivalsRef.current = onArrivals;
  const popUpRef = useRef(popUp);
  popUpRef.current = popUp;
  useEffect(() => {
    const fresh: AlarmDto[] = [];
    for (const id of sync.arrivals) {
      if (seen.current.has(id)) continue;
      seen.current.add(id);
      const a = sync.byId.get(id);
      if (a && a.state === 'new') fresh.push(a);
    }
    const what = announce(attention, fresh, { muted: muted || !popUpRef.current, tourRunning: runner.running !== null });
    if (!what.open) return;
    // A desktop alarm window (when open) takes the pop-up and the sound; this console's dock stays a count.
    arrivalsRef.current?.(fresh);
    setMinimized(!popUpRef.current);
    if (what.sound !== 'none' && !audio.play(what.sound)) setSoundBlocked(true);
    if (what.interruptCameras.length) {
      runner.interrupt(what.interruptCameras, Date.now() + INTERRUPT_MAX_MS);
      for (const id of what.interruptedBy) interrupted.current.add(id);
    }
  }, [sync.arrivals, sync.byId, muted, audio, runner, attention]);

  // The tour carries on once every alarm that interrupted it has been handled (by anyone).
  useEffect(() => {
    if (interrupted.current.size === 0) return;
    for (const id of [...interrupted.current]) if (sync.byId.get(id)?.state !== 'new') interrupted.current.delete(id);
    if (interrupted.current.size === 0) runner.resume();
  }, [sync.byId, runner]);

  const pinned = pinnedId ? sync.byId.get(pinnedId) : undefined;
  useEffect(() => {
    if (pinnedId && pinned && !isOpen(pinned)) setPinnedId(null);
  }, [pinnedId, pinned]);
  // A quiet console shows only what the user opened (a map marker, a list row), read-only.
  const shown = pinned ?? (currentId && attention === 'popup' ? sync.byId.get(currentId) : undefined) ?? null;

  const openAlarm = useCallback(
    (id: string) => {
      setPinnedId(id);
      setMinimized(false);
      if (!store.getSnapshot().byId.has(id)) client.getAlarm(id).then(store.put, (e: unknown) => toast('error', t('alarm.actionFailed', { message: toGatewayError(e).message })));
    },
    [store, client, toast, t],
  );
  const api = useMemo<AlarmCentreApi>(() => ({ store, user, openAlarm, showOnMap, openSection }), [store, user, openAlarm, showOnMap, openSection]);

  const toggleMute = () => {
    setMuted((m) => {
      try {
        storage()?.setItem(MUTE_STORAGE_KEY, m ? '0' : '1');
      } catch {
        // private mode: the choice lasts for this session
      }
      return !m;
    });
  };
  const step = (dir: 1 | -1) => {
    setPinnedId(null);
    setCurrentId((cur) => stepQueue(queueIds, cur, dir));
  };
  const applyLayout = (layoutId: string) => {
    client.getLayout(layoutId).then(
      (dto) => {
        saved.open(dto);
        openSection('wall');
      },
      (e: unknown) => toast('error', t('alarm.actionFailed', { message: toGatewayError(e).message })),
    );
  };

  const position = shown ? queueIds.indexOf(shown.id) : -1;
  const action = shown?.actions[0] ?? null;
  const detailText = shown ? alarmDetailText(t, shown) : null;

  const expanded = shown !== null && !minimized;
  const collapsed = minimized && queueIds.length > 0 && attention === 'popup';
  const dock = (expanded || collapsed) && (
    <aside className={`alarm-dock${collapsed ? ' collapsed' : ''}`} data-testid="alarm-dock" data-collapsed={collapsed} aria-label={t('alarm.dockLabel')}>
      {shown && expanded && (
        <section
          className={`alarm-popup severity-${shown.severity}`}
          role="alertdialog"
          aria-label={t('alarm.popupLabel', { type: typeLabel(t, shown.type) })}
          data-testid="alarm-popup"
          data-alarm-id={shown.id}
          data-camera-id={shown.cameraId ?? ''}
          data-severity={shown.severity}
          data-state={shown.state}
        >
          <header className="alarm-popup-head">
            <span className={`alarm-severity severity-${shown.severity}`}>{severityLabel(t, shown.severity)}</span>
            <strong className="alarm-popup-type">{typeLabel(t, shown.type)}</strong>
            {shown.count > 1 && <span className="alarm-count" title={t('alarm.countTitle')}>{t('alarm.count', { count: shown.count })}</span>}
            <span className="alarm-spacer" />
            <button type="button" className="icon-button" data-testid="alarm-prev" disabled={queueIds.length < 2} aria-label={t('alarm.prev')} title={t('alarm.prev')} onClick={() => step(-1)}>
              ‹
            </button>
            <span className="alarm-queue-count" data-testid="alarm-queue-count" data-count={queueIds.length}>
              {position >= 0 ? t('alarm.queuePos', { n: position + 1, total: queueIds.length }) : t('alarm.queueTotal', { total: queueIds.length })}
            </span>
            <button type="button" className="icon-button" data-testid="alarm-next" disabled={queueIds.length < 2} aria-label={t('alarm.next')} title={t('alarm.next')} onClick={() => step(1)}>
              ›
            </button>
            <button type="button" className={`icon-button alarm-mute${muted ? ' active' : ''}`} data-testid="alarm-mute" aria-pressed={muted} title={muted ? t('alarm.unmute') : t('alarm.mute')} onClick={toggleMute}>
              {muted ? t('alarm.muted') : t('alarm.sound')}
            </button>
            <button
              type="button"
              className="icon-button"
              data-testid="alarm-minimize"
              aria-label={t('alarm.minimize')}
              title={t('alarm.minimize')}
              onClick={() => {
                setMinimized(true);
                setPinnedId(null);
              }}
            >
              –
            </button>
          </header>
          {soundBlocked && !muted && (
            <div className="alarm-sound-blocked" data-testid="alarm-sound-blocked">
              {t('alarm.soundBlocked')}
            </div>
          )}
          <div className="alarm-popup-media">
            <AlarmVideo key={shown.id} cameraId={shown.cameraId} />
            <AlarmClip alarmId={shown.id} canPlay={!!shown.cameraId && roleHas(user.role, 'camera.playback')} fallback={<AlarmSnapshot alarmId={shown.id} hasSnapshot={shown.hasSnapshot} />} />
          </div>
          <dl className="alarm-facts">
            <dt>{t('alarm.title')}</dt>
            <dd className="alarm-title" title={alarmTitleText(t, shown).title}>
              {alarmTitleText(t, shown).text}
            </dd>
            <dt>{t('alarm.place')}</dt>
            <dd>{[shown.orgUnitName ?? shown.orgUnitId, shown.cameraName].filter(Boolean).join(' · ')}</dd>
            <dt>{t('alarm.time')}</dt>
            <dd>
              {formatDateTime(shown.occurredAt, lang, { seconds: true })}
              {shown.count > 1 && ` · ${t('alarm.lastAt', { time: formatDateTime(shown.lastAt, lang, { seconds: true }) })}`}
            </dd>
            <dt>{t('alarm.stateLabel')}</dt>
            <dd>
              {stateLabel(t, shown.state)}
              {shown.assignedToName && ` · ${t('alarm.assignedTo', { name: shown.assignedToName })}`}
            </dd>
            {detailText && (
              <>
                <dt>{t('alarm.detail')}</dt>
                <dd title={detailText.title} data-testid="alarm-popup-detail">
                  {detailText.text}
                </dd>
              </>
            )}
            <dt>{t('alarm.sourceLabel')}</dt>
            <dd>{alarmSourceText(t, shown.source)}</dd>
            {action && (
              <>
                <dt>{t('alarm.plan')}</dt>
                <dd>
                  {action.ruleName}
                  {action.wallId && ` · ${t('alarm.planWall', { wall: action.wallId })}`}
                  {action.interruptTour && ` · ${t('alarm.planInterrupt')}`}
                  {action.layoutId && !action.wallId && (
                    <button type="button" className="link-button" data-testid="alarm-apply-layout" onClick={() => applyLayout(action.layoutId!)}>
                      {t('alarm.applyLayout')}
                    </button>
                  )}
                </dd>
              </>
            )}
          </dl>
          <AlarmActions alarm={shown} user={user} onUpdated={store.put} onShowOnMap={showOnMap} openSection={openSection} />
          <span className="alarm-sound-choice" hidden data-sound={soundFor(shown)} />
        </section>
      )}
      {collapsed && (
        <button type="button" className="alarm-badge" data-testid="alarm-badge" data-count={queueIds.length} title={t('alarm.expand')} onClick={() => setMinimized(false)}>
          {t('alarm.badge', { count: queueIds.length })}
        </button>
      )}
    </aside>
  );

  return <AlarmCentreContext.Provider value={api}>{children(dock || null)}</AlarmCentreContext.Provider>;
}
