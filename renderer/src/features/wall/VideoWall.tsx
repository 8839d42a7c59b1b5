import type { StreamProfile } from '../../../../contracts/src/camera';
import { useT } from '../../i18n/use-t';
import { VideoTile } from '../player/VideoTile';
import type { WallControls } from './use-wall-layout';
import { gridDimensions, visibleIndices } from './wall-layout';

export interface VideoWallProps {
  wall: WallControls;
  /** Profile for an enlarged tile: main when the role may open main streams. */
  enlargedProfile: StreamProfile;
}

/** The grid of tiles, or the enlarged tile alone (on the main profile). Hidden tiles are unmounted: no streams. */
export function VideoWall({ wall, enlargedProfile }: VideoWallProps) {
  const t = useT();
  const { state } = wall;
  const single = state.enlarged !== null;
  const { cols, rows } = single ? { cols: 1, rows: 1 } : gridDimensions(state.grid);
  return (
    <section
      className="wall"
      aria-label={t('wall.label')}
      data-testid="wall"
      data-grid={state.grid}
      data-enlarged={state.enlarged ?? ''}
      style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}
    >
      {visibleIndices(state).map((index) => (
        <VideoTile
          key={index}
          index={index}
          cameraId={state.tiles[index] ?? null}
          profile={single ? enlargedProfile : 'sub'}
          selected={state.selected === index}
          enlarged={single}
          onSelect={wall.select}
          onToggleEnlarge={wall.toggleEnlarge}
          onDropIntent={wall.drop}
          onClear={wall.clear}
        />
      ))}
    </section>
  );
}
