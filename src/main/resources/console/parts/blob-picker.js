// A dialog listing the bronze container's blobs (GET /api/storage/blobs), filtered by a name prefix
// and paged with "More"; choosing one calls onPick({ container, name }).
import { api, describeError } from '../api.js';
import { h, notice } from '../dom.js';

const PAGE = 50;

export function openBlobPicker(onPick) {
  const prefix = h('input', { id: 'blob-picker-prefix', type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: 'e.g. uploads/2026/' });
  const rows = h('tbody');
  const status = h('p.hint', { role: 'status' });
  const more = h('button', { type: 'button', hidden: true }, 'More');
  let next = null;
  let container = '';
  const dialog = h('dialog.blob-picker', { 'aria-labelledby': 'blob-picker-title' },
    h('h2', { id: 'blob-picker-title' }, 'Pick a blob'),
    h('form.toolbar', { onsubmit: (event) => { event.preventDefault(); load(true); } },
      h('div.field', {}, h('label', { for: 'blob-picker-prefix' }, 'Name starts with'), prefix),
      h('button', { type: 'submit' }, 'List')),
    h('div.table-wrap', {}, h('table', {}, h('caption.visually-hidden', {}, 'Blobs'),
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th.number', {}, 'Size'), h('th.hide-narrow', {}, 'Last change'))), rows)),
    status,
    h('div.actions', {}, more, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')));
  more.addEventListener('click', () => load(false));
  dialog.addEventListener('close', () => dialog.remove());

  async function load(fresh) {
    if (fresh) {
      rows.replaceChildren();
      next = null;
    }
    const query = new URLSearchParams({ prefix: prefix.value, limit: String(PAGE) });
    if (next) query.set('after', next);
    status.textContent = 'Listing…';
    try {
      const page = await api(`/api/storage/blobs?${query}`);
      container = page.container;
      for (const blob of page.blobs) {
        const choose = h('button.link', { type: 'button', onclick: () => { onPick({ container, name: blob.name }); dialog.close(); } }, blob.name);
        rows.append(h('tr', {}, h('td', {}, choose), h('td.number', {}, size(blob.size)), h('td.hide-narrow', {}, blob.last_modified)));
      }
      next = page.next;
      more.hidden = !next;
      status.textContent = rows.children.length ? `${rows.children.length} blob(s) in ${container}${next ? ', more to list' : ''}`
        : `No blob in ${container} starts with "${prefix.value}".`;
    } catch (error) {
      status.replaceChildren(notice(describeError(error)));
    }
  }

  document.body.append(dialog);
  dialog.showModal();
  prefix.focus();
  load(true);
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
