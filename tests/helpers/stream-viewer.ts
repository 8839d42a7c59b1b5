import type { PipelineStatus } from '../../contracts/src/stream-status';
import type { Harness } from './gateway-harness';

/** A viewer that keeps polling its playlist, as hls.js does: that is all that keeps an on-demand pipeline alive. Returns its stop. */
export function keepWatching(url: string, everyMs = 500): () => void {
  let on = true;
  void (async () => {
    while (on) {
      await fetch(url)
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return () => (on = false);
}

/** The gateway's status of one camera's pipeline (`GET /api/v1/streams`), undefined when it has none. */
export async function pipelineStatus(h: Pick<Harness, 'api' | 'adminToken'>, cameraId: string, profile: 'sub' | 'main' = 'sub'): Promise<PipelineStatus | undefined> {
  return (await h.api<{ items: PipelineStatus[] }>('GET', '/api/v1/streams', undefined, h.adminToken)).body.items.find((s) => s.cameraId === cameraId && s.profile === profile);
}
