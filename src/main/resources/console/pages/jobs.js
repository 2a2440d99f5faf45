// The jobs list (default page): filters by status and type, newest first, paged with the total,
// live: a server-sent event stream (GET /api/jobs/events/stream) updates rows in place and brings
// new jobs in; when the stream fails the page polls GET /api/jobs instead.
import { api, describeError } from '../api.js';
import { age, h, notice, statusBadge } from '../dom.js';

const PAGE_SIZE = 25;
const POLL_MILLIS = 5000;
const STATUSES = ['queued', 'processing', 'completed', 'failed', 'completed_with_errors'];

export async function render(container, { query }) {
  const filters = {
    status: query.get('status') || '',
    jobType: query.get('job_type') || '',
    offset: Math.max(0, parseInt(query.get('offset') || '0', 10) || 0),
  };
  const liveState = h('span#live-state.muted', { role: 'status' }, 'connecting…');
  const statusSelect = h('select#filter-status', { name: 'status' },
    h('option', { value: '' }, 'any status'), STATUSES.map((status) => h('option', { value: status }, status)));
  const typeSelect = h('select#filter-type', { name: 'job_type' }, h('option', { value: '' }, 'any type'));
  statusSelect.value = filters.status;
  const body = h('tbody');
  const summary = h('p#jobs-total.muted');
  const pager = h('div.pager');
  const message = h('div');

  container.append(
    h('div.page-head', {}, h('h1', {}, 'Jobs'), liveState),
    h('form.toolbar', { role: 'search', 'aria-label': 'Filter jobs', onsubmit: (event) => event.preventDefault() },
      h('div.field', {}, h('label', { for: 'filter-status' }, 'Status'), statusSelect),
      h('div.field', {}, h('label', { for: 'filter-type' }, 'Type'), typeSelect)),
    message,
    h('div.table-wrap', {}, h('table#jobs-table', {},
      h('caption.visually-hidden', {}, 'Jobs, newest first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Status'), h('th.hide-narrow', { scope: 'col' }, 'Subject'),
        h('th', { scope: 'col' }, 'Progress'), h('th.number', { scope: 'col' }, 'Age'), h('th.hide-narrow', { scope: 'col' }, 'Job id'))),
      body)),
    summary, pager);

  const setFilter = (name, value) => {
    const next = new URLSearchParams();
    const merged = { status: filters.status, job_type: filters.jobType, [name]: value };
    for (const [key, val] of Object.entries(merged)) if (val) next.set(key, val);
    location.hash = `#/jobs${next.toString() ? `?${next}` : ''}`;
  };
  statusSelect.addEventListener('change', () => setFilter('status', statusSelect.value));
  typeSelect.addEventListener('change', () => setFilter('job_type', typeSelect.value));
  loadTypes(typeSelect, filters.jobType);

  let rows = new Map();
  let refreshTimer = null;
  let pollTimer = null;
  let stream = null;
  let closed = false;

  async function load() {
    const params = new URLSearchParams({ limit: PAGE_SIZE, offset: filters.offset });
    if (filters.status) params.set('status', filters.status);
    if (filters.jobType) params.set('job_type', filters.jobType);
    try {
      const page = await api(`/api/jobs?${params}`);
      if (closed) return;
      message.replaceChildren();
      rows = new Map(page.jobs.map((job) => [job.job_id, row(job)]));
      body.replaceChildren(...rows.values());
      if (page.jobs.length === 0) body.append(h('tr', {}, h('td', { colspan: 6 }, 'No jobs match these filters.')));
      const first = page.total === 0 ? 0 : filters.offset + 1;
      summary.textContent = `${first}–${filters.offset + page.jobs.length} of ${page.total} jobs`;
      renderPager(page.total);
    } catch (error) {
      message.replaceChildren(notice(describeError(error)));
    }
  }

  function renderPager(total) {
    const to = (offset) => {
      const next = new URLSearchParams();
      if (filters.status) next.set('status', filters.status);
      if (filters.jobType) next.set('job_type', filters.jobType);
      if (offset) next.set('offset', offset);
      location.hash = `#/jobs${next.toString() ? `?${next}` : ''}`;
    };
    pager.replaceChildren(
      h('button', { type: 'button', disabled: filters.offset === 0, onclick: () => to(Math.max(0, filters.offset - PAGE_SIZE)) }, 'Newer'),
      h('button', { type: 'button', disabled: filters.offset + PAGE_SIZE >= total, onclick: () => to(filters.offset + PAGE_SIZE) }, 'Older'));
  }

  // a change to a job: update its row in place, or reload the page when the job is new here or left the filter
  function applyChange(change) {
    const existing = rows.get(change.job_id);
    const matches = (!filters.status || filters.status === change.status) && (!filters.jobType || filters.jobType === change.job_type);
    if (existing && matches) {
      existing.querySelector('.cell-status').replaceChildren(statusBadge(change.status));
      existing.querySelector('.cell-progress').replaceChildren(...progress(change.progress_percent));
      existing.dataset.status = change.status;
    } else if (existing || (matches && filters.offset === 0)) {
      scheduleRefresh();
    }
  }

  function scheduleRefresh() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      load();
    }, 300);
  }

  function listen() {
    if (typeof EventSource === 'undefined') {
      poll();
      return;
    }
    stream = new EventSource('/api/jobs/events/stream');
    stream.addEventListener('open', () => { liveState.textContent = 'live'; });
    stream.addEventListener('job', (event) => applyChange(JSON.parse(event.data)));
    stream.addEventListener('error', () => {
      // refused (503 busy, 401) or dropped: fall back to polling rather than retrying the stream
      stream.close();
      stream = null;
      if (!closed) poll();
    });
  }

  function poll() {
    liveState.textContent = `updating every ${POLL_MILLIS / 1000} s`;
    if (!pollTimer) pollTimer = setInterval(load, POLL_MILLIS);
  }

  await load();
  listen();
  const ages = setInterval(() => {
    for (const tr of rows.values()) tr.querySelector('.cell-age').textContent = age(tr.dataset.createdAt);
  }, 10000);

  return () => {
    closed = true;
    if (stream) stream.close();
    clearInterval(pollTimer);
    clearInterval(ages);
    clearTimeout(refreshTimer);
  };
}

function row(job) {
  return h('tr', { dataset: { jobId: job.job_id, status: job.status, createdAt: job.created_at } },
    h('td', {}, h('a', { href: `#/job/${encodeURIComponent(job.job_id)}` }, job.job_type)),
    h('td.cell-status', {}, statusBadge(job.status)),
    h('td.hide-narrow', {}, job.subject || ''),
    h('td.cell-progress', {}, ...progress(job.progress_percent)),
    h('td.number.cell-age', { title: job.created_at }, age(job.created_at)),
    h('td.hide-narrow', {}, h('code', { title: job.job_id }, job.job_id.slice(0, 12))));
}

function progress(percent) {
  const value = Number(percent || 0);
  return [
    h('div.progress-cell', {},
      h('div.progress', { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': value, 'aria-label': 'progress' },
        h('span', { style: `width: ${value}%` })),
      h('span.progress-text', {}, `${value}%`)),
  ];
}

async function loadTypes(select, current) {
  try {
    const types = await api('/api/job-types');
    const names = types.job_types.map((type) => type.name);
    select.append(...names.map((name) => h('option', { value: name }, name)));
    select.value = current;
  } catch (error) {
    select.disabled = true;
  }
}
