// Which sound an alarm makes (the rule's choice, else by severity) and what each sound is, as notes for WebAudio.
// Pure: alarm-audio.ts plays these.
import { ALARM_SOUNDS, SOUND_BY_SEVERITY, type AlarmDto, type AlarmSound } from '../../../../contracts/src/alarm';

export const SOUND_RANK: Readonly<Record<AlarmSound, number>> = { none: 0, chime: 1, alert: 2, siren: 3 };

/** `actions[0].sound` when the matched rule names one, else the default for the severity. */
export function soundFor(alarm: Pick<AlarmDto, 'severity' | 'actions'>): AlarmSound {
  const chosen = alarm.actions[0]?.sound as string | undefined;
  if (chosen && chosen !== 'by-severity' && (ALARM_SOUNDS as readonly string[]).includes(chosen)) return chosen as AlarmSound;
  return SOUND_BY_SEVERITY[alarm.severity] ?? 'none';
}

/** Several alarms arriving together make one sound: the loudest of theirs. */
export function loudest(alarms: readonly Pick<AlarmDto, 'severity' | 'actions'>[]): AlarmSound {
  let best: AlarmSound = 'none';
  for (const a of alarms) {
    const s = soundFor(a);
    if (SOUND_RANK[s] > SOUND_RANK[best]) best = s;
  }
  return best;
}

export interface Note {
  /** Seconds from the start of the sound. */
  at: number;
  duration: number;
  freq: number;
  /** Glide to this frequency over the note (a siren's sweep). */
  toFreq?: number;
  wave: 'sine' | 'square' | 'triangle' | 'sawtooth';
  gain: number;
}

function siren(): Note[] {
  const notes: Note[] = [];
  for (let i = 0; i < 3; i++) {
    notes.push({ at: i * 0.9, duration: 0.45, freq: 650, toFreq: 1250, wave: 'sawtooth', gain: 0.18 });
    notes.push({ at: i * 0.9 + 0.45, duration: 0.45, freq: 1250, toFreq: 650, wave: 'sawtooth', gain: 0.18 });
  }
  return notes;
}

/** The notes of each sound: siren (rising and falling sweep), alert (three beeps), chime (two soft tones). */
export function notesOf(sound: AlarmSound): Note[] {
  switch (sound) {
    case 'siren':
      return siren();
    case 'alert':
      return [0, 0.25, 0.5].map((at) => ({ at, duration: 0.15, freq: 880, wave: 'square' as const, gain: 0.12 }));
    case 'chime':
      return [
        { at: 0, duration: 0.6, freq: 660, wave: 'sine', gain: 0.25 },
        { at: 0.3, duration: 0.9, freq: 880, wave: 'sine', gain: 0.25 },
      ];
    case 'none':
      return [];
  }
}

export const MUTE_STORAGE_KEY = 'cvc.alarm.mute';

export function readMuted(storage: Pick<Storage, 'getItem'> | null): boolean {
  try {
    return storage?.getItem(MUTE_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}
