import { useGatewaySelector } from '../gateway/use-gateway';
import { useT } from '../i18n/use-t';

/**
 * Says so when the gateway cannot be reached, or when live updates fell back to polling (the socket cannot connect);
 * the tiles keep their own truth meanwhile.
 */
export function ConnectionBanner() {
  const t = useT();
  const error = useGatewaySelector((s) => s.error);
  const transport = useGatewaySelector((s) => s.transport);
  if (!error && transport === 'polling') {
    return (
      <div className="banner banner-warn" role="status" data-testid="realtime-banner" data-transport={transport}>
        {t('gateway.polling')}
      </div>
    );
  }
  if (!error) return null;
  return (
    <div className="banner banner-error" role="status" data-testid="connection-banner">
      {error.isNetwork ? t('gateway.network') : t('gateway.unreachable', { message: error.message })}
    </div>
  );
}
