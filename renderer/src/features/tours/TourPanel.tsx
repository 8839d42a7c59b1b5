import { useState } from 'react';
import type { TourDto } from '../../../../contracts/src/layout';
import { useToast } from '../../components/ui/toasts';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';
import { Popover } from '../../components/ui/Popover';
import { resolveTourCameras } from './tour-cameras';
import { TourEditor } from './TourEditor';
import type { ToursApi } from './use-tours';

export interface TourPanelProps {
  tours: ToursApi;
  userId: string;
  isAdmin: boolean;
  mayShare: boolean;
  /** Cameras on the wall now (default pick of a new tour). */
  onWall: readonly string[];
  runningId: string | null;
  onStart: (tour: TourDto, cameraIds: string[]) => void;
}

/** 轮巡 in the top bar: the tours, start one on the current layout, create / edit / delete. */
export function TourPanel({ tours, userId, isAdmin, mayShare, onWall, runningId, onStart }: TourPanelProps) {
  const t = useT();
  const toast = useToast();
  const cameras = useGatewaySelector((s) => s.cameras);
  const orgUnits = useGatewaySelector((s) => s.orgUnits);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [editing, setEditing] = useState<TourDto | 'new' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const selected = tours.items.find((x) => x.id === (chosen ?? runningId)) ?? tours.items[0] ?? null;

  const toggle = (next: boolean) => {
    if (next) tours.refresh();
    else setEditing(null);
    setOpen(next);
  };
  const start = () => {
    if (!selected) return;
    const ids = resolveTourCameras(selected, cameras, orgUnits);
    if (ids.length === 0) return toast('error', t('tour.noCameras', { name: selected.name }));
    onStart(selected, ids);
    toggle(false);
  };
  const remove = (tour: TourDto) => {
    tours.remove(tour.id).then(
      () => toast('success', t('tour.deleted', { name: tour.name })),
      (e: unknown) => toast('error', t('tour.failed', { message: toGatewayError(e).message })),
    );
  };

  return (
    <Popover
      open={open}
      onOpenChange={toggle}
      button={
        <>
          <span className="tour-icon" aria-hidden="true">
            ⟳
          </span>
          <span className="toolbar-label">{t('tour.menu')}</span>
        </>
      }
      buttonTitle={t('tour.title')}
      buttonTestId="tours-menu"
      panelLabel={t('tour.title')}
      panelClassName="tours-panel"
    >
      {editing ? (
        <TourEditor
          tour={editing === 'new' ? null : editing}
          onWall={onWall}
          mayShare={mayShare}
          tours={tours}
          onDone={(saved) => {
            setEditing(null);
            if (saved) {
              setChosen(saved.id);
              toast('success', t('tour.saved', { name: saved.name }));
            }
          }}
        />
      ) : (
        <section className="panel-section">
          <div className="panel-heading">{t('tour.title')}</div>
          {tours.error && <div className="form-error">{t('tour.failed', { message: tours.error })}</div>}
          {tours.loading && tours.items.length === 0 && <div className="panel-note">{t('tour.loading')}</div>}
          {!tours.loading && !tours.error && tours.items.length === 0 && <div className="panel-note">{t('tour.empty')}</div>}
          <ul className="saved-list" role="listbox">
            {tours.items.map((tour) => {
              const mine = tour.ownerId === userId || isAdmin;
              const count = resolveTourCameras(tour, cameras, orgUnits).length;
              return (
                <li key={tour.id} className={`saved-row${selected?.id === tour.id ? ' active' : ''}`} role="option" aria-selected={selected?.id === tour.id}>
                  <button type="button" className="saved-open" data-testid={`tour-item-${tour.id}`} onClick={() => setChosen(tour.id)} onDoubleClick={start}>
                    <span className="saved-name">{tour.name}</span>
                    <span className="saved-note">
                      {t('tour.summary', { n: count, sec: tour.dwellSec })}
                      {tour.visibility === 'everyone' ? ` · ${t('tour.sharedBadge')}` : ''}
                    </span>
                  </button>
                  {mine && (
                    <>
                      <button type="button" className="icon-button" title={t('tour.edit')} aria-label={t('tour.edit')} data-testid={`tour-edit-${tour.id}`} onClick={() => setEditing(tour)}>
                        ✎
                      </button>
                      {confirmDelete === tour.id ? (
                        <button type="button" className="danger small" autoFocus onBlur={() => setConfirmDelete(null)} onClick={() => remove(tour)}>
                          {t('tour.deleteConfirm')}
                        </button>
                      ) : (
                        <button type="button" className="icon-button" title={t('tour.delete')} aria-label={t('tour.delete')} data-testid={`tour-delete-${tour.id}`} onClick={() => setConfirmDelete(tour.id)}>
                          ×
                        </button>
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="button-row">
            <button type="button" className="primary small" disabled={!selected} data-testid="tour-start" onClick={start}>
              {t('tour.start')}
            </button>
            <button type="button" className="ghost" data-testid="tour-new" onClick={() => setEditing('new')}>
              {t('tour.new')}
            </button>
          </div>
        </section>
      )}
    </Popover>
  );
}
