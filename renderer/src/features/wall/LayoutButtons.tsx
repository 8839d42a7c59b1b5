import { useT } from '../../i18n/use-t';
import { GRID_SIZES, type GridSize } from './wall-layout';

export function LayoutButtons({ grid, enlarged, onChange }: { grid: GridSize; enlarged: boolean; onChange: (grid: GridSize) => void }) {
  const t = useT();
  return (
    <div className="segmented" role="group" aria-label={t('topbar.layout')}>
      {GRID_SIZES.map((n) => {
        const active = n === grid && !enlarged;
        return (
          <button key={n} type="button" className={active ? 'active' : ''} aria-pressed={active} title={t('topbar.layoutN', { n })} data-testid={`layout-${n}`} onClick={() => onChange(n)}>
            <span className={`layout-icon layout-icon-${n}`} aria-hidden="true" />
            {n}
          </button>
        );
      })}
    </div>
  );
}
