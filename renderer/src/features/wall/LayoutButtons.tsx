import { useT } from '../../i18n/use-t';
import { SQUARE_GRIDS, type GridSize, type PresetName } from './layout-presets';

export interface LayoutButtonsProps {
  /** The preset the wall shows, null for a custom layout. */
  preset: PresetName | null;
  enlarged: boolean;
  onChange: (grid: GridSize) => void;
}

/** The square grids 1 … 36 (Alt+1 … Alt+6), as plain numbers to keep the top bar short. Test ids layout-1 … layout-36. */
export function LayoutButtons({ preset, enlarged, onChange }: LayoutButtonsProps) {
  const t = useT();
  return (
    <div className="segmented layout-buttons" role="group" aria-label={t('topbar.layout')}>
      {SQUARE_GRIDS.map((n, i) => {
        const active = preset === `${n}` && !enlarged;
        return (
          <button
            key={n}
            type="button"
            className={active ? 'active' : ''}
            aria-pressed={active}
            title={`${t('topbar.layoutN', { n })} (Alt+${i + 1})`}
            data-testid={`layout-${n}`}
            onClick={() => onChange(n)}
          >
            {n}
          </button>
        );
      })}
    </div>
  );
}
