// One STAC item (#/item/<collection>/<item id>): its footprint on the map and, for a processed
// raster, the COG itself (OpenLayers reads it through the signed href, range requests) with the
// band presets of the item's TiTiler links (true colour, false colour, NDVI); the thumbnail, the assets, the provenance and the properties.
import { api, describeError } from '../api.js';
import { h, notice } from '../dom.js';
import { createMap, fitLonLat, propertyTable, themed } from '../maps.js';

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
    if (cog) showCog(ol, map, cog, presets, presetSelect, mapElement, mapStatus);
    else mapStatus.textContent = 'The item\'s footprint.';
    map.addLayer(new ol.layer.Vector({ source: footprint, style: themed((theme) => new ol.style.Style({ stroke: new ol.style.Stroke({ color: theme.accent, width: 2 }) })) }));
    if (item.bbox) fitLonLat(ol, map, item.bbox.length === 6 ? [item.bbox[0], item.bbox[1], item.bbox[3], item.bbox[4]] : item.bbox);
    if (!cog) mapElement.dataset.state = 'ready';
    return () => map.setTarget(undefined);
  } catch (error) {
    mapElement.dataset.state = 'failed';
    mapStatus.replaceWith(notice(describeError(error)));
    return undefined;
  }
}

/** The COG as a WebGL tile layer; the band preset picks the bands for red, green and blue, or a ratio drawn with a colour ramp. */
function showCog(ol, map, [key, asset], presets, presetSelect, mapElement, mapStatus) {
  let layer = null;
  const draw = (preset) => {
    if (layer) map.removeLayer(layer);
    const ratio = preset.ratio;
    const source = new ol.source.GeoTIFF({
      sources: [{ url: asset.href, bands: ratio ? [ratio.high, ratio.low] : preset.bands }],
      // a ratio needs the values as they are; colours are stretched to each band's range
      normalize: !ratio, convertToRGB: ratio ? false : 'auto',
    });
    layer = new ol.layer.WebGLTile({ source, style: ratio ? rampStyle() : undefined });
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

// TiTiler's rdylgn colour map, which the NDVI link asks for (rescaled -1..1)
const RED_YELLOW_GREEN = [[-1, '#a50026'], [-0.6, '#f46d43'], [-0.2, '#fee08b'], [0, '#ffffbf'], [0.2, '#d9ef8b'], [0.6, '#66bd63'], [1, '#006837']];

/** (high - low) / (high + low) of the layer's two bands (high first) on the red-yellow-green ramp; transparent where both are 0. */
function rampStyle() {
  const high = ['band', 1];
  const low = ['band', 2];
  const sum = ['+', high, low];
  const ratio = ['/', ['-', high, low], sum];
  return {
    color: ['case', ['==', sum, 0], [0, 0, 0, 0], ['interpolate', ['linear'], ratio, ...RED_YELLOW_GREEN.flat()]],
  };
}

/**
 * The item's own presets: those of its TiTiler links (band lists and normalised-difference
 * expressions, with the links' titles), or, for an item without them (no TiTiler configured), the
 * same presets the links would carry, from its bands: true colour 1, 2, 3, false colour 4, 1, 2
 * and NDVI (b4 - b1) / (b4 + b1) for multispectral rasters of four bands or more (eo:bands).
 */
export function bandPresets(item, asset) {
  const fromLinks = (item.links || []).filter((link) => link.rel === 'tilejson').map(presetOfLink).filter(Boolean);
  if (fromLinks.length) return fromLinks;
  // eo:bands: multispectral items only (RGB and RGBA rasters have raster:bands alone)
  if ((asset['eo:bands'] || []).length < 4) {
    return [(asset['raster:bands'] || []).length >= 3 ? { title: 'Bands 1, 2, 3', bands: [1, 2, 3] } : { title: 'Band 1', bands: [1] }];
  }
  return [
    { title: 'True colour (bands 1, 2, 3)', bands: [1, 2, 3] },
    { title: 'False colour with NIR (bands 4, 1, 2)', bands: [4, 1, 2] },
    { title: 'NDVI ((b4 - b1) / (b4 + b1))', ratio: { high: 4, low: 1 } },
  ];
}

/** A TiTiler link's preset: its bidx list (1 or 3 bands) or its expression (bH - bL) / (bH + bL); null for anything else. */
function presetOfLink(link) {
  const query = new URL(link.href, location.href).searchParams;
  const title = link.title || link.href;
  const expression = (query.get('expression') || '').replace(/\s+/g, '');
  if (expression) {
    const match = /^\(b(\d+)-b(\d+)\)\/\(b\1\+b\2\)$/.exec(expression);
    return match ? { title, ratio: { high: Number(match[1]), low: Number(match[2]) } } : null;
  }
  const bands = query.getAll('bidx').map(Number);
  return bands.length === 1 || bands.length === 3 ? { title, bands } : null;
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
