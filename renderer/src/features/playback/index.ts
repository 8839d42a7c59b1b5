// The playback feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { jumpParams } from './playback-params';
export { RecordingPlanPanel } from './RecordingPlanPanel';
export { AlarmClip } from './AlarmClip';
export { RecordingStatusTable } from './RecordingStatusTable';
