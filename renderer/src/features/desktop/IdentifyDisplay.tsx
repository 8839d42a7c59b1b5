// The identify overlay (`#/identify?display=<n>`), opened by the desktop shell on every display for a few seconds
// (electron/src/main/display-identify.ts): the display's number, as big as fits. Needs no session and no data.
import { useT } from '../../i18n/use-t';
import './desktop.css';

export function IdentifyDisplay({ display }: { display: number | null }) {
  const t = useT();
  return (
    <div className="desk-identify" data-testid="identify-display" data-display={display ?? ''} aria-label={t('desktop.identifyLabel')}>
      {display ?? '?'}
    </div>
  );
}
