// The health page's "录像状态" rows (issue 14), pure: each camera with a plan by name, its mode and state in words.
import type { Translate } from '../../i18n/translate';
import type { RecordingStatusItem } from './playback-api';
import { RECORDING_MODES, type RecordingState, type RecordingMode } from './recording-plan-form';
import { recordingStatusText } from './RecordingPlanPanel';

export interface RecordingStatusRow {
  cameraId: string;
  name: string;
  mode: string;
  state: string;
  /** For styling: recording, starting, stopped, idle. */
  stateCode: string;
}

const STATES: readonly string[] = ['recording', 'starting', 'stopped', 'idle'];

/** Stopped cameras first (what needs a look), then by name. `nameOf` null: a camera the store does not know. */
export function recordingStatusRows(items: readonly RecordingStatusItem[], nameOf: (cameraId: string) => string | null, t: Translate): RecordingStatusRow[] {
  const rows = items.map((i) => {
    const state = (STATES.includes(i.state) ? i.state : 'stopped') as RecordingState;
    const mode = RECORDING_MODES.includes(i.mode as RecordingMode) ? t(`recording.mode.${i.mode as RecordingMode}`) : '—';
    return { cameraId: i.cameraId, name: nameOf(i.cameraId) ?? t('tile.unknownCamera', { id: i.cameraId.slice(0, 8) }), mode, state: recordingStatusText({ state, reasonCode: i.reasonCode }, t), stateCode: state };
  });
  return rows.sort((a, b) => Number(b.stateCode === 'stopped') - Number(a.stateCode === 'stopped') || a.name.localeCompare(b.name, 'zh-CN'));
}
