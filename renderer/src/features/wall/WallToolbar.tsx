import { TourPanel } from '../tours';
import { LayoutButtons } from './LayoutButtons';
import { LayoutsMenu } from './LayoutsMenu';
import { presetOf } from './layout-presets';
import { PushToWall } from './PushToWall';
import { ShortcutHelp } from './ShortcutHelp';
import type { WallConsole } from './use-wall-console';
import './wall.css';

/** The wall's controls in the top bar: square grids, layouts menu, tours, push to a wall, shortcut help. */
export function WallToolbar({ console: c }: { console: WallConsole }) {
  const { wall, saved, runner, user, menu } = c;
  const { state } = wall;
  return (
    <div className="wall-toolbar">
      <LayoutButtons preset={presetOf(state.shape)} enlarged={state.enlarged !== null} onChange={wall.setGrid} />
      <LayoutsMenu
        state={state}
        saved={saved}
        userId={user.id}
        mayShare={c.mayShare}
        open={menu.open}
        onOpenChange={menu.setOpen}
        form={menu.form}
        onFormChange={menu.setForm}
        onPreset={(name) => {
          wall.setPreset(name);
        }}
      />
      <TourPanel
        tours={c.tours}
        userId={user.id}
        isAdmin={user.role === 'admin'}
        mayShare={c.mayShare}
        onWall={[...c.onWall]}
        runningId={runner.running?.id ?? null}
        onStart={(tour, ids) => runner.start(tour, ids)}
      />
      {c.canPush && <PushToWall saved={saved} state={state} selectedCameraId={c.selectedCameraId} tourId={runner.running?.id ?? null} />}
      <ShortcutHelp />
    </div>
  );
}
