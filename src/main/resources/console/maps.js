// Shared by the map pages: OpenLayers from the vendored ol.js (loaded once, on the first map), and
// a map with the configured basemap (basemap_url of GET /api/console/config) or, without one, the
// data on a plain background with a graticule. Never an error for a missing basemap.
import { api } from './api.js';
import { h } from './dom.js';

let openLayers;
let config;

/** A classic script of vendor/, once it has run. */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = h('script', { src });
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => reject(new Error(`${src} is missing: run scripts/vendor-console`)));
    document.head.append(script);
  });
}

/** window.ol once vendor/ol/ol.js (and geotiff.js, which its GeoTIFF source needs) and its stylesheet have loaded. */
export function loadOpenLayers() {
  if (!openLayers) {
    document.head.append(h('link', { rel: 'stylesheet', href: 'vendor/ol/ol.css' }));
    openLayers = loadScript('vendor/geotiff/geotiff.js').then(() => loadScript('vendor/ol/ol.js')).then(() => window.ol);
  }
  return openLayers;
}

/** The console's settings; without the endpoint (or on any error) no basemap. */
function consoleConfig() {
  if (!config) config = api('/api/console/config').catch(() => ({}));
  return config;
}

function cssColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

// The theme's colours for drawing features, read again when the colour scheme changes (style
// functions read this object, so a map follows light and dark without being rebuilt).
export const colors = {};
const maps = new Set();
function readColors() {
  const accent = cssColor('--accent');
  Object.assign(colors, {
    accent, accentFill: translucent(accent, 0.2), background: cssColor('--bg'), focus: cssColor('--focus'), muted: cssColor('--muted'),
  });
  colors.key = [colors.accent, colors.background, colors.focus, colors.muted].join();
}

/** rgba() of a #rrggbb colour (the CSS variables are hex) with this opacity. */
function translucent(hex, alpha) {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

/**
 * A style function for vector layers: {@code make(colors)} builds the style from the theme's
 * colours, again only when the colour scheme changed (the layers are redrawn then).
 */
export function themed(make) {
  let style = null;
  let madeFor = null;
  return () => {
    if (madeFor !== colors.key) {
      madeFor = colors.key;
      style = make(colors);
    }
    return style;
  };
}
readColors();
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  readColors();
  maps.forEach((map) => {
    const layers = map.getLayers();
    layers.forEach((layer) => layer.changed());
    // the graticule's colours are fixed when it is made: make it again
    const old = layers.getArray().find((layer) => layer.get('graticule'));
    if (old) layers.setAt(layers.getArray().indexOf(old), graticule(window.ol));
  });
});

/** Lines every few degrees with their labels, in the theme's colours: the background when there is no basemap. */
function graticule(ol) {
  const labels = new ol.style.Text({ fill: new ol.style.Fill({ color: colors.muted }), font: '11px sans-serif' });
  const latLabels = labels.clone();
  latLabels.setTextAlign('end'); // ends at the map's right edge instead of running past it
  const layer = new ol.layer.Graticule({
    strokeStyle: new ol.style.Stroke({ color: cssColor('--border'), width: 1 }),
    showLabels: true, wrapX: false, lonLabelPosition: 0.04, latLabelPosition: 0.99,
    lonLabelStyle: labels.clone(), latLabelStyle: latLabels,
  });
  layer.set('graticule', true);
  return layer;
}

/** A map in {@code target}: basemap or graticule, an attribution-free view of the world. */
export async function createMap(target) {
  const ol = await loadOpenLayers();
  const settings = await consoleConfig();
  const layers = [];
  if (settings && settings.basemap_url) {
    layers.push(new ol.layer.Tile({ source: new ol.source.XYZ({ url: settings.basemap_url, crossOrigin: 'anonymous' }) }));
  } else {
    layers.push(graticule(ol));
  }
  const map = new ol.Map({
    target, layers, controls: ol.control.defaults.defaults({ attribution: false }),
    view: new ol.View({ center: [0, 0], zoom: 1 }),
  });
  maps.add(map);
  map.on('change:target', () => { if (!map.getTarget()) maps.delete(map); });
  return { ol, map };
}

/** Fits the map to a lon/lat box [minx, miny, maxx, maxy] (a point grows to a small area). */
export function fitLonLat(ol, map, box) {
  const extent = ol.proj.transformExtent(box, 'EPSG:4326', 'EPSG:3857');
  map.getView().fit(ol.extent.buffer(extent, Math.max(ol.extent.getWidth(extent), ol.extent.getHeight(extent), 2000) * 0.05),
    { maxZoom: 16, padding: [16, 16, 16, 16] });
}

/** A table of name/value rows (a popup, a metadata box); values that are objects are shown as JSON. */
export function propertyTable(properties) {
  return h('table.properties', {}, h('tbody', {}, Object.entries(properties).map(([name, value]) =>
    h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value ?? ''))))));
}
