import { useCallback, useEffect, useMemo, useSyncExternalStore, type RefObject } from 'react';
import { audioFocus } from './audio-focus';

export interface AudioToggle {
  audible: boolean;
  toggle(): void;
}

/**
 * Mute state of one player's <video>: muted unless this player holds the audio focus. A new camera in the same
 * player starts muted again. Call after useLivePlayer (it mutes the element when it starts a camera).
 */
export function useAudioToggle(videoRef: RefObject<HTMLVideoElement | null>, cameraId: string | null): AudioToggle {
  const owner = useMemo(() => Symbol('player'), []);
  const audible = useSyncExternalStore(audioFocus.subscribe, () => audioFocus.isAudible(owner));
  useEffect(() => () => audioFocus.release(owner), [owner, cameraId]);
  useEffect(() => {
    const video = videoRef.current;
    if (video && video.muted === audible) video.muted = !audible;
  });
  const toggle = useCallback(() => audioFocus.set(audioFocus.isAudible(owner) ? null : owner), [owner]);
  return { audible, toggle };
}
