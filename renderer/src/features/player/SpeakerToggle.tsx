import { useT } from '../../i18n/use-t';
import type { AudioToggle } from './use-audio-toggle';
import './speaker-toggle.css';

/** The speaker button of a player whose camera sends audio. Test contract: data-testid="tile-audio", data-audible. */
export function SpeakerToggle({ audio, className = 'tile-close tile-audio' }: { audio: AudioToggle; className?: string }) {
  const t = useT();
  const label = audio.audible ? t('tile.audioOff') : t('tile.audioOn');
  return (
    <button
      type="button"
      className={className}
      aria-label={label}
      aria-pressed={audio.audible}
      title={label}
      data-testid="tile-audio"
      data-audible={audio.audible ? 'true' : 'false'}
      onClick={(e) => {
        e.stopPropagation();
        audio.toggle();
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <span className="tile-audio-icon" aria-hidden="true" />
    </button>
  );
}
