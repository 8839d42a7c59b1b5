import type { DragEvent } from 'react';
import { reasonWords } from '../../i18n/reason-strings';
import { useI18n } from '../../i18n/use-t';
import { CAMERA_ID_TYPE } from '../../components/ui/drag-data';
import { orgLabel } from '../../components/ui/org-units';
import type { TreeRow } from './camera-tree';

export interface CameraTreeRowProps {
  row: TreeRow;
  expanded: boolean;
  onWall: boolean;
  onToggle: (id: string) => void;
  onPlace: (cameraId: string) => void;
}

const indent = (depth: number) => ({ paddingLeft: `${8 + depth * 14}px` });

export function CameraTreeRow({ row, expanded, onWall, onToggle, onPlace }: CameraTreeRowProps) {
  const { t, lang } = useI18n();
  const { node, depth } = row;

  if (node.kind === 'org') {
    const label = node.unit ? orgLabel(node.unit, lang) : t('tree.other');
    const hasChildren = node.children.length > 0;
    return (
      <li role="treeitem" aria-expanded={hasChildren ? expanded : undefined} className={`tree-org level-${node.level ?? 'other'}`} data-org-id={node.id}>
        <button type="button" className="tree-row" style={indent(depth)} onClick={() => onToggle(node.id)} title={hasChildren ? t(expanded ? 'tree.collapse' : 'tree.expand') : undefined}>
          <span className="tree-caret" aria-hidden="true">
            {hasChildren ? (expanded ? '▾' : '▸') : ''}
          </span>
          <span className="tree-label">{label}</span>
          <span className={`tree-count${node.online < node.total ? ' partial' : ''}`} title={t('tree.countTitle', { online: node.online, total: node.total })}>
            {node.online}/{node.total}
          </span>
        </button>
      </li>
    );
  }

  const { camera } = node;
  const status = t(`camera.status.${camera.status}`);
  const reason = reasonWords(camera.statusReasonCode, camera.statusReason, t);
  const onDragStart = (e: DragEvent<HTMLButtonElement>) => {
    e.dataTransfer.setData(CAMERA_ID_TYPE, camera.id);
    e.dataTransfer.setData('text/plain', camera.name);
    e.dataTransfer.effectAllowed = 'copyMove';
  };
  return (
    <li role="treeitem" className={`tree-camera${onWall ? ' on-wall' : ''}`} data-camera-id={camera.id} data-status={camera.status}>
      <button
        type="button"
        className="tree-row"
        style={indent(depth)}
        draggable
        onDragStart={onDragStart}
        onClick={() => onPlace(camera.id)}
        title={t('tree.cameraTitle', { name: camera.name, status: reason ? `${status}: ${reason}` : status })}
      >
        <span className={`status-dot dot-${camera.status}`} aria-hidden="true" />
        <span className="tree-label">{camera.name}</span>
      </button>
    </li>
  );
}
