// The offline base map as Leaflet vector layers: a dimmed mask outside the county, township areas, roads, the county
// outline, and place labels (DOM text, in the UI language). Nothing here needs the network.
import type { Language } from '../../i18n/translate';
import { featureStyle, KIND_ORDER, placeName, polygonCentroid, type BaseFeature, type BaseLayer, type PathStyle } from './base-layer';
import { L } from './leaflet-setup';
import type * as Lf from 'leaflet';

export const LABEL_PANE = 'place-labels';
type LL = [number, number];

const toLatLngs = (line: readonly (readonly [number, number])[]): LL[] => line.map(([lng, lat]) => [lat, lng]);
const pathOptions = (s: PathStyle): Lf.PathOptions => ({ ...s, interactive: false });

/** Everything outside the county is dimmed: a world-sized polygon with the county as its hole. */
function outsideMask(county: BaseFeature): Lf.Layer | null {
  if (county.geometry.type !== 'Polygon') return null;
  const world: LL[] = [[-85, -180], [-85, 180], [85, 180], [85, -180]];
  return L.polygon([world, toLatLngs(county.geometry.rings[0]!)], { stroke: false, fill: true, fillColor: '#07090b', fillOpacity: 0.55, interactive: false });
}

/**
 * The base map's shapes. Township areas are left out with `townships: false`: the layer control offers them as an
 * overlay of their own (`createTownshipAreasLayer`).
 */
export function createShapesLayer(layer: BaseLayer, overTiles: boolean, opts: { townships?: boolean } = {}): Lf.LayerGroup {
  const group = L.layerGroup();
  const county = layer.features.find((f) => f.kind === 'county');
  if (county && !overTiles) {
    const mask = outsideMask(county);
    if (mask) group.addLayer(mask);
  }
  for (const kind of KIND_ORDER) {
    if (kind === 'place' || (kind === 'township' && opts.townships === false)) continue;
    layer.features
      .filter((f) => f.kind === kind)
      .forEach((f, index) => {
        const style = featureStyle(kind, index, overTiles);
        const g = f.geometry;
        if (g.type === 'Polygon') {
          if (kind === 'county') group.addLayer(L.polyline(toLatLngs(g.rings[0]!), { color: style.color, weight: 9, opacity: 0.12, interactive: false }));
          group.addLayer(L.polygon(g.rings.map(toLatLngs), pathOptions(style)));
        } else if (g.type === 'LineString') {
          group.addLayer(L.polyline(toLatLngs(g.line), pathOptions(style)));
        }
      });
  }
  return group;
}

/** Township areas alone (an overlay of the layer control), drawn as in the base map. */
export function createTownshipAreasLayer(layer: BaseLayer, overTiles: boolean): Lf.LayerGroup {
  const group = L.layerGroup();
  layer.features
    .filter((f) => f.kind === 'township')
    .forEach((f, index) => {
      if (f.geometry.type === 'Polygon') group.addLayer(L.polygon(f.geometry.rings.map(toLatLngs), pathOptions(featureStyle('township', index, overTiles))));
    });
  return group;
}

function label(lat: number, lng: number, text: string, className: string): Lf.Marker {
  const root = document.createElement('div');
  const span = document.createElement('span');
  span.className = 'map-place-name';
  span.textContent = text;
  root.append(span);
  return L.marker([lat, lng], { icon: L.divIcon({ html: root, className, iconSize: [0, 0] }), pane: LABEL_PANE, interactive: false, keyboard: false });
}

/**
 * Labels in the UI language: township names across their areas (just below the area's centroid), the county name,
 * and town and village names (CSS shows those only close in). The label pane lies above the camera clusters
 * (issue 13: at county zoom the clusters hid the township names) but takes no pointer events, so a click on a name
 * still reaches the cluster or marker under it.
 */
export function createLabelsLayer(layer: BaseLayer, lang: Language): Lf.LayerGroup {
  const group = L.layerGroup();
  for (const f of layer.features) {
    const g = f.geometry;
    if (f.kind === 'township' && g.type === 'Polygon') {
      const [lng, lat] = polygonCentroid(g.rings[0]!);
      const m = label(lat, lng, placeName(f, lang), 'map-place map-area');
      const el = (m.options.icon as Lf.DivIcon).options.html as HTMLElement;
      el.dataset.testid = 'map-township-label';
      el.dataset.lat = String(lat);
      el.dataset.lng = String(lng);
      group.addLayer(m);
    } else if (f.kind === 'place' && g.type === 'Point') {
      const [lng, lat] = g.point;
      group.addLayer(label(lat, lng, placeName(f, lang), `map-place level-${f.level ?? 'village'}`));
    }
  }
  return group;
}

export function ensureLabelPane(map: Lf.Map): void {
  if (!map.getPane(LABEL_PANE)) {
    const pane = map.createPane(LABEL_PANE);
    // Above the camera markers and clusters (markerPane 600), below alarm markers (640), tooltips and popups.
    pane.style.zIndex = '620';
    pane.style.pointerEvents = 'none';
  }
}
