import { useCallback, useMemo, useState } from 'react';
import type { SessionUserDto } from '../../../../contracts/src/auth';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { roleHas } from '../../../../contracts/src/permissions';
import { useToast } from '../../components/ui/toasts';
import { useT } from '../../i18n/use-t';
import { useTourRunner, type TourRunner, useTours, type ToursApi } from '../tours';
import type { LayoutForm } from './LayoutsMenu';
import { useSavedLayouts, type SavedLayouts } from './use-saved-layouts';
import { useTileSnapshot } from './use-tile-snapshot';
import { useWallLayout, type WallControls } from './use-wall-layout';
import { camerasInCells, cellCount } from './wall-layout';
import type { WallShortcut } from './wall-shortcuts';

export interface WallConsole {
  user: SessionUserDto;
  wall: WallControls;
  saved: SavedLayouts;
  tours: ToursApi;
  runner: TourRunner;
  mayShare: boolean;
  /** The role may drive video walls (wall.control): the push action is offered. */
  canPush: boolean;
  enlargedProfile: StreamProfile;
  /** Camera per cell as shown (a running tour's, else the layout's). */
  shown: readonly (string | null)[];
  /** Cameras shown on the wall (marked in the tree). */
  onWall: ReadonlySet<string>;
  selectedCameraId: string | null;
  /** A camera clicked in the tree. */
  placeCamera: (cameraId: string) => void;
  snapshot: (cameraId: string, cameraName: string) => void;
  menu: { open: boolean; setOpen: (open: boolean) => void; form: LayoutForm; setForm: (form: LayoutForm) => void };
  /** What a keyboard shortcut does (WallWorkspace listens while the wall is shown). */
  onShortcut: (shortcut: WallShortcut) => void;
}

/** Everything the operator console's wall needs: the layout, named layouts, tours, shortcut actions and snapshots. */
export function useWallConsole(user: SessionUserDto): WallConsole {
  const t = useT();
  const toast = useToast();
  const wall = useWallLayout();
  const mayShare = roleHas(user.role, 'layout.share');
  const canPush = roleHas(user.role, 'wall.control');
  const enlargedProfile: StreamProfile = roleHas(user.role, 'camera.live-main') ? 'main' : 'sub';
  const saved = useSavedLayouts(wall, user, mayShare);
  const tours = useTours();
  const runner = useTourRunner(cellCount(wall.state));
  const [menuOpen, setMenuOpen] = useState(false);
  const [form, setForm] = useState<LayoutForm>(null);
  const { state } = wall;
  const touring = runner.running !== null;

  const shown = useMemo(() => runner.cameras ?? camerasInCells(state), [runner.cameras, state]);
  const onWall = useMemo(() => new Set(shown.filter((id): id is string => !!id)), [shown]);
  const selectedCameraId = shown[state.selected] ?? null;

  const { placeNext } = wall;
  const placeCamera = useCallback(
    (cameraId: string) => {
      placeNext(cameraId);
      if (touring) toast('info', t('tour.placeWhileTouring'));
    },
    [placeNext, touring, toast, t],
  );

  const enlarged = state.enlarged;
  const profileFor = useCallback(() => (enlarged !== null ? enlargedProfile : 'sub'), [enlarged, enlargedProfile]);
  const snapshot = useTileSnapshot(profileFor);

  const onShortcut = useCallback(
    (s: WallShortcut) => {
      switch (s.type) {
        case 'grid':
          return wall.setGrid(s.grid);
        case 'move':
          return wall.move(s.dir);
        case 'toggle-enlarge':
          return wall.toggleEnlarge(state.selected, touring && selectedCameraId !== null);
        case 'restore':
          if (state.enlarged !== null) wall.toggleEnlarge(state.enlarged);
          return;
        case 'clear':
          if (!touring) wall.clear(state.selected);
          return;
        case 'save':
          void saved.save().then((r) => {
            if (r !== 'needs-name') return;
            setMenuOpen(true);
            setForm('save-as');
          });
          return;
      }
    },
    [wall, state.selected, state.enlarged, touring, selectedCameraId, saved],
  );

  const menu = useMemo(() => ({ open: menuOpen, setOpen: setMenuOpen, form, setForm }), [menuOpen, form]);
  return { user, wall, saved, tours, runner, mayShare, canPush, enlargedProfile, shown, onWall, selectedCameraId, placeCamera, snapshot, menu, onShortcut };
}
