// Keyboard shortcuts of the wall, as a pure mapping from a key event to an intent (the hook does the DOM part).
import type { Direction } from './layout-geometry';
import type { GridSize } from './layout-presets';

export type WallShortcut =
  | { type: 'grid'; grid: GridSize }
  | { type: 'move'; dir: Direction }
  | { type: 'toggle-enlarge' }
  | { type: 'restore' }
  | { type: 'clear' }
  | { type: 'save' };

export interface KeyLike {
  key: string;
  /** Physical key: Alt+digit still reads Digit1 on layouts where Alt changes the character. */
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

const ALT_GRIDS: Readonly<Record<string, GridSize>> = { Digit1: 1, Digit2: 4, Digit3: 9, Digit4: 16, Digit5: 25, Digit6: 36 };
const ARROWS: Readonly<Record<string, Direction>> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export function shortcutFor(e: KeyLike): WallShortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') return { type: 'save' };
  if (e.altKey && !mod && !e.shiftKey) {
    const grid = ALT_GRIDS[e.code];
    return grid ? { type: 'grid', grid } : null;
  }
  if (mod || e.altKey || e.shiftKey) return null;
  const dir = ARROWS[e.key];
  if (dir) return { type: 'move', dir };
  if (e.key === 'Enter') return { type: 'toggle-enlarge' };
  if (e.key === 'Escape') return { type: 'restore' };
  if (e.key === 'Delete') return { type: 'clear' };
  return null;
}

/** The shortcuts as shown in the help tooltip: keys and the message key describing each. */
export const SHORTCUT_HELP = [
  { keys: 'Alt+1 … Alt+6', what: 'shortcut.grids' },
  { keys: '← ↑ → ↓', what: 'shortcut.move' },
  { keys: 'Enter', what: 'shortcut.enlarge' },
  { keys: 'Esc', what: 'shortcut.restore' },
  { keys: 'Delete', what: 'shortcut.clear' },
  { keys: 'Ctrl+S', what: 'shortcut.save' },
] as const;
