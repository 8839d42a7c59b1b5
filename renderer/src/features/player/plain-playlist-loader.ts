// Plain HLS for tiles beyond an HTTP/1.1 console's connection budget. Turning hls.js's lowLatencyMode off is not
// enough: while a playlist says CAN-BLOCK-RELOAD=YES, hls.js still asks for the next segment's last part with
// _HLS_msn/_HLS_part, and each of those requests holds a connection until the part exists. So these tiles' playlist
// loader drops the LL-HLS tags before hls.js reads them: it then sees a plain live playlist and polls it once per
// target duration (RFC 8216 §6.3.4), never blocking.
import type { HlsConfig, Loader, LoaderCallbacks, LoaderConfiguration, LoaderContext, PlaylistLoaderConstructor, PlaylistLoaderContext } from 'hls.js';

/** Tags that only low-latency clients use (RFC 8216bis §4.4.3.7–8, §4.4.4.9, §4.4.5.3). */
const LL_TAGS = ['#EXT-X-SERVER-CONTROL:', '#EXT-X-PART-INF:', '#EXT-X-PART:', '#EXT-X-PRELOAD-HINT:', '#EXT-X-RENDITION-REPORT:'];

export function stripLowLatencyTags(playlist: string): string {
  return playlist
    .split('\n')
    .filter((line) => !LL_TAGS.some((tag) => line.startsWith(tag)))
    .join('\n');
}

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

/** hls.js's own loader (Hls.DefaultConfig.loader), with the playlist text passed through stripLowLatencyTags. */
export function plainPlaylistLoader(Base: LoaderClass): PlaylistLoaderConstructor {
  return class PlainPlaylistLoader extends (Base as new (config: HlsConfig) => Loader<PlaylistLoaderContext>) {
    override load(context: PlaylistLoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<PlaylistLoaderContext>): void {
      super.load(context, config, {
        ...callbacks,
        onSuccess: (response, stats, ctx, details) => {
          if (typeof response.data === 'string') response.data = stripLowLatencyTags(response.data);
          callbacks.onSuccess(response, stats, ctx, details);
        },
      });
    }
  };
}
