// The stream a tile plays: chosen by its drawn size (stream-choice.ts), or the operator's per-camera override from
// the tile's context menu, kept in localStorage (layouts store cameras per cell, no per-tile settings).
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { autoProfile, effectiveProfile, isStreamChoice, type StreamChoice } from './stream-choice';

const STORAGE_KEY = 'cvc.tile.stream.v1';

function readChoices(): Record<string, StreamChoice> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (!raw || typeof raw !== 'object') return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, StreamChoice] => isStreamChoice(e[1])));
  } catch {
    return {};
  }
}

function withChoice(all: Record<string, StreamChoice>, cameraId: string, choice: StreamChoice): Record<string, StreamChoice> {
  const next = { ...all };
  if (choice === 'auto') delete next[cameraId];
  else next[cameraId] = choice;
  return next;
}

export interface TileProfile {
  /** What to play; null until the tile has been measured (so the player starts once, on the right stream). */
  profile: StreamProfile | null;
  choice: StreamChoice;
  setChoice: (choice: StreamChoice) => void;
  /** What this tile would play for another camera (its stored choice, this tile's size): for warming a tour's next page. */
  profileFor: (cameraId: string) => StreamProfile;
}

/**
 * With `mainAllowed` false (roles without main-stream rights, or a caller that decides itself) the tile plays
 * `fallback` and the size is not watched.
 */
export function useTileProfile(tileRef: RefObject<HTMLElement | null>, cameraId: string | null, fallback: StreamProfile, mainAllowed: boolean): TileProfile {
  const [auto, setAuto] = useState<StreamProfile | null>(null);
  const [choices, setChoices] = useState(readChoices);
  const choice = cameraId ? (choices[cameraId] ?? 'auto') : 'auto';

  useLayoutEffect(() => {
    const el = tileRef.current;
    if (!mainAllowed || !el) return;
    const measure = () => setAuto((current) => autoProfile(current, el.getBoundingClientRect().width, window.devicePixelRatio));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [tileRef, mainAllowed]);

  const setChoice = useCallback(
    (next: StreamChoice) => {
      if (!cameraId) return;
      // Read again: other tiles may have stored their choices since this one mounted.
      const all = withChoice(readChoices(), cameraId, next);
      setChoices(all);
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
      } catch {
        // storage full or disabled: the choice lasts for this tile only
      }
    },
    [cameraId],
  );

  const profileFor = (id: string): StreamProfile => (mainAllowed ? effectiveProfile(choices[id] ?? 'auto', auto ?? fallback, true) : fallback);
  if (!mainAllowed) return { profile: fallback, choice: 'auto', setChoice, profileFor };
  return { profile: auto === null ? null : effectiveProfile(choice, auto, true), choice, setChoice, profileFor };
}
