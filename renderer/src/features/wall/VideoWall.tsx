import type { StreamProfile } from '../../../../contracts/src/camera';
import { useT } from '../../i18n/use-t';
import { VideoTile } from '../player';
import { cellGridStyle, gridTemplate } from './layout-geometry';
import { presetOf } from './layout-presets';
import type { WallControls } from './use-wall-layout';
import { cellCount, visibleIndices } from './wall-layout';

/** console: the operator edits the wall; touring: a tour owns the cells (select, enlarge, snapshot only); display: a wall screen, hands off. */
export type WallMode = 'console' | 'touring' | 'display';

export interface VideoWallProps {
  wall: WallControls;
  /** Camera per cell to show instead of the layout's own (a running tour). */
  cameras?: readonly (string | null)[] | null;
  /** Camera per cell of a tour's next page, shortly before the turn: each tile warms its next stream. */
  upcoming?: readonly (string | null)[] | null;
  /** Profile for an enlarged tile: main when the role may open main streams. */
  enlargedProfile: StreamProfile;
  mode?: WallMode;
  onSnapshot?: (cameraId: string, cameraName: string) => void;
}

const noop = () => undefined;

/**
 * The cells of the layout on a CSS grid (merged cells span rows and columns), or the enlarged cell alone. Where the
 * role may open main streams, each tile picks main or sub by its drawn size (a large cell plays main). Cells not shown are unmounted: no streams. Test contract: data-testid="wall", data-grid (number of cells),
 * data-layout (preset name or "custom"), data-enlarged.
 */
export function VideoWall({ wall, cameras = null, upcoming = null, enlargedProfile, mode = 'console', onSnapshot }: VideoWallProps) {
  const t = useT();
  const { state } = wall;
  const single = state.enlarged !== null;
  const editable = mode === 'console';
  const cameraAt = (index: number) => (cameras ? (cameras[index] ?? null) : (state.tiles[index] ?? null));
  const toggle = mode === 'touring' ? (index: number) => wall.toggleEnlarge(index, cameraAt(index) !== null) : wall.toggleEnlarge;
  return (
    <section
      className={`wall wall-${mode}`}
      aria-label={t('wall.label')}
      data-testid="wall"
      data-grid={cellCount(state)}
      data-layout={presetOf(state.shape) ?? 'custom'}
      data-enlarged={state.enlarged ?? ''}
      style={single ? gridTemplate({ cols: 1, rows: 1 }) : gridTemplate(state.shape)}
    >
      {visibleIndices(state).map((index) => {
        const cell = state.shape.cells[index];
        return (
          <div key={index} className="wall-cell" style={single || !cell ? undefined : cellGridStyle(cell)}>
            <VideoTile
              index={index}
              cameraId={cameraAt(index)}
              profile={single ? enlargedProfile : 'sub'}
              mainAllowed={enlargedProfile === 'main'}
              selected={mode !== 'display' && state.selected === index}
              enlarged={single}
              onSelect={mode === 'display' ? noop : wall.select}
              onToggleEnlarge={mode === 'display' ? noop : toggle}
              onDropIntent={editable ? wall.drop : noop}
              onClear={editable ? wall.clear : noop}
              onSnapshot={mode === 'display' ? undefined : onSnapshot}
              readOnly={!editable}
              upcomingCameraId={single ? null : (upcoming?.[index] ?? null)}
            />
          </div>
        );
      })}
    </section>
  );
}
