// The job page (#/job/<job_id>): the stages as a diagram with task counts per state (current stage
// highlighted), progress, rate and ETA, the event timeline, the tasks (paged) with attempts and
// errors, the result, and Retry / Cleanup (write credentials; cleanup shows its dry run first).
import { api, describeError } from '../api.js';
import { age, h, notice, statusBadge } from '../dom.js';

const REFRESH_MILLIS = 3000;
const TASK_PAGE = 25;
const EVENT_PAGE = 500;
const FINAL = new Set(['completed', 'failed', 'completed_with_errors']);
const TASK_STATES = ['queued', 'processing', 'retrying', 'completed', 'failed', 'cancelled'];

export async function render(container, { args }) {
  const jobId = args[0] || '';
  const head = h('div.page-head');
  const actions = h('div.actions-bar');
  const actionMessage = h('div', { role: 'status' });
  const facts = h('dl.facts');
  const diagram = h('ol.stages', { 'aria-label': 'Stages' });
  const timeline = h('ol.timeline');
  const tasksBody = h('tbody');
  const tasksPager = h('div.pager');
  const result = h('pre#job-result');
  const message = h('div');
  let taskOffset = 0;
  let timer = null;
  let closed = false;

  container.append(head, message, actions, actionMessage,
    h('section', { 'aria-labelledby': 'stages-title' }, h('h2#stages-title', {}, 'Stages'), diagram),
    facts,
    h('section', { 'aria-labelledby': 'tasks-title' }, h('h2#tasks-title', {}, 'Tasks'),
      h('div.table-wrap', {}, h('table#tasks-table', {},
        h('thead', {}, h('tr', {}, ['Stage', 'Task', 'Type', 'Status', 'Attempts', 'Error', 'Finished'].map((title) => h('th', { scope: 'col' }, title)))),
        tasksBody)),
      tasksPager),
    h('section', { 'aria-labelledby': 'events-title' }, h('h2#events-title', {}, 'Timeline'), timeline),
    h('section', { 'aria-labelledby': 'result-title' }, h('h2#result-title', {}, 'Result'), result));

  const path = `/api/jobs/${encodeURIComponent(jobId)}`;

  async function load() {
    try {
      const [job, stages, events, tasks] = await Promise.all([
        api(path), api(`${path}/stages`), api(`${path}/events?limit=${EVENT_PAGE}`),
        api(`${path}/tasks?limit=${TASK_PAGE}&offset=${taskOffset}`)]);
      if (closed) return;
      message.replaceChildren();
      renderHead(job);
      renderActions(job);
      renderStages(stages);
      renderFacts(job, stages);
      renderTasks(tasks);
      renderTimeline(events.events);
      result.textContent = JSON.stringify(job.error ? { result: job.result, error: job.error } : job.result, null, 2) || 'null';
      schedule(job);
    } catch (error) {
      message.replaceChildren(notice(describeError(error)));
      if (!closed) timer = setTimeout(load, REFRESH_MILLIS * 3);
    }
  }

  function schedule(job) {
    clearTimeout(timer);
    if (!FINAL.has(job.status) && !closed) timer = setTimeout(load, REFRESH_MILLIS);
  }

  function renderHead(job) {
    head.replaceChildren(
      h('h1', {}, `Job ${job.job_type} `, statusBadge(job.status)),
      h('p.muted', {}, job.subject || '', ' · ', h('code', {}, job.job_id)));
  }

  function renderActions(job) {
    const retryable = job.status === 'failed' || job.status === 'completed_with_errors';
    actions.replaceChildren(
      h('button#retry-button', { type: 'button', disabled: !retryable, onclick: () => retry() }, 'Retry'),
      h('button#cleanup-button', { type: 'button', disabled: !FINAL.has(job.status), onclick: () => cleanup() }, 'Clean up…'),
      h('a.button', { href: '#/jobs' }, 'All jobs'));
  }

  function renderStages(stages) {
    diagram.replaceChildren(...stages.stages.map((stage) => {
      const counts = stage.task_counts;
      const box = h(`li.stage-box${stage.current ? '.current' : ''}`, {
        dataset: { stage: stage.stage, total: counts.total }, 'aria-current': stage.current ? 'step' : undefined },
      h('div.stage-name', {}, `${stage.stage}. ${stage.name}`),
      h('div.stage-total', {}, `${counts.total} task${counts.total === 1 ? '' : 's'}`),
      h('ul.stage-counts', {}, TASK_STATES.filter((state) => counts[state] > 0).map((state) =>
        h('li', { dataset: { state, count: counts[state] } }, statusBadge(state), ` ${counts[state]}`))));
      return box;
    }));
  }

  function renderFacts(job, stages) {
    const rate = stages.rate_per_second;
    const eta = stages.eta_seconds;
    const fact = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
    facts.replaceChildren(
      ...fact('Progress', h('div.progress-cell', {},
        h('div.progress', { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': stages.progress_percent, 'aria-label': 'progress' },
          h('span', { style: `width: ${stages.progress_percent}%` })),
        h('span#job-progress', {}, `${stages.progress_percent}%`))),
      ...fact('Stage', `${job.stage} of ${job.total_stages}${job.stage_name ? ` (${job.stage_name})` : ''}`),
      ...fact('Rate', `${rate} tasks/s over the last ${stages.rate_window_seconds} s`),
      ...fact('ETA', eta === null ? (FINAL.has(job.status) ? 'done' : 'unknown (nothing finished in the last minute)') : `${eta} s for this stage`),
      ...fact('Run', String(job.run)),
      ...fact('Created', time(job.created_at)),
      ...fact('Started', time(job.started_at)),
      ...fact('Finished', time(job.finished_at)));
  }

  function renderTasks(page) {
    tasksBody.replaceChildren(...page.tasks.map((task) => h('tr', { dataset: { taskId: task.task_id } },
      h('td', {}, String(task.stage)),
      h('td', {}, String(task.task_index)),
      h('td', {}, task.task_type),
      h('td', {}, statusBadge(task.status)),
      h('td', {}, `${task.attempt} / ${task.max_attempts}`),
      h('td.error-cell', {}, task.error ? (task.error.message || JSON.stringify(task.error)) : ''),
      h('td', {}, time(task.finished_at)))));
    if (page.tasks.length === 0) tasksBody.append(h('tr', {}, h('td', { colspan: 7 }, 'No tasks yet.')));
    const first = page.total === 0 ? 0 : taskOffset + 1;
    tasksPager.replaceChildren(
      h('span.muted', {}, `${first}–${taskOffset + page.tasks.length} of ${page.total} tasks`),
      h('button', { type: 'button', disabled: taskOffset === 0, onclick: () => { taskOffset = Math.max(0, taskOffset - TASK_PAGE); load(); } }, 'Previous'),
      h('button', { type: 'button', disabled: taskOffset + TASK_PAGE >= page.total, onclick: () => { taskOffset += TASK_PAGE; load(); } }, 'Next'));
  }

  function renderTimeline(events) {
    timeline.replaceChildren(...events.map((event) => h('li', {},
      h('time', { datetime: event.at }, time(event.at)), ' ',
      event.task_id ? h('span.muted', {}, `task ${event.task_id.split('-').slice(1).join('-')} `) : h('strong', {}, 'job '),
      `${event.from_status || '—'} → `, statusBadge(event.to_status),
      event.attempt ? h('span.muted', {}, ` attempt ${event.attempt}`) : '',
      ` by ${event.actor}`, event.reason ? h('span.muted', {}, ` (${event.reason})`) : '')));
  }

  async function retry() {
    actionMessage.replaceChildren();
    try {
      const job = await api(`${path}/retry`, { method: 'POST' });
      actionMessage.replaceChildren(notice(`Retry started: run ${job.run || ''} is ${job.status}.`, 'info'));
      load();
    } catch (error) {
      actionMessage.replaceChildren(notice(describeError(error)));
    }
  }

  async function cleanup() {
    actionMessage.replaceChildren();
    let report;
    try {
      report = await api(`${path}/cleanup?dry_run=true`, { method: 'POST' });
    } catch (error) {
      actionMessage.replaceChildren(notice(describeError(error)));
      return;
    }
    const confirmed = await confirmCleanup(report);
    if (!confirmed) {
      actionMessage.replaceChildren(notice('Cleanup cancelled: nothing was deleted.', 'info'));
      return;
    }
    try {
      const done = await api(`${path}/cleanup?dry_run=false`, { method: 'POST' });
      const deleted = done.outputs.filter((output) => output.deleted).length;
      actionMessage.replaceChildren(notice(`Cleanup done: ${deleted} of ${done.outputs.length} outputs deleted.`, 'info'));
      load();
    } catch (error) {
      actionMessage.replaceChildren(notice(describeError(error)));
    }
  }

  await load();
  return () => {
    closed = true;
    clearTimeout(timer);
  };
}

/** Shows the dry run's list and asks whether to delete for real; resolves true on confirm. */
function confirmCleanup(report) {
  return new Promise((resolve) => {
    const items = report.outputs.length === 0
      ? [h('li', {}, 'This job recorded no outputs: the real run deletes nothing.')]
      : report.outputs.map((output) => h('li', {}, h('code', {}, output.location), ` (${output.kind}${output.exists ? '' : ', already gone'})`));
    let confirmed = false;
    const dialog = h('dialog#cleanup-dialog', { 'aria-labelledby': 'cleanup-title' },
      h('form', { method: 'dialog' },
        h('h2#cleanup-title', {}, 'Clean up this job?'),
        h('p', {}, 'Dry run: the real run deletes these outputs.'),
        h('ul#cleanup-items', {}, items),
        h('div.actions', {},
          h('button#cleanup-confirm.danger', { type: 'submit', onclick: () => { confirmed = true; } }, 'Delete for real'),
          h('button#cleanup-cancel', { type: 'submit' }, 'Cancel'))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

function time(iso) {
  return iso ? `${new Date(iso).toLocaleString()} (${age(iso)} ago)` : '—';
}
