// Vector tables: #/tables lists the catalogued tables; #/tables/<collection id> shows one on a map
// (paged GeoJSON from the Features API up to GEOJSON_MAX_FEATURES features, vector tiles above),
// with a popup of a feature's properties on click and the table's catalog row beside the map.
import { api, describeError } from '../api.js';
import { h, notice } from '../dom.js';
import { createMap, fitLonLat, propertyTable, themed } from '../maps.js';

/** Tables up to this many features are drawn from GeoJSON pages; larger ones from vector tiles. */
export const GEOJSON_MAX_FEATURES = 5000;
const PAGE_SIZE = 1000;

export async function render(container, params) {
  if (params.args.length > 0) return renderTable(container, params.args[0]);
  container.append(h('h1', {}, 'Vector tables'));
  try {
    const { collections } = await api('/api/features/collections');
    if (collections.length === 0) {
      container.append(notice('No table has been ingested yet: submit an ingest_vector job.', 'info'));
      return undefined;
    }
    container.append(h('div.table-wrap', {}, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Table'), h('th', {}, 'Title'), h('th.hide-narrow', {}, 'What'))),
      h('tbody', {}, collections.map((collection) => h('tr', {},
        h('td', {}, h('a', { href: `#/tables/${encodeURIComponent(collection.id)}` }, collection.id)),
        h('td', {}, collection.title || ''),
        h('td.hide-narrow', {}, collection.description || '')))))));
  } catch (error) {
    container.append(notice(describeError(error)));
  }
  return undefined;
}

async function renderTable(container, id) {
  container.append(h('p', {}, h('a', { href: '#/tables' }, '← all tables')));
  let collection;
  try {
    collection = await api(`/api/features/collections/${encodeURIComponent(id)}`);
  } catch (error) {
    container.append(h('h1', {}, id), notice(describeError(error)));
    return undefined;
  }
  const catalog = collection['geoetl:catalog'] || {};
  const count = catalog.feature_count ?? 0;
  const mode = count <= GEOJSON_MAX_FEATURES ? 'geojson' : 'tiles';
  const mapElement = h('div.map', { id: 'table-map', tabindex: '0', role: 'region', 'aria-label': `Map of ${id}`, dataset: { mode, state: 'loading' } });
  const status = h('p.muted', { role: 'status' }, 'Loading the map…');
  container.append(h('h1', {}, collection.title || id),
    h('div.map-layout', {}, h('div', {}, mapElement, status), h('aside.side', { 'aria-label': 'Catalog row' }, catalogBox(catalog))));
  try {
    const { ol, map } = await createMap(mapElement);
    const popup = addPopup(ol, map);
    const style = featureStyle(ol);
    const extent = collection.extent?.spatial?.bbox?.[0];
    if (extent) fitLonLat(ol, map, extent);
    if (mode === 'geojson') {
      const source = new ol.source.Vector();
      map.addLayer(new ol.layer.Vector({ source, style }));
      const drawn = await loadPages(ol, source, `/api/features/collections/${encodeURIComponent(id)}/items?limit=${PAGE_SIZE}`);
      mapElement.dataset.drawnFeatures = String(drawn);
      status.textContent = `${drawn} of ${count} features, from GeoJSON pages of the Features API. Click a feature for its properties.`;
    } else {
      const tiles = collection.links.find((link) => link.rel === 'tiles');
      const source = new ol.source.VectorTile({ format: new ol.format.MVT(), url: tiles.href, maxZoom: 16 });
      // the features drawn so far, by id (a feature near a tile's edge comes in both tiles)
      const drawn = new Set();
      source.on('tileloadend', (event) => {
        event.tile.getFeatures().forEach((feature) => drawn.add(feature.getId()));
        mapElement.dataset.drawnFeatures = String(drawn.size);
      });
      map.addLayer(new ol.layer.VectorTile({ source, style }));
      status.textContent = `${count} features, drawn from vector tiles (more than ${GEOJSON_MAX_FEATURES}). Click a feature for its properties.`;
    }
    map.on('singleclick', (event) => {
      const feature = map.forEachFeatureAtPixel(event.pixel, (found) => found, { hitTolerance: 4 });
      if (feature) popup.show(event.coordinate, feature);
      else popup.hide();
    });
    mapElement.dataset.state = 'ready';
    return () => map.setTarget(undefined);
  } catch (error) {
    mapElement.dataset.state = 'failed';
    status.replaceWith(notice(describeError(error)));
    return undefined;
  }
}

/** Reads every page (following next links) into the source; returns the number of features. */
async function loadPages(ol, source, firstPage) {
  const format = new ol.format.GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
  let url = firstPage;
  while (url) {
    const page = await api(url.replace(/^https?:\/\/[^/]+/, ''));
    source.addFeatures(format.readFeatures(page));
    url = (page.links || []).find((link) => link.rel === 'next')?.href;
  }
  return source.getFeatures().length;
}

/** Points, lines and polygons in the theme's accent colour (it follows the colour scheme). */
function featureStyle(ol) {
  return themed((theme) => new ol.style.Style({
    stroke: new ol.style.Stroke({ color: theme.accent, width: 1.5 }),
    fill: new ol.style.Fill({ color: theme.accentFill }),
    image: new ol.style.Circle({ radius: 5, fill: new ol.style.Fill({ color: theme.accent }), stroke: new ol.style.Stroke({ color: theme.background, width: 1.5 }) }),
  }));
}

function addPopup(ol, map) {
  const content = h('div');
  const close = h('button.link.close', { type: 'button', 'aria-label': 'Close the feature popup' }, '×');
  const element = h('div.popup', { role: 'dialog', 'aria-label': 'Feature properties' }, close, content);
  const overlay = new ol.Overlay({ element, autoPan: { animation: { duration: 150 } }, positioning: 'bottom-center', offset: [0, -8] });
  map.addOverlay(overlay);
  const hide = () => overlay.setPosition(undefined);
  close.addEventListener('click', hide);
  return {
    show(coordinate, feature) {
      const properties = { id: feature.getId() ?? '', ...feature.getProperties() };
      delete properties.geometry;
      delete properties.layer;
      content.replaceChildren(propertyTable(properties));
      overlay.setPosition(coordinate);
      close.focus();
    },
    hide,
  };
}

function catalogBox(catalog) {
  const facts = {
    features: catalog.feature_count,
    geometry: catalog.geometry_type,
    'stored in': catalog.srid ? `EPSG:${catalog.srid}` : '',
    source: catalog.source,
    format: catalog.source_format,
    updated: catalog.updated_at,
  };
  const columns = (catalog.columns || []).map((column) => h('tr', {}, h('td', {}, column.name), h('td', {}, column.type)));
  const cleaning = Object.entries(catalog.cleaning || {});
  return [
    h('h2', {}, 'Catalog'),
    propertyTable(facts),
    catalog.job_id ? h('p', {}, h('a', { href: `#/job/${catalog.job_id}` }, 'The ingest job')) : null,
    h('h2', {}, 'Columns'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Type'))), h('tbody', {}, columns)),
    h('h2', {}, 'Cleaning'),
    cleaning.length ? propertyTable(Object.fromEntries(cleaning)) : h('p.muted', {}, 'Nothing was cleaned.'),
  ];
}
