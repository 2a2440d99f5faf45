// The job page (#/job/<job_id>): filled in by the jobs work.
import { api, describeError } from '../api.js';
import { h, notice } from '../dom.js';

export async function render(container, { args }) {
  const jobId = args[0];
  container.append(h('h1', {}, 'Job'), h('p', {}, h('code', {}, jobId || '')));
  try {
    const job = await api(`/api/jobs/${encodeURIComponent(jobId)}`);
    container.append(h('pre', {}, JSON.stringify(job, null, 2)));
  } catch (error) {
    container.append(notice(describeError(error)));
  }
}
