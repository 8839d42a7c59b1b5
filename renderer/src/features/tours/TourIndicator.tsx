import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { nextChangeAt } from './tour-scheduler';
import type { TourRunner } from './use-tour-runner';

/** While a tour runs: its name, page x/y, the countdown to the next change, pause / resume / stop. */
export function TourIndicator({ runner, compact = false }: { runner: TourRunner; compact?: boolean }) {
  const t = useT();
  const run = runner.running;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!run) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [run]);
  if (!run) return null;
  const { state } = run;
  const at = nextChangeAt(state);
  const sec = at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
  const paused = state.phase === 'paused';
  let status: string;
  if (state.interrupt) status = t('tour.interrupted', { sec: sec ?? 0 });
  else if (paused) status = t('tour.paused');
  else status = t('tour.next', { sec: sec ?? 0 });
  return (
    <div className={`tour-indicator${paused ? ' paused' : ''}${state.interrupt ? ' interrupted' : ''}${compact ? ' compact' : ''}`} data-testid="tour-indicator" data-page={state.page + 1} data-pages={state.pages} data-phase={state.interrupt ? 'interrupted' : state.phase} role="status">
      <span className="tour-indicator-name">{t('tour.indicator', { name: run.name })}</span>
      <span className="tour-indicator-page">{t('tour.page', { page: state.page + 1, pages: state.pages })}</span>
      <span className="tour-indicator-status">{status}</span>
      {!compact && (
        <span className="tour-indicator-actions">
          {paused || state.interrupt ? (
            <button type="button" className="ghost small" data-testid="tour-resume" onClick={runner.resume}>
              {t('tour.resume')}
            </button>
          ) : (
            <button type="button" className="ghost small" data-testid="tour-pause" onClick={runner.pause}>
              {t('tour.pause')}
            </button>
          )}
          <button type="button" className="ghost small" data-testid="tour-stop" onClick={runner.stop}>
            {t('tour.stop')}
          </button>
        </span>
      )}
    </div>
  );
}
