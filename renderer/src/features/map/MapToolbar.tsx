import { useI18n } from '../../i18n/use-t';
import type { SelectMode } from './selection-tool';
import { WALL_MAX_CAMERAS } from './send-to-wall';

export interface MapToolbarProps {
  mode: SelectMode;
  onMode: (mode: SelectMode) => void;
  selectedCount: number;
  onClear: () => void;
  onSend: () => void;
  canMove: boolean;
  adjusting: boolean;
  onAdjust: (on: boolean) => void;
  onZoom: (delta: 1 | -1) => void;
  onFit: (() => void) | null;
}

/** Selection tools, send-to-wall, the technicians' adjust mode (left); zoom and fit (right). */
export function MapToolbar(p: MapToolbarProps) {
  const { t } = useI18n();
  const toggle = (mode: SelectMode) => p.onMode(p.mode === mode ? 'none' : mode);
  return (
    <>
      <div className="map-toolbar map-overlay" role="toolbar" aria-label={t('map.label')}>
        <div className="segmented">
          <button type="button" className={p.mode === 'box' ? 'active' : ''} aria-pressed={p.mode === 'box'} title={t('map.selectBoxTitle')} data-testid="map-select-box" onClick={() => toggle('box')}>
            <span className="map-icon map-icon-box" aria-hidden="true" />
            {t('map.selectBox')}
          </button>
          <button type="button" className={p.mode === 'lasso' ? 'active' : ''} aria-pressed={p.mode === 'lasso'} title={t('map.selectLassoTitle')} data-testid="map-select-lasso" onClick={() => toggle('lasso')}>
            <span className="map-icon map-icon-lasso" aria-hidden="true" />
            {t('map.selectLasso')}
          </button>
        </div>
        {p.selectedCount > 0 && (
          <>
            <span className="map-selected" data-testid="map-selected-count">
              {t('map.selected', { count: p.selectedCount })}
            </span>
            <button type="button" className="ghost" onClick={p.onClear}>
              {t('map.clearSelection')}
            </button>
          </>
        )}
        <button
          type="button"
          className="primary map-send"
          disabled={p.selectedCount === 0}
          data-testid="map-send-to-wall"
          data-count={p.selectedCount}
          title={t('map.sendToWallTitle', { count: p.selectedCount, max: WALL_MAX_CAMERAS })}
          onClick={p.onSend}
        >
          {t('map.sendToWall')}
          {p.selectedCount > 0 && <span className="map-send-count">{Math.min(p.selectedCount, WALL_MAX_CAMERAS)}</span>}
        </button>
        {p.canMove && (
          <button
            type="button"
            className={`ghost map-adjust${p.adjusting ? ' active' : ''}`}
            aria-pressed={p.adjusting}
            title={t('map.adjustTitle')}
            data-testid="map-adjust-positions"
            onClick={() => p.onAdjust(!p.adjusting)}
          >
            {t('map.adjust')}
          </button>
        )}
      </div>
      <div className="map-zoom map-overlay" role="group">
        <button type="button" aria-label={t('map.zoomIn')} title={t('map.zoomIn')} onClick={() => p.onZoom(1)}>
          +
        </button>
        <button type="button" aria-label={t('map.zoomOut')} title={t('map.zoomOut')} onClick={() => p.onZoom(-1)}>
          −
        </button>
        {p.onFit && (
          <button type="button" className="map-fit" title={t('map.fitTitle')} onClick={p.onFit}>
            {t('map.fit')}
          </button>
        )}
      </div>
    </>
  );
}
