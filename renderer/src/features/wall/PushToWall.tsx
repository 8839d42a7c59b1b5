import { useCallback, useState, type FormEvent } from 'react';
import type { WallCommand } from '../../../../contracts/src/layout';
import { wallHref } from '../../components/route';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import type { WallDto } from '../../gateway/gateway-types';
import { useGatewayClient } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { Popover } from '../../components/ui/Popover';
import { screenCommand } from './layout-dto';
import type { SavedLayouts } from './use-saved-layouts';
import type { WallState } from './wall-layout';

export interface PushToWallProps {
  saved: SavedLayouts;
  /** What is on screen now: pushed as it is, saved or not (a push never writes a saved layout). */
  state: WallState;
  /** Camera of the selected tile, if any. */
  selectedCameraId: string | null;
  /** The tour running here, if any (pushed as start-tour after the layout). */
  tourId: string | null;
}

const WALL_ID = /^[A-Za-z0-9_-]{1,64}$/;
const TARGET_KEY = 'cvc.wall.push-target';

/** The wall pushed to last is offered first next time. */
function storedTarget(): string | null {
  try {
    return window.localStorage.getItem(TARGET_KEY);
  } catch {
    return null;
  }
}
function storeTarget(id: string): void {
  try {
    window.localStorage.setItem(TARGET_KEY, id);
  } catch {
    // storage disabled: the first wall is offered
  }
}

/**
 * 推送到大屏 (roles with wall.control): the walls the gateway knows, and what to send to one — what is on screen
 * (its cells, unsaved changes included; no saved layout is created or changed), the selected camera, the running
 * tour, or stop its tour.
 */
export function PushToWall({ saved, state, selectedCameraId, tourId }: PushToWallProps) {
  const t = useT();
  const toast = useToast();
  const client = useGatewayClient();
  const [open, setOpen] = useState(false);
  const [walls, setWalls] = useState<WallDto[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [chosen, setChosenState] = useState<string | null>(storedTarget);
  const setChosen = (id: string) => {
    setChosenState(id);
    storeTarget(id);
  };
  const [busy, setBusy] = useState(false);
  const [newId, setNewId] = useState('');
  const [newName, setNewName] = useState('');
  const [idProblem, setIdProblem] = useState(false);
  const layoutNames = new Map(saved.items.map((l) => [l.id, l.name]));
  const wall = walls?.find((w) => w.id === chosen) ?? walls?.[0] ?? null;

  const refresh = useCallback(() => {
    client.listWalls().then(
      (list) => {
        setWalls(list);
        setListError(null);
      },
      (e: unknown) => setListError(toGatewayError(e).message),
    );
  }, [client]);

  const toggle = (next: boolean) => {
    if (next) refresh();
    setOpen(next);
  };

  const send = async (commands: WallCommand[]) => {
    if (!wall) return;
    setBusy(true);
    try {
      for (const command of commands) await client.sendWallCommand(wall.id, command);
      toast('success', t('push.sent', { wall: wall.name }));
      refresh();
    } catch (e) {
      toast('error', t('push.failed', { message: toGatewayError(e).message }));
    } finally {
      setBusy(false);
    }
  };

  const showing = (w: WallDto): string => {
    if (w.layoutId) return t('push.wallLayout', { name: layoutNames.get(w.layoutId) ?? w.layoutId });
    if (w.cells) return w.cells.name ? t('push.wallCells', { name: w.cells.name, n: w.cells.cells.length }) : t('push.wallScreen', { n: w.cells.cells.length });
    return t('push.wallNoLayout');
  };

  const addWall = (e: FormEvent) => {
    e.preventDefault();
    const id = newId.trim();
    if (!WALL_ID.test(id)) return setIdProblem(true);
    // Adding a wall that exists renames it and keeps the layout it shows.
    const existing = walls?.find((w) => w.id === id);
    client.saveWall(id, { name: newName.trim() || existing?.name || id, layoutId: existing?.layoutId ?? null }).then(
      (w) => {
        setWalls((list) => [...(list ?? []).filter((x) => x.id !== w.id), w].sort((a, b) => a.id.localeCompare(b.id)));
        setChosen(w.id);
        setNewId('');
        setNewName('');
      },
      (err: unknown) => toast('error', t('push.failed', { message: toGatewayError(err).message })),
    );
  };

  return (
    <Popover
      open={open}
      onOpenChange={toggle}
      button={
        <>
          <span className="push-icon" aria-hidden="true" />
          <span className="toolbar-label">{t('push.button')}</span>
        </>
      }
      buttonTitle={t('push.title')}
      buttonTestId="push-to-wall"
      panelLabel={t('push.title')}
      panelClassName="push-panel"
    >
      <section className="panel-section">
        <div className="panel-heading">{t('push.title')}</div>
        {listError && <div className="form-error">{t('push.listFailed', { message: listError })}</div>}
        {walls === null && !listError && <div className="panel-note">{t('push.loading')}</div>}
        {walls?.length === 0 && <div className="panel-note">{t('push.noWalls')}</div>}
        <ul className="saved-list" role="listbox">
          {walls?.map((w) => (
            <li key={w.id} className={`saved-row${wall?.id === w.id ? ' active' : ''}`} role="option" aria-selected={wall?.id === w.id}>
              <button type="button" className="saved-open" data-testid={`wall-item-${w.id}`} onClick={() => setChosen(w.id)}>
                <span className="saved-name">{w.name}</span>
                <span className="saved-note">{showing(w)}</span>
              </button>
              <a className="icon-button" href={wallHref(w.id)} target="_blank" rel="noopener" title={t('push.open')} aria-label={t('push.open')}>
                ↗
              </a>
            </li>
          ))}
        </ul>
        <div className="button-column">
          <button type="button" className="primary small" disabled={!wall || busy} data-testid="push-layout" title={t('push.layoutHint')} onClick={() => void send([screenCommand(state)])}>
            {t('push.layout')}
          </button>
          <button
            type="button"
            className="ghost"
            disabled={!wall || busy || !selectedCameraId}
            data-testid="push-camera"
            onClick={() => selectedCameraId && void send([{ type: 'show-camera', cameraId: selectedCameraId }])}
          >
            {t('push.camera')}
          </button>
          {tourId && (
            <button type="button" className="ghost" disabled={!wall || busy} data-testid="push-tour" onClick={() => void send([screenCommand(state), { type: 'start-tour', tourId }])}>
              {t('push.tour')}
            </button>
          )}
          <button type="button" className="ghost" disabled={!wall || busy} data-testid="push-stop-tour" onClick={() => void send([{ type: 'stop-tour' }])}>
            {t('push.stopTour')}
          </button>
        </div>
      </section>
      <section className="panel-section">
        <div className="panel-heading">{t('push.newWall')}</div>
        <form className="name-form" onSubmit={addWall}>
          <input
            type="text"
            value={newId}
            placeholder={t('push.wallId')}
            aria-label={t('push.wallId')}
            data-testid="wall-id-input"
            onChange={(e) => {
              setNewId(e.target.value);
              setIdProblem(false);
            }}
          />
          <input type="text" value={newName} maxLength={64} placeholder={t('push.wallName')} aria-label={t('push.wallName')} data-testid="wall-name-input" onChange={(e) => setNewName(e.target.value)} />
          {idProblem && <div className="form-error">{t('push.invalidId')}</div>}
          <button type="submit" className="ghost" data-testid="wall-add">
            {t('push.add')}
          </button>
        </form>
      </section>
    </Popover>
  );
}
