// Bulk retry of failed jobs by type and error (POST /api/jobs/retry): a dry run lists what would
// be retried; only then does a confirm button restart them. Both need write credentials.
import { api, describeError } from '../api.js';
import { h, age, notice } from '../dom.js';
import { table } from './table.js';

export async function bulkRetrySection() {
  let types = [];
  try {
    types = (await api('/api/job-types')).job_types.map((type) => type.name);
  } catch (error) {
    return h('section', {}, h('h2', {}, 'Retry failed jobs'), notice(describeError(error)));
  }
  const type = h('select', { id: 'retry-type', name: 'job_type' }, types.map((name) => h('option', { value: name }, name)));
  const errorLike = h('input', { id: 'retry-error', name: 'error_like', type: 'text', autocomplete: 'off',
    'aria-describedby': 'retry-error-help' });
  const result = h('div', { id: 'retry-result', 'aria-live': 'polite' });
  const form = h('form.toolbar', { 'aria-label': 'Retry failed jobs' },
    h('div.field', {}, h('label', { for: 'retry-type' }, 'Job type'), type),
    h('div.field', {}, h('label', { for: 'retry-error' }, 'Error contains'), errorLike),
    h('button', { type: 'submit', id: 'retry-dry-run' }, 'Dry run'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await dryRun(type.value, errorLike.value.trim(), result);
  });
  return h('section', { id: 'bulk-retry' },
    h('h2', {}, 'Retry failed jobs'),
    h('p.hint', { id: 'retry-error-help' }, 'Failed jobs of one type whose error code or message contains this text (empty: any). '
      + 'A dry run lists them first; nothing is retried until you confirm.'),
    form, result);
}

function query(jobType, errorLike, dryRun) {
  const parameters = new URLSearchParams({ job_type: jobType, dry_run: String(dryRun) });
  if (errorLike) parameters.set('error_like', errorLike);
  return `/api/jobs/retry?${parameters}`;
}

async function dryRun(jobType, errorLike, target) {
  target.replaceChildren(h('p.hint', {}, 'Listing…'));
  try {
    const reply = await api(query(jobType, errorLike, true), { method: 'POST' });
    if (!reply.jobs.length) {
      target.replaceChildren(h('p.notice.notice-info', { id: 'retry-none' }, `No failed ${jobType} job matches.`));
      return;
    }
    const confirm = h('button.danger', { type: 'button', id: 'retry-confirm' }, `Retry these ${reply.jobs.length} job(s)`);
    confirm.addEventListener('click', () => retry(jobType, errorLike, target));
    target.replaceChildren(
      h('p', { id: 'retry-summary' }, `${reply.matching} failed job(s) match; `
        + (reply.matching > reply.jobs.length ? `a retry restarts the ${reply.jobs.length} most recent.` : 'a retry restarts all of them.')),
      table(['Job', 'Subject', 'Error', 'Failed'], reply.jobs.map((job) => [
        h('a', { href: `#/job/${job.job_id}`, dataset: { jobId: job.job_id } }, job.job_id.slice(0, 12)), job.subject,
        job.error ? `${job.error.code}: ${job.error.message}` : '', `${age(job.updated_at)} ago`]), 'Jobs a retry would restart'),
      h('div.actions', {}, confirm));
  } catch (error) {
    target.replaceChildren(notice(describeError(error)));
  }
}

async function retry(jobType, errorLike, target) {
  try {
    const reply = await api(query(jobType, errorLike, false), { method: 'POST' });
    target.replaceChildren(h('p.notice.notice-info', { id: 'retry-done' }, `Restarted ${reply.retried} job(s).`),
      h('ul', {}, reply.retried_job_ids.map((id) => h('li', {}, h('a', { href: `#/job/${id}` }, id)))));
  } catch (error) {
    target.replaceChildren(notice(describeError(error)));
  }
}
