import { useMemo, useState, type FormEvent } from 'react';
import type { TourDto } from '../../../../contracts/src/layout';
import { toGatewayError } from '../../gateway/gateway-error';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { orgLabel } from '../../components/ui/org-units';
import { CameraPicker } from './CameraPicker';
import { draftFromTour, draftToTour, DWELL_MAX_SEC, DWELL_MIN_SEC, resolveTourCameras, type TourDraft, type TourDraftProblem } from './tour-cameras';
import type { ToursApi } from './use-tours';

export interface TourEditorProps {
  tour: TourDto | null;
  /** Cameras on the wall now: the default pick of a new tour and the "add the wall's cameras" button. */
  onWall: readonly string[];
  mayShare: boolean;
  tours: ToursApi;
  onDone: (saved: TourDto | null) => void;
}

const LEVEL_ORDER = { county: 0, township: 1, village: 2 } as const;

/** Create or edit a tour: name, dwell, and cameras picked in a tree or a whole area (tree node). */
export function TourEditor({ tour, onWall, mayShare, tours, onDone }: TourEditorProps) {
  const { t, lang } = useI18n();
  const orgUnits = useGatewaySelector((s) => s.orgUnits);
  const cameras = useGatewaySelector((s) => s.cameras);
  const [draft, setDraft] = useState<TourDraft>(() => draftFromTour(tour, { cameraIds: onWall }));
  const [problems, setProblems] = useState<TourDraftProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<TourDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setProblems([]);
    setFailure(null);
  };

  const orgOptions = useMemo(
    () =>
      [...orgUnits]
        .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.id.localeCompare(b.id))
        .map((u) => ({ id: u.id, label: t('tour.orgOption', { name: orgLabel(u, lang), n: resolveTourCameras({ cameraIds: [], orgUnitId: u.id }, cameras, orgUnits).length }) })),
    [orgUnits, cameras, lang, t],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = draftToTour(draft);
    if (!checked.ok) return setProblems(checked.problems);
    setBusy(true);
    tours.save(tour?.id ?? null, checked.tour).then(
      (saved) => {
        setBusy(false);
        onDone(saved);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(toGatewayError(error).message);
      },
    );
  };

  return (
    <form className="tour-editor" onSubmit={submit} data-testid="tour-editor">
      <label className="field">
        <span>{t('tour.name')}</span>
        <input type="text" value={draft.name} maxLength={64} autoFocus data-testid="tour-name-input" onChange={(e) => update({ name: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('tour.dwell')}</span>
        <input type="number" min={DWELL_MIN_SEC} max={DWELL_MAX_SEC} step={1} value={draft.dwellSec} data-testid="tour-dwell-input" onChange={(e) => update({ dwellSec: e.target.value })} />
      </label>
      <div className="segmented source-switch" role="radiogroup">
        {(['cameras', 'org'] as const).map((source) => (
          <button key={source} type="button" role="radio" aria-checked={draft.source === source} className={draft.source === source ? 'active' : ''} data-testid={`tour-source-${source}`} onClick={() => update({ source })}>
            {t(`tour.source.${source}`)}
          </button>
        ))}
      </div>
      {draft.source === 'cameras' ? (
        <>
          <div className="button-row">
            <span className="panel-note">{t('tour.picked', { n: draft.cameraIds.length })}</span>
            <button type="button" className="ghost small" data-testid="tour-add-wall" disabled={onWall.length === 0} onClick={() => update({ cameraIds: [...new Set([...draft.cameraIds, ...onWall])] })}>
              {t('tour.addOnWall')}
            </button>
            <button type="button" className="ghost small" disabled={draft.cameraIds.length === 0} onClick={() => update({ cameraIds: [] })}>
              {t('tour.clearPicked')}
            </button>
          </div>
          <CameraPicker picked={draft.cameraIds} onChange={(cameraIds) => update({ cameraIds })} />
        </>
      ) : (
        <label className="field">
          <span>{t('tour.org')}</span>
          <select value={draft.orgUnitId ?? ''} data-testid="tour-org-select" onChange={(e) => update({ orgUnitId: e.target.value || null })}>
            <option value="">{t('tour.orgPlaceholder')}</option>
            {orgOptions.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {mayShare && (
        <label className="check-row">
          <input type="checkbox" checked={draft.shared} data-testid="tour-share" onChange={(e) => update({ shared: e.target.checked })} />
          {t('tour.share')}
        </label>
      )}
      {problems.map((p) => (
        <div key={p} className="form-error">
          {t(`tour.problem.${p}`)}
        </div>
      ))}
      {failure && <div className="form-error">{t('tour.failed', { message: failure })}</div>}
      <div className="button-row">
        <button type="submit" className="primary small" disabled={busy} data-testid="tour-save">
          {t('tour.save')}
        </button>
        <button type="button" className="ghost" onClick={() => onDone(null)}>
          {t('tour.cancel')}
        </button>
      </div>
    </form>
  );
}
