// The alarms feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { useAlarmCentre, useAlarmSync } from './alarm-context';
export { typeLabel } from './alarm-labels';
export { openAlarms, readAlarmEvent } from './alarm-sync';
export { alarmShortLabel, alarmTitleText } from './alarm-text';
