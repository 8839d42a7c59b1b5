import { useGatewaySelector } from '../gateway/use-gateway';
import { useT } from '../i18n/use-t';

/** Says so when polling the gateway fails; the tiles keep their own truth meanwhile. */
export function ConnectionBanner() {
  const t = useT();
  const error = useGatewaySelector((s) => s.error);
  if (!error) return null;
  return (
    <div className="banner banner-error" role="status" data-testid="connection-banner">
      {error.isNetwork ? t('gateway.network') : t('gateway.unreachable', { message: error.message })}
    </div>
  );
}
