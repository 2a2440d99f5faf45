// The rasters (#/rasters): the STAC items process_raster and catalog_rasters wrote (those with
// geoetl:raster_type), newest first, 20 a page (#/rasters?limit=N for another size), each with its
// thumbnail, id, collection, datetime and the size of its COGs, linking to its item page. Read
// with POST /api/stac/search?sign=true (the thumbnails are private blobs) and paged by the
// search's own next/prev links.
import { api, ApiError, describeError } from '../api.js';
import { h, notice } from '../dom.js';
import { table } from '../parts/table.js';

const PAGE_SIZE = 20;
const SEARCH = '/api/stac/search?sign=true';
const RASTERS = {
  'filter-lang': 'cql2-json',
  filter: { op: 'not', args: [{ op: 'isNull', args: [{ property: 'geoetl:raster_type' }] }] },
};

export async function render(container, params) {
  const limit = Number(params.query.get('limit')) || PAGE_SIZE;
  const list = h('div', { id: 'raster-list', 'aria-live': 'polite' });
  const pager = h('div.pager');
  const summary = h('p.muted', { id: 'raster-page' });
  container.append(h('h1', {}, 'Rasters'), list, summary, pager);
  let pageNumber = 1;

  async function show(body, number) {
    list.replaceChildren(h('p.muted', {}, 'Loading…'));
    try {
      const page = await api(SEARCH, { method: 'POST', body, write: false });
      pageNumber = number;
      list.dataset.count = String(page.features.length);
      list.replaceChildren(page.features.length ? rasterTable(page.features) : noRasterYet());
      summary.textContent = page.features.length ? `Page ${pageNumber}: ${page.features.length} raster(s), newest first.` : '';
      pager.replaceChildren(...pagerButtons(page.links || []));
    } catch (error) {
      // the filter names a property only raster items have: before the first one it is unknown
      list.replaceChildren(error instanceof ApiError && error.code === 'unknown_queryable' ? noRasterYet() : notice(describeError(error)));
      pager.replaceChildren();
      summary.textContent = '';
    }
  }

  function pagerButtons(links) {
    const button = (rel, label, step) => {
      const link = links.find((candidate) => candidate.rel === rel && candidate.body);
      return h('button', { type: 'button', id: `rasters-${rel}`, disabled: !link, onclick: () => show(link.body, pageNumber + step) }, label);
    };
    return [button('prev', '← Newer', -1), button('next', 'Older →', 1)];
  }

  await show({ ...RASTERS, limit }, 1);
  return undefined;
}

function noRasterYet() {
  return notice('No raster has been catalogued yet: submit a process_raster or catalog_rasters job.', 'info');
}

function rasterTable(items) {
  return table(['Thumbnail', 'Item', 'Collection', 'Date', 'Size'], items.map((item) => {
    const link = `#/item/${encodeURIComponent(item.collection)}/${encodeURIComponent(item.id)}`;
    const thumbnail = item.assets?.thumbnail;
    return [
      thumbnail ? h('img.thumbnail.thumbnail-small', { src: thumbnail.href, alt: `Thumbnail of ${item.id}`, loading: 'lazy', width: '64', height: '64' }) : '',
      h('a', { href: link }, item.id),
      item.collection,
      h('time', { datetime: item.properties.datetime || '' }, item.properties.datetime || item.properties.start_datetime || ''),
      size(item),
    ];
  }), 'Rasters, newest first');
}

/** The bytes of the item's data assets (its COGs), e.g. "1.4 MB". */
function size(item) {
  const bytes = Object.values(item.assets || {}).filter((asset) => (asset.roles || []).includes('data'))
    .reduce((total, asset) => total + (asset['file:size'] || 0), 0);
  if (!bytes) return '';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  const power = Math.min(units.length - 1, Math.floor(Math.log10(bytes) / 3));
  return `${(bytes / 1000 ** power).toFixed(power ? 1 : 0)} ${units[power]}`;
}
