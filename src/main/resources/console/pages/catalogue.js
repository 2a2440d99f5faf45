// The STAC catalogue: its collections, and an item search by a box drawn on the map and a time
// range (POST /api/stac/search). Results are listed and outlined on the map; each links to its item page.
import { api, describeError } from '../api.js';
import { h, notice } from '../dom.js';
import { createMap, fitLonLat, themed } from '../maps.js';

const SEARCH_LIMIT = 100;

/** params.query view=minx,miny,maxx,maxy (lon/lat) opens the map on that area. */
export async function render(container, params) {
  container.append(h('h1', {}, 'Catalogue'));
  let collections;
  try {
    ({ collections } = await api('/api/stac/collections'));
  } catch (error) {
    container.append(notice(describeError(error)));
    return undefined;
  }
  const collectionSelect = h('select', { id: 'search-collection' }, h('option', { value: '' }, 'every collection'),
    collections.map((collection) => h('option', { value: collection.id }, collection.title || collection.id)));
  const from = h('input', { id: 'search-from', type: 'date' });
  const to = h('input', { id: 'search-to', type: 'date' });
  const drawButton = h('button', { type: 'button', id: 'draw-box', 'aria-pressed': 'false' }, 'Draw a box');
  const clearButton = h('button', { type: 'button', id: 'clear-box' }, 'Clear the box');
  const searchButton = h('button.primary', { type: 'button', id: 'search' }, 'Search');
  const boxText = h('span.muted', { id: 'box-text' }, 'no box: the whole world');
  const mapElement = h('div.map', { id: 'catalogue-map', tabindex: '0', role: 'region', 'aria-label': 'Map of the search area and the items found' });
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  container.append(
    h('div.toolbar', {},
      h('div.field', {}, h('label', { for: 'search-collection' }, 'Collection'), collectionSelect),
      h('div.field', {}, h('label', { for: 'search-from' }, 'From'), from),
      h('div.field', {}, h('label', { for: 'search-to' }, 'To'), to),
      drawButton, clearButton, searchButton),
    h('p', {}, 'Area: ', boxText),
    h('div.map-layout', {}, mapElement, h('aside.side', { 'aria-label': 'Collections' }, collectionList(collections))),
    h('h2', {}, 'Items found'), results);

  const { ol, map } = await createMap(mapElement);
  const boxSource = new ol.source.Vector();
  const itemSource = new ol.source.Vector();
  map.addLayer(new ol.layer.Vector({ source: itemSource, style: themed((theme) => new ol.style.Style({ stroke: new ol.style.Stroke({ color: theme.accent, width: 2 }), fill: new ol.style.Fill({ color: theme.accentFill }) })) }));
  map.addLayer(new ol.layer.Vector({ source: boxSource, style: themed((theme) => new ol.style.Style({ stroke: new ol.style.Stroke({ color: theme.focus, width: 2, lineDash: [6, 4] }) })) }));
  let box = null;
  const dragBox = new ol.interaction.DragBox({ condition: ol.events.condition.always });
  dragBox.setActive(false);
  map.addInteraction(dragBox);
  const setDrawing = (on) => {
    dragBox.setActive(on);
    drawButton.setAttribute('aria-pressed', String(on));
    mapElement.dataset.drawing = String(on);
  };
  drawButton.addEventListener('click', () => setDrawing(drawButton.getAttribute('aria-pressed') !== 'true'));
  dragBox.on('boxend', () => {
    const geometry = dragBox.getGeometry();
    box = ol.proj.transformExtent(geometry.getExtent(), 'EPSG:3857', 'EPSG:4326').map((value) => Math.round(value * 1e5) / 1e5);
    boxSource.clear();
    boxSource.addFeature(new ol.Feature(geometry.clone()));
    boxText.textContent = box.join(', ');
    setDrawing(false);
  });
  clearButton.addEventListener('click', () => {
    box = null;
    boxSource.clear();
    boxText.textContent = 'no box: the whole world';
  });
  const format = new ol.format.GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
  searchButton.addEventListener('click', async () => {
    const body = { limit: SEARCH_LIMIT };
    if (box) body.bbox = box;
    if (from.value || to.value) body.datetime = `${from.value ? `${from.value}T00:00:00Z` : '..'}/${to.value ? `${to.value}T23:59:59Z` : '..'}`;
    if (collectionSelect.value) body.collections = [collectionSelect.value];
    results.replaceChildren(h('p.muted', {}, 'Searching…'));
    try {
      // a search reads: no credential asked for, though it is a POST
      const found = await api('/api/stac/search', { method: 'POST', body, write: false });
      itemSource.clear();
      itemSource.addFeatures(format.readFeatures({ type: 'FeatureCollection', features: found.features }));
      results.dataset.count = String(found.features.length);
      results.replaceChildren(itemTable(found));
    } catch (error) {
      results.replaceChildren(notice(describeError(error)));
    }
  });
  const world = collections.map((c) => c.extent?.spatial?.bbox?.[0]).filter(Boolean)
    .reduce((all, b) => [Math.min(all[0], b[0]), Math.min(all[1], b[1]), Math.max(all[2], b[2]), Math.max(all[3], b[3])], [180, 90, -180, -90]);
  const view = (params.query.get('view') || '').split(',').map(Number);
  if (view.length === 4 && view.every(Number.isFinite)) fitLonLat(ol, map, view);
  else if (world[0] <= world[2]) fitLonLat(ol, map, world);
  mapElement.dataset.state = 'ready';
  return () => map.setTarget(undefined);
}

function collectionList(collections) {
  return [h('h2', {}, 'Collections'), collections.length === 0 ? h('p.muted', {}, 'No collection yet.')
    : h('ul', {}, collections.map((collection) => h('li', {}, h('strong', {}, collection.id), collection.title && collection.title !== collection.id ? ` · ${collection.title}` : '')))];
}

function itemTable(found) {
  if (found.features.length === 0) return h('p.muted', {}, 'No item matches.');
  const more = (found.links || []).some((link) => link.rel === 'next');
  return h('div', {}, h('div.table-wrap', {}, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Item'), h('th', {}, 'Collection'), h('th', {}, 'Date'))),
    h('tbody', {}, found.features.map((item) => h('tr', {},
      h('td', {}, h('a', { href: `#/item/${encodeURIComponent(item.collection)}/${encodeURIComponent(item.id)}` }, item.id)),
      h('td', {}, item.collection),
      h('td', {}, item.properties.datetime || item.properties.start_datetime || '')))))),
  h('p.muted', {}, `${found.features.length} item(s)${more ? `, the first ${SEARCH_LIMIT}` : ''}`));
}
