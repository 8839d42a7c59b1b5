import { useEffect, useRef, type ReactNode } from 'react';
import './popover.css';

export interface PopoverProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The toggle button's content. */
  button: ReactNode;
  buttonTitle: string;
  buttonTestId: string;
  buttonClassName?: string;
  panelLabel: string;
  panelClassName?: string;
  children: ReactNode;
}

/** A top-bar button with a panel under it; closes on a click outside or Escape. */
export function Popover({ open, onOpenChange, button, buttonTitle, buttonTestId, buttonClassName = 'ghost', panelLabel, panelClassName = '', children }: PopoverProps) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) onOpenChange(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      onOpenChange(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, onOpenChange]);
  return (
    <div className="popover-root" ref={root}>
      <button type="button" className={`${buttonClassName}${open ? ' open' : ''}`} title={buttonTitle} aria-expanded={open} aria-haspopup="dialog" data-testid={buttonTestId} onClick={() => onOpenChange(!open)}>
        {button}
      </button>
      {open && (
        <div className={`popover-panel ${panelClassName}`} role="dialog" aria-label={panelLabel}>
          {children}
        </div>
      )}
    </div>
  );
}
