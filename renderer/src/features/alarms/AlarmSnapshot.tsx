import { useEffect, useState } from 'react';
import { useGatewayClient } from '../../gateway/use-gateway';
import { useT } from '../../i18n/use-t';

/** The JPEG taken when the alarm was raised (GET /alarms/{id}/snapshot once hasSnapshot). Test id alarm-popup-snapshot. */
export function AlarmSnapshot({ alarmId, hasSnapshot, testId = 'alarm-popup-snapshot' }: { alarmId: string; hasSnapshot: boolean; testId?: string }) {
  const client = useGatewayClient();
  const t = useT();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setSrc(null);
    setFailed(false);
    if (!hasSnapshot) return;
    let url: string | null = null;
    let cancelled = false;
    client.getAlarmSnapshot(alarmId).then(
      (blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      },
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [client, alarmId, hasSnapshot]);
  return (
    <div className="alarm-snapshot" data-testid={testId} data-loaded={src ? 'true' : 'false'}>
      {src ? <img src={src} alt={t('alarm.snapshot')} /> : <span className="alarm-snapshot-empty">{failed ? t('alarm.snapshotFailed') : hasSnapshot ? t('alarm.snapshotLoading') : t('alarm.noSnapshot')}</span>}
    </div>
  );
}
