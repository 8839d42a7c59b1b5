import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/use-t';
import type { MapViewProps } from './MapView';

// Leaflet and the map code load only when the map is first opened: the wall-only console stays one chunk lighter.
const MapView = lazy(() => import('./MapView').then((m) => ({ default: m.MapView })));

export function LazyMapView(props: MapViewProps) {
  const t = useT();
  return (
    <Suspense fallback={<div className="map-loading">{t('map.loading')}</div>}>
      <MapView {...props} />
    </Suspense>
  );
}
