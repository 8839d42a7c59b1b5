import { PtzMount } from './PtzMount';
import { TourIndicator } from '../tours';
import type { WallConsole } from './use-wall-console';
import { useWallShortcuts } from './use-wall-shortcuts';
import { VideoWall } from './VideoWall';
import './wall.css';

/** The wall area of the console: the tour indicator (while a tour runs) above the wall; the keyboard shortcuts. */
export function WallWorkspace({ console: c }: { console: WallConsole }) {
  const touring = c.runner.running !== null;
  // Only while the wall is shown: on the map the arrow keys belong to the map.
  useWallShortcuts(true, c.onShortcut);
  return (
    <div className="wall-workspace">
      <TourIndicator runner={c.runner} />
      <div className="wall-workspace-grid">
        <VideoWall wall={c.wall} cameras={c.runner.cameras} upcoming={c.runner.upcoming} enlargedProfile={c.enlargedProfile} mode={touring ? 'touring' : 'console'} onSnapshot={c.snapshot} />
        <PtzMount console={c} />
      </div>
    </div>
  );
}
