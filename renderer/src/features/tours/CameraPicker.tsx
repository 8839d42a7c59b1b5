import { useMemo, useState } from 'react';
import { useGatewaySelector } from '../../gateway/use-gateway';
import { useI18n } from '../../i18n/use-t';
import { orgLabel } from '../../components/ui/org-units';
import { buildCameraTree, flattenTree, normalizeQuery, type TreeNode } from '../cameras';
import { togglePicked, togglePickedGroup } from './tour-cameras';

function camerasUnder(node: TreeNode): string[] {
  if (node.kind === 'camera') return [node.id];
  return node.children.flatMap(camerasUnder);
}

export interface CameraPickerProps {
  picked: readonly string[];
  onChange: (picked: string[]) => void;
}

/** The camera tree with check boxes: a camera, or a whole township / village at once. */
export function CameraPicker({ picked, onChange }: CameraPickerProps) {
  const { t, lang } = useI18n();
  const orgUnits = useGatewaySelector((s) => s.orgUnits);
  const cameras = useGatewaySelector((s) => s.cameras);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<ReadonlySet<string> | null>(null);
  const roots = useMemo(() => buildCameraTree(orgUnits, cameras, query), [orgUnits, cameras, query]);
  const expanded = useMemo(() => open ?? new Set(roots.map((r) => r.id)), [open, roots]);
  const searching = normalizeQuery(query) !== '';
  const rows = useMemo(() => flattenTree(roots, (id) => searching || expanded.has(id)), [roots, searching, expanded]);
  const pickedSet = useMemo(() => new Set(picked), [picked]);

  const toggleOpen = (id: string) => {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  return (
    <div className="camera-picker">
      <input type="search" value={query} placeholder={t('tree.search')} aria-label={t('tree.search')} onChange={(e) => setQuery(e.target.value)} />
      <ul className="picker-tree" data-testid="tour-camera-picker">
        {rows.map(({ node, depth }) => {
          const indent = { paddingLeft: `${4 + depth * 14}px` };
          if (node.kind === 'camera') {
            return (
              <li key={`c:${node.id}`} style={indent}>
                <label className="check-row">
                  <input type="checkbox" checked={pickedSet.has(node.id)} data-camera-id={node.id} onChange={() => onChange(togglePicked(picked, node.id))} />
                  <span className={`status-dot dot-${node.camera.status}`} aria-hidden="true" />
                  <span className="tree-label">{node.camera.name}</span>
                </label>
              </li>
            );
          }
          const ids = camerasUnder(node);
          const count = ids.filter((id) => pickedSet.has(id)).length;
          const label = node.unit ? orgLabel(node.unit, lang) : t('tree.other');
          return (
            <li key={`o:${node.id}`} style={indent} className="picker-org">
              <button type="button" className="icon-button picker-caret" aria-label={t(expanded.has(node.id) ? 'tree.collapse' : 'tree.expand')} onClick={() => toggleOpen(node.id)}>
                {node.children.length ? (searching || expanded.has(node.id) ? '▾' : '▸') : ''}
              </button>
              <label className="check-row">
                <input
                  type="checkbox"
                  disabled={ids.length === 0}
                  checked={ids.length > 0 && count === ids.length}
                  ref={(el) => {
                    if (el) el.indeterminate = count > 0 && count < ids.length;
                  }}
                  data-org-id={node.id}
                  onChange={() => onChange(togglePickedGroup(picked, ids))}
                />
                <span className="tree-label">{label}</span>
                <span className="tree-count">
                  {count}/{ids.length}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
