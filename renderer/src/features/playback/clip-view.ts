// What the alarm's clip (issue 14) shows for the gateway's answer, pure: the state in words, whether there is
// anything to play, and whether to ask again (its post-event seconds are still being recorded).
import type { Translate } from '../../i18n/translate';
import type { AlarmClip } from './playback-api';

/** How often a clip still recording is read again. */
export const CLIP_POLL_MS = 2500;

export const clipPlayable = (clip: Pick<AlarmClip, 'state' | 'recordedMs'>): boolean => clip.state !== 'missing' && clip.recordedMs > 0;

export const clipPolls = (clip: Pick<AlarmClip, 'state'> | null): boolean => clip?.state === 'recording';

/** 录制中… / 无录像 / 已录制 n 秒. */
export function clipStatusText(clip: Pick<AlarmClip, 'state' | 'recordedMs'>, t: Translate): string {
  if (clip.state === 'recording') return t('clip.recording');
  if (clip.state === 'missing' || clip.recordedMs <= 0) return t('clip.missing');
  return t('clip.ready', { sec: Math.round(clip.recordedMs / 1000) });
}
