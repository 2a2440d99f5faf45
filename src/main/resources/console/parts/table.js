// A plain data table: column headings and rows of cells (text or elements).
import { h } from '../dom.js';

export function table(headings, rows, caption) {
  return h('div.table-wrap', {}, h('table', {},
    caption ? h('caption.visually-hidden', {}, caption) : null,
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell)))))));
}
