// Leaflet and leaflet.markercluster, loaded once and in this order. Leaflet's UMD build publishes itself as
// window.L and markercluster extends that global object, so the extended object is taken from there (a bundler's
// ES namespace copy of 'leaflet' would not see L.markerClusterGroup). CSS comes through Vite, never a CDN.
import * as Leaflet from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';

const published = (window as unknown as { L?: typeof Leaflet }).L;

export const L: typeof Leaflet = published && typeof published.markerClusterGroup === 'function' ? published : Leaflet;

if (typeof L.markerClusterGroup !== 'function') throw new Error('leaflet.markercluster did not register on Leaflet');
