// The jobs list (default page): newest first.
import { api, describeError } from '../api.js';
import { age, h, notice, statusBadge } from '../dom.js';

export async function render(container) {
  container.append(h('h1', {}, 'Jobs'));
  try {
    const page = await api('/api/jobs?limit=50');
    const rows = page.jobs.map((job) => h('tr', {},
      h('td', {}, h('a', { href: `#/job/${encodeURIComponent(job.job_id)}` }, job.job_type)),
      h('td', {}, statusBadge(job.status)),
      h('td', {}, job.subject || ''),
      h('td', {}, age(job.created_at))));
    container.append(h('div.table-wrap', {}, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Type'), h('th', {}, 'Status'), h('th', {}, 'Subject'), h('th', {}, 'Age'))),
      h('tbody', {}, rows))), h('p.muted', {}, `${page.total} jobs`));
  } catch (error) {
    container.append(notice(describeError(error)));
  }
}
