import { useMemo } from 'react';
import { useT } from '../../i18n/use-t';
import { alarmAttention } from './alarm-attention';
import { useAlarmCentre, useAlarmSync } from './alarm-context';
import { queueOf } from './alarm-queue';

/**
 * For users who cannot act on alarms (issue 13: a technician): instead of the dock and its sound, a small count of
 * the alarms waiting (state new) in the top bar, opening the alarm list (read-only for them). Nothing for the others.
 * Test id: alarm-quiet-count (data-count).
 */
export function QuietAlarmCount() {
  const t = useT();
  const centre = useAlarmCentre();
  const sync = useAlarmSync(centre?.store);
  const count = useMemo(() => (sync ? queueOf(sync.byId).length : 0), [sync]);
  if (!centre || alarmAttention(centre.user.role) !== 'quiet') return null;
  return (
    <button type="button" className={`ghost alarm-quiet-count${count > 0 ? ' has-alarms' : ''}`} data-testid="alarm-quiet-count" data-count={count} title={t('alarm.quietTitle', { count })} onClick={() => centre.openSection('alarms')}>
      {t('alarm.quietCount', { count })}
    </button>
  );
}
