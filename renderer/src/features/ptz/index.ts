// The ptz feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { PtzControls } from './PtzControls';
