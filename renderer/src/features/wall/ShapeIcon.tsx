import { cellGridStyle, gridTemplate } from './layout-geometry';
import type { WallShape } from './layout-presets';

/** A small picture of a layout's cells (merged ones included). */
export function ShapeIcon({ shape, size = 14 }: { shape: WallShape; size?: number }) {
  return (
    <span className="shape-icon" aria-hidden="true" style={{ width: size, height: size, ...gridTemplate(shape) }}>
      {shape.cells.map((c, i) => (
        <span key={i} className="shape-icon-cell" style={cellGridStyle(c)} />
      ))}
    </span>
  );
}
