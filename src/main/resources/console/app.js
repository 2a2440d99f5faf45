// The console's shell: the navigation and a hash router (#/<page>/<arg>...?query). Each page is an
// ES module in pages/ exporting render(container, params); render may return a function that is
// called when the page is left (to close streams and timers). params = { args: [...], query }.
import { describeCredentials, obtainCredentials, onCredentialsChange, setApiKey, apiKey, READS_NEED_CREDENTIALS } from './api.js';
import { h } from './dom.js';
import { startAuth } from './auth.js';

// One line per page. nav: false keeps a page out of the navigation (reached by links).
export const pages = [
  { path: 'jobs', title: 'Jobs', module: './pages/jobs.js' },
  { path: 'job', title: 'Job', module: './pages/job.js', nav: false },
  { path: 'submit', title: 'Submit', module: './pages/submit.js' },
  { path: 'operations', title: 'Operations', module: './pages/operations.js' },
  { path: 'tables', title: 'Tables', module: './pages/tables.js' },
  { path: 'catalogue', title: 'Catalogue', module: './pages/catalogue.js' },
  { path: 'item', title: 'Item', module: './pages/item.js', nav: false },
  { path: 'rasters', title: 'Rasters', module: './pages/rasters.js' },
];

const defaultPage = 'jobs';
let leave = null;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = raw.split('?');
  const [path = '', ...args] = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { path: path || defaultPage, args, query: new URLSearchParams(queryPart) };
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...pages.filter((page) => page.nav !== false).map((page) =>
    h('li', {}, h('a', { href: `#/${page.path}`, 'aria-current': page.path === current ? 'page' : undefined }, page.title))));
}

// a key entered here shows the page again: its reads may have been refused without one
async function enterKey() {
  if (await obtainCredentials()) route();
}

function renderCredentials() {
  const box = document.getElementById('credentials');
  const action = apiKey()
    ? h('button.link', { type: 'button', onclick: () => setApiKey(null) }, 'Forget key')
    : h('button.link', { type: 'button', onclick: enterKey }, 'Enter key');
  box.replaceChildren(h('span.credential-state', {}, describeCredentials()), action);
}

/** One line above the page when its reads were refused for want of a key (until the page changes). */
function showReadsNeedCredentials() {
  const main = document.getElementById('main');
  if (main.querySelector('#reads-need-credentials')) return;
  main.prepend(h('div#reads-need-credentials.notice.notice-error.reads-banner', { role: 'alert' },
    'This router does not allow anonymous reads: the data of this page needs an API key that may read. ',
    h('button', { type: 'button', onclick: enterKey }, 'Enter key')));
}

async function route() {
  const params = parseHash();
  const page = pages.find((candidate) => candidate.path === params.path);
  const main = document.getElementById('main');
  if (leave) {
    leave();
    leave = null;
  }
  renderNav(page ? page.path : null);
  if (!page) {
    main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, `The console has no page "${params.path}".`));
    return;
  }
  document.title = `${page.title} · geoetl console`;
  const container = h('section.page', { 'data-page': page.path });
  main.replaceChildren(container);
  try {
    const module = await import(page.module);
    const cleanup = await module.render(container, params);
    if (typeof cleanup === 'function') leave = cleanup;
  } catch (error) {
    container.replaceChildren(h('p.notice.notice-error', { role: 'alert' }, `This page failed to load: ${error.message}`));
    throw error;
  }
}

window.addEventListener('hashchange', route);
window.addEventListener(READS_NEED_CREDENTIALS, showReadsNeedCredentials);
onCredentialsChange(renderCredentials);
// the sign-in (API key or Entra ID) is known before the first page asks for anything
startAuth().catch((error) => console.warn(`console configuration not read, using the API-key dialog: ${error.message}`))
  .finally(() => {
    renderCredentials();
    route();
  });
