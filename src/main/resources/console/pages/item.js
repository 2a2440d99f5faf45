// One STAC item (#/item/<collection>/<item id>): its footprint on the map and, for a processed
// raster, the COG itself (OpenLayers reads it through the signed href, range requests) with the
// band presets of the item's links; the thumbnail, the assets, the provenance and the properties.
import { api, describeError } from '../api.js';
import { h, notice } from '../dom.js';
import { createMap, fitLonLat, propertyTable } from '../maps.js';

const COG_TYPE = 'profile=cloud-optimized';

export async function render(container, params) {
  const [collectionId, itemId] = params.args;
  container.append(h('p', {}, h('a', { href: '#/catalogue' }, '← catalogue')));
  let item;
  try {
    item = await api(`/api/stac/collections/${encodeURIComponent(collectionId)}/items/${encodeURIComponent(itemId)}?sign=true`);
  } catch (error) {
    container.append(h('h1', {}, itemId || 'Item'), notice(describeError(error)));
    return undefined;
  }
  const assets = Object.entries(item.assets || {});
  const cog = assets.find(([, asset]) => (asset.type || '').includes(COG_TYPE) && (asset.roles || []).includes('data'));
  const thumbnail = item.assets?.thumbnail;
  const mapElement = h('div.map', { id: 'item-map', tabindex: '0', role: 'region', 'aria-label': `Map of item ${item.id}`, dataset: { state: 'loading' } });
  const mapStatus = h('p.muted', { role: 'status' });
  const presets = cog ? bandPresets(item, cog[1]) : [];
  const presetSelect = presets.length > 1 ? h('select', { id: 'band-preset' }, presets.map((preset, i) => h('option', { value: String(i) }, preset.title))) : null;
  const side = [
    ...(thumbnail ? [h('h2', {}, 'Thumbnail'), h('img.thumbnail', { id: 'item-thumbnail', src: thumbnail.href, alt: `Thumbnail of ${item.id}` })] : []),
    h('h2', {}, 'Properties'),
    propertyTable(Object.fromEntries(Object.entries(item.properties).filter(([name]) => !name.startsWith('geoetl:provenance')))),
  ];
  container.append(h('h1', {}, item.properties.title || item.id), h('p.muted', {}, `${item.collection} · ${item.id}`),
    presetSelect ? h('div.toolbar', {}, h('div.field', {}, h('label', { for: 'band-preset' }, 'Bands'), presetSelect)) : null,
    h('div.map-layout', {}, h('div', {}, mapElement, mapStatus), h('aside.side', { 'aria-label': 'Item details' }, side)),
    h('h2', {}, 'Assets'), assetTable(assets),
    h('h2', {}, 'Provenance'), provenance(item));
  try {
    const { ol, map } = await createMap(mapElement);
    const format = new ol.format.GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
    const footprint = new ol.source.Vector({ features: [format.readFeature(item)] });
    const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent').trim();
    if (cog) showCog(ol, map, cog, presets, presetSelect, mapElement, mapStatus);
    else mapStatus.textContent = 'The item\'s footprint.';
    map.addLayer(new ol.layer.Vector({ source: footprint, style: new ol.style.Style({ stroke: new ol.style.Stroke({ color: accent, width: 2 }) }) }));
    if (item.bbox) fitLonLat(ol, map, item.bbox.length === 6 ? [item.bbox[0], item.bbox[1], item.bbox[3], item.bbox[4]] : item.bbox);
    if (!cog) mapElement.dataset.state = 'ready';
    return () => map.setTarget(undefined);
  } catch (error) {
    mapElement.dataset.state = 'failed';
    mapStatus.replaceWith(notice(describeError(error)));
    return undefined;
  }
}

/** The COG as a WebGL tile layer; the band preset picks which bands make red, green and blue. */
function showCog(ol, map, [key, asset], presets, presetSelect, mapElement, mapStatus) {
  let layer = null;
  const draw = (preset) => {
    if (layer) map.removeLayer(layer);
    const source = new ol.source.GeoTIFF({ sources: [{ url: asset.href, bands: preset.bands }], normalize: true, convertToRGB: 'auto' });
    layer = new ol.layer.WebGLTile({ source });
    map.getLayers().insertAt(1, layer);
    mapElement.dataset.state = 'loading';
    source.on('change', () => {
      if (source.getState() === 'ready') {
        mapElement.dataset.preset = preset.title;
        map.once('rendercomplete', () => { mapElement.dataset.state = 'ready'; });
      } else if (source.getState() === 'error') {
        mapElement.dataset.state = 'failed';
        mapStatus.textContent = `The COG could not be read (${source.getError()?.message || 'unknown error'}).`;
      }
    });
    mapStatus.textContent = `COG asset "${key}", ${preset.title}, read straight from storage through its signed href.`;
  };
  draw(presets[0]);
  if (presetSelect) presetSelect.addEventListener('change', () => draw(presets[Number(presetSelect.value)]));
}

/**
 * The item's own colour presets: natural colour first, then those of the item's TiTiler links
 * (true colour 1,2,3; false colour 4,1,2), for rasters with four bands or more.
 */
function bandPresets(item, asset) {
  const bands = (asset['raster:bands'] || asset['eo:bands'] || []).length;
  if (bands < 4) return [{ title: bands >= 3 ? 'bands 1, 2, 3' : 'band 1', bands: bands >= 3 ? [1, 2, 3] : [1] }];
  return [{ title: 'true colour (bands 1, 2, 3)', bands: [1, 2, 3] }, { title: 'false colour (bands 4, 1, 2; 4 as NIR)', bands: [4, 1, 2] }];
}

function assetTable(assets) {
  return h('div.table-wrap', {}, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'Key'), h('th', {}, 'Type'), h('th', {}, 'Roles'), h('th', {}, 'Link'))),
    h('tbody', {}, assets.map(([key, asset]) => h('tr', {},
      h('td', {}, key), h('td', {}, asset.type || ''), h('td', {}, (asset.roles || []).join(', ')),
      h('td', {}, h('a', { href: asset.href, rel: 'noopener' }, asset.title || 'download')))))));
}

function provenance(item) {
  const facts = {};
  for (const name of ['processing:software', 'processing:datetime', 'processing:lineage', 'geoetl:job_id', 'geoetl:provenance']) {
    if (item.properties[name] !== undefined) facts[name] = item.properties[name];
  }
  return Object.keys(facts).length ? propertyTable(facts) : h('p.muted', {}, 'This item records no provenance.');
}
