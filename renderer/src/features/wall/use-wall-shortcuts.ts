import { useEffect, useRef } from 'react';
import { shortcutFor, type WallShortcut } from './wall-shortcuts';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}

const activates = (target: EventTarget | null) => target instanceof HTMLElement && !!target.closest('button, a[href], input, select, textarea, summary, [role="button"]');

/**
 * The wall's keyboard shortcuts on the whole window: never while typing; Enter and Delete also leave focused buttons
 * and links to do their own thing.
 */
export function useWallShortcuts(enabled: boolean, onShortcut: (shortcut: WallShortcut) => void): void {
  const handler = useRef(onShortcut);
  useEffect(() => {
    handler.current = onShortcut;
  }, [onShortcut]);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isEditable(e.target)) return;
      const shortcut = shortcutFor(e);
      if (!shortcut) return;
      if ((shortcut.type === 'toggle-enlarge' || shortcut.type === 'clear') && activates(e.target)) return;
      e.preventDefault();
      handler.current(shortcut);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
