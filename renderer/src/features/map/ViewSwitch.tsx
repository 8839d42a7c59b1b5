import { useT } from '../../i18n/use-t';

export type MainView = 'wall' | 'map';
const VIEWS: readonly MainView[] = ['wall', 'map'];

/** Wall | Map switch for the main area. */
export function ViewSwitch({ view, onChange }: { view: MainView; onChange: (view: MainView) => void }) {
  const t = useT();
  return (
    <div className="segmented view-switch" role="group" aria-label={t('view.label')}>
      {VIEWS.map((v) => (
        <button key={v} type="button" className={v === view ? 'active' : ''} aria-pressed={v === view} data-testid={`view-switch-${v}`} onClick={() => onChange(v)}>
          {t(`view.${v}`)}
        </button>
      ))}
    </div>
  );
}
