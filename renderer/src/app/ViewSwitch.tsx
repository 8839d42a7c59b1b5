import { roleHas } from '../../../contracts/src/permissions';
import type { SessionUserDto } from '../../../contracts/src/auth';
import type { MainView } from '../features/map/use-main-view';
import { useT } from '../i18n/use-t';
import { SECTIONS } from './sections';

const BUILT_IN = ['wall', 'map'] as const;

/** The main-area switch: Wall | Map | the sections this user's role may open. */
export function ViewSwitch({ view, onChange, user }: { view: MainView; onChange: (view: MainView) => void; user: SessionUserDto }) {
  const t = useT();
  const items = [
    ...BUILT_IN.map((id) => ({ id, label: t(`view.${id}`) })),
    ...SECTIONS.filter((s) => roleHas(user.role, s.permission)).map((s) => ({ id: s.id, label: t(s.labelKey) })),
  ];
  return (
    <div className="segmented view-switch" role="group" aria-label={t('view.label')}>
      {items.map((v) => (
        <button key={v.id} type="button" className={v.id === view ? 'active' : ''} aria-pressed={v.id === view} data-testid={`view-switch-${v.id}`} onClick={() => onChange(v.id)}>
          {v.label}
        </button>
      ))}
    </div>
  );
}
