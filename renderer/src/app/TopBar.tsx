import { useMemo } from 'react';
import type { SessionUserDto } from '../../../contracts/src/auth';
import { useGatewaySelector } from '../gateway/use-gateway';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n/use-t';
import { LayoutButtons } from '../features/wall/LayoutButtons';
import type { GridSize } from '../features/wall/wall-layout';

export interface TopBarProps {
  user: SessionUserDto;
  onLogout: () => void;
  grid: GridSize;
  enlarged: boolean;
  onGrid: (grid: GridSize) => void;
}

export function TopBar({ user, onLogout, grid, enlarged, onGrid }: TopBarProps) {
  const t = useT();
  const cameras = useGatewaySelector((s) => s.cameras);
  const online = useMemo(() => cameras.filter((c) => c.status === 'online').length, [cameras]);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <div className="topbar-stat" data-testid="online-summary">
        {t('topbar.online', { online, total: cameras.length })}
      </div>
      <div className="topbar-spacer" />
      <LayoutButtons grid={grid} enlarged={enlarged} onChange={onGrid} />
      <LanguageSwitch />
      <div className="topbar-user" data-testid="current-user">
        {t('topbar.user', { name: user.displayName || user.username, role: t(`role.${user.role}`) })}
      </div>
      <button type="button" className="ghost" onClick={onLogout} data-testid="logout">
        {t('topbar.logout')}
      </button>
    </header>
  );
}
