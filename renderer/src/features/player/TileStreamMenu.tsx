import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { STREAM_CHOICES, type StreamChoice } from './stream-choice';
import './tile-menu.css';

export interface TileStreamMenuProps {
  /** Where the right-click happened, relative to the tile. */
  at: { x: number; y: number };
  choice: StreamChoice;
  onChoose: (choice: StreamChoice) => void;
  onClose: () => void;
}

/** The tile's right-click menu: 自动 / 主码流 / 子码流. Closes on a choice, a click elsewhere or Escape. */
export function TileStreamMenu({ at, choice, onChoose, onClose }: TileStreamMenuProps) {
  const t = useT();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    root.current?.querySelector<HTMLButtonElement>('[aria-checked="true"]')?.focus();
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  return (
    <div
      ref={root}
      className="tile-menu"
      role="menu"
      aria-label={t('tile.stream.menu')}
      data-testid="tile-stream-menu"
      style={{ left: at.x, top: at.y }}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onContextMenu={(e) => e.preventDefault()}
    >
      {STREAM_CHOICES.map((c) => (
        <button
          key={c}
          type="button"
          role="menuitemradio"
          aria-checked={c === choice}
          data-testid={`tile-stream-${c}`}
          onClick={() => {
            onChoose(c);
            onClose();
          }}
        >
          {t(`tile.stream.${c}`)}
        </button>
      ))}
    </div>
  );
}
