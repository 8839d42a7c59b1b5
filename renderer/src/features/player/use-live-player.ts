import { useEffect, useReducer, type RefObject } from 'react';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { useGatewayClient } from '../../gateway/use-gateway';
import { markOriginalUndecodable, videoRequest } from './codec-support';
import { lowLatencyBudget } from './connection-budget';
import { LivePlayer } from './live-player';
import { INITIAL_PLAYER_STATE, playerReducer, type PlayerState } from './tile-state';
import { rebaseToOrigin } from './token-url';

// In development the Vite proxy sits in front of the gateway; see rebaseToOrigin.
export const mapUrl = import.meta.env.DEV ? (url: string) => rebaseToOrigin(url, window.location.origin) : undefined;

/** Runs a LivePlayer on the video element for as long as camera, profile and attempt stay the same (a new attempt starts over). */
export function useLivePlayer(videoRef: RefObject<HTMLVideoElement | null>, cameraId: string | null, profile: StreamProfile, attempt = 0): PlayerState {
  const client = useGatewayClient();
  const [state, dispatch] = useReducer(playerReducer, INITIAL_PLAYER_STATE);
  useEffect(() => {
    dispatch({ type: 'reset' });
    const video = videoRef.current;
    if (!cameraId || !video) return;
    const lease = lowLatencyBudget.acquire();
    const player = new LivePlayer({
      video,
      cameraId,
      profile,
      fetchLiveUrl: (id, p) => client.getLiveUrl(id, p, videoRequest(id, p)),
      onUndecodable: () => markOriginalUndecodable(cameraId, profile),
      emit: dispatch,
      // No worker: fMP4 is passed through, not transmuxed, so the main thread has little to do, while starting a
      // worker per tile (the ~500 KB hls.js script evaluated again) cost 0.15–0.25 s before the first picture.
      workerPath: null,
      mapUrl,
      isHidden: () => document.hidden,
      lowLatency: lease.lowLatency,
    });
    player.start();
    return () => {
      player.dispose();
      lease.release();
    };
  }, [videoRef, cameraId, profile, client, attempt]);
  return state;
}
