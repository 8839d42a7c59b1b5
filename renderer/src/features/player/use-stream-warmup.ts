// Tours: a few seconds before a page turn, each tile warms the stream of the camera it will show next, so a cold
// camera's pipeline (RTSP connect, first keyframe) is up by the time the tile plays it. Warming is one live-URL
// request and one playlist request (the gateway starts the pipeline on the playlist request and keeps it for its
// idle-stop time), not a hidden player: no decoding, no second wall's worth of video in the browser. Leaving the
// window (the page turned, the tour paused or stopped) aborts what is still in flight.
import { useEffect } from 'react';
import type { StreamProfile } from '../../../../contracts/src/camera';
import { useGatewayClient } from '../../gateway/use-gateway';
import { videoRequest } from './codec-support';
import { mapUrl } from './use-live-player';

export function useStreamWarmup(cameraId: string | null, profile: StreamProfile): void {
  const client = useGatewayClient();
  useEffect(() => {
    if (!cameraId) return;
    const abort = new AbortController();
    void (async () => {
      try {
        const live = await client.getLiveUrl(cameraId, profile, videoRequest()); // the rendition the tile will ask for
        if (abort.signal.aborted) return;
        const res = await fetch(mapUrl ? mapUrl(live.url) : live.url, { signal: abort.signal, cache: 'no-store' });
        await res.body?.cancel();
      } catch {
        // best effort: the tile connects normally when its turn comes
      }
    })();
    return () => abort.abort();
  }, [cameraId, profile, client]);
}
