// The player feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { VideoTile } from './VideoTile';
export { reasonDetail, reasonText } from './tile-reason';
export { tilePipeline } from './codec-support';
export { deriveTileView } from './tile-state';
export { useLivePlayer } from './use-live-player';
export { SpeakerToggle } from './SpeakerToggle';
export { useAudioToggle } from './use-audio-toggle';
// Playback of recordings (issue 14) runs hls.js the same way.
export { vodHlsConfig } from './hls-config';
export { mapUrl } from './use-live-player';
