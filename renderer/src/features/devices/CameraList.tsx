import { useMemo, useState } from 'react';
import type { CameraDto } from '../../../../contracts/src/camera';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { orgLabel } from '../../components/ui/org-units';
import { normalizeQuery } from '../cameras';
import type { OrgChoices } from './use-org-units';

const LIMIT = 300;

/** Registered cameras with an edit button (the tree on the left is for the wall; this is the technician's list). */
export function CameraList({ choices, onEdit, onNew }: { choices: OrgChoices; onEdit: (camera: CameraDto) => void; onNew: () => void }) {
  const { t, lang } = useI18n();
  const cameras = useGatewaySelector((s) => s.cameras);
  const [query, setQuery] = useState('');
  const filtered = useMemo(() => {
    const q = normalizeQuery(query);
    const list = q ? cameras.filter((c) => normalizeQuery(`${c.name} ${c.host} ${c.deviceCode ?? ''}`).includes(q)) : cameras;
    return [...list].sort((a, b) => a.orgUnitId.localeCompare(b.orgUnitId) || a.name.localeCompare(b.name));
  }, [cameras, query]);
  const org = (id: string) => {
    const u = choices.byId.get(id);
    return u ? orgLabel(u, lang) : id;
  };
  return (
    <div className="dev-panel" data-testid="camera-list">
      <div className="dev-actions">
        <input type="search" className="dev-search" value={query} placeholder={t('cameras.search')} aria-label={t('cameras.search')} data-testid="camera-list-search" onChange={(e) => setQuery(e.target.value)} />
        <span className="dev-muted">{t('cameras.count', { count: filtered.length })}</span>
        <span className="dev-spacer" />
        <button type="button" className="primary" data-testid="camera-new" onClick={onNew}>
          {t('cameras.new')}
        </button>
      </div>
      {filtered.length > LIMIT && <div className="dev-muted">{t('cameras.more', { shown: LIMIT })}</div>}
      <div className="dev-table-wrap">
        <table className="dev-table compact">
          <thead>
            <tr>
              <th>{t('cameras.col.name')}</th>
              <th>{t('cameras.col.org')}</th>
              <th>{t('cameras.col.category')}</th>
              <th>{t('cameras.col.source')}</th>
              <th>{t('cameras.col.host')}</th>
              <th>{t('cameras.col.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {filtered.slice(0, LIMIT).map((c) => (
              <tr key={c.id} data-testid={`camera-list-row-${c.id}`}>
                <td>{c.name}</td>
                <td>{org(c.orgUnitId)}</td>
                <td>{c.category}</td>
                <td>{t(`form.source.${c.sourceType}`)}</td>
                <td className="mono">{c.host}</td>
                <td>
                  <span className={`status-dot dot-${c.status}`} aria-hidden="true" /> {t(`camera.status.${c.status}`)}
                </td>
                <td>
                  <button type="button" className="ghost" data-testid={`camera-edit-${c.id}`} onClick={() => onEdit(c)}>
                    {t('cameras.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
