import { useMemo, type ReactNode } from 'react';
import type { SessionUserDto } from '../../../contracts/src/auth';
import { useGatewaySelector } from '../gateway/use-gateway';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n/use-t';

export interface TopBarProps {
  user: SessionUserDto;
  onLogout: () => void;
  /** The wall's controls (grids, layouts, tours, push to wall, shortcut help). */
  wallTools?: ReactNode;
  /** Wall | Map switch for the main area. */
  viewSwitch?: ReactNode;
  /** 待我处理: the count of incidents waiting for this user (roles that take incident steps). */
  todo?: ReactNode;
  /** The quiet alarm count of users who cannot act on alarms (issue 13). */
  alarmCount?: ReactNode;
}

export function TopBar({ user, onLogout, wallTools, viewSwitch, todo, alarmCount }: TopBarProps) {
  const t = useT();
  const cameras = useGatewaySelector((s) => s.cameras);
  const online = useMemo(() => cameras.filter((c) => c.status === 'online').length, [cameras]);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.title')}</span>
      </div>
      {viewSwitch}
      <div className="topbar-stat" data-testid="online-summary">
        {t('topbar.online', { online, total: cameras.length })}
      </div>
      {alarmCount}
      <div className="topbar-spacer" />
      {wallTools}
      {todo}
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
