import { useMemo, useState } from 'react';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { buildCameraTree, flattenTree, normalizeQuery } from './camera-tree';
import { CameraTreeRow } from './CameraTreeRow';

export interface CameraTreeProps {
  /** Cameras currently on the wall (marked in the tree). */
  onWall: ReadonlySet<string>;
  onPlace: (cameraId: string) => void;
}

export function CameraTree({ onWall, onPlace }: CameraTreeProps) {
  const { t } = useI18n();
  const orgUnits = useGatewaySelector((s) => s.orgUnits);
  const cameras = useGatewaySelector((s) => s.cameras);
  const loaded = useGatewaySelector((s) => s.inventoryLoaded);
  const [query, setQuery] = useState('');
  // null: the default (roots open); afterwards the operator's own choice.
  const [expanded, setExpanded] = useState<ReadonlySet<string> | null>(null);

  const roots = useMemo(() => buildCameraTree(orgUnits, cameras, query), [orgUnits, cameras, query]);
  const searching = normalizeQuery(query) !== '';
  const open = useMemo(() => expanded ?? new Set(buildCameraTree(orgUnits, []).map((r) => r.id)), [expanded, orgUnits]);
  const rows = useMemo(() => flattenTree(roots, (id) => searching || open.has(id)), [roots, searching, open]);

  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };

  return (
    <aside className="camera-panel" aria-label={t('tree.title')}>
      <div className="panel-title">{t('tree.title')}</div>
      <div className="search-box">
        <input type="search" value={query} placeholder={t('tree.search')} aria-label={t('tree.search')} data-testid="camera-search" onChange={(e) => setQuery(e.target.value)} />
        {query && (
          <button type="button" className="icon-button" aria-label={t('tree.clearSearch')} title={t('tree.clearSearch')} onClick={() => setQuery('')}>
            ×
          </button>
        )}
      </div>
      <ul className="camera-tree" role="tree" data-testid="camera-tree">
        {!loaded && <li className="tree-note">{t('tree.loading')}</li>}
        {loaded && rows.length === 0 && <li className="tree-note">{t('tree.empty')}</li>}
        {rows.map((row) => (
          <CameraTreeRow
            key={`${row.node.kind}:${row.node.id}`}
            row={row}
            expanded={searching || open.has(row.node.id)}
            onWall={row.node.kind === 'camera' && onWall.has(row.node.id)}
            onToggle={toggle}
            onPlace={onPlace}
          />
        ))}
      </ul>
    </aside>
  );
}
