// Operations: the health of each part, queue depths, zombie tasks, poison messages, janitor runs
// (with "run janitor now"), bulk retry of failed jobs (dry run first), and small charts of the
// metrics that matter, sampled from GET /api/metrics while the page is open.
import { api, describeError } from '../api.js';
import { h, age, notice } from '../dom.js';
import { table } from '../parts/table.js';
import { parseMetrics, sum } from '../parts/metrics.js';
import { lineChart } from '../parts/chart.js';
import { bulkRetrySection } from '../parts/bulk-retry.js';

const SAMPLE_EVERY_MS = 5000;
const SAMPLES_KEPT = 60;

export async function render(container) {
  const health = h('div.cards', { id: 'ops-health' });
  const queues = h('div.cards', { id: 'ops-queues' });
  const charts = h('div.charts', { id: 'ops-charts' });
  const zombies = h('div', { id: 'ops-zombies' });
  const poison = h('div', { id: 'ops-poison' });
  const janitor = h('div', { id: 'ops-janitor' });
  const janitorStatus = h('div', { role: 'status' });
  const refreshed = h('span.muted', { id: 'ops-refreshed' });
  container.append(
    h('div.section-head', {}, h('h1', {}, 'Operations'), refreshed,
      h('button', { type: 'button', id: 'ops-refresh', onclick: () => refreshAll() }, 'Refresh')),
    h('h2', {}, 'Health'), health,
    h('h2', {}, 'Queue depths'), queues,
    h('h2', {}, 'Metrics (sampled every 5 s while this page is open)'), charts,
    h('h2', {}, 'Zombie tasks'), zombies,
    h('h2', {}, 'Poison messages'), poison,
    h('div.section-head', {}, h('h2', {}, 'Janitor runs'),
      h('button', { type: 'button', id: 'run-janitor', onclick: () => runJanitor() }, 'Run janitor now')),
    janitorStatus, janitor,
    await bulkRetrySection());

  const samples = [];

  async function refreshAll() {
    await Promise.all([loadHealth(health), loadZombies(zombies), loadPoison(poison), loadJanitorRuns(janitor), sample()]);
    refreshed.textContent = `updated ${new Date().toLocaleTimeString()}`;
  }

  async function sample() {
    try {
      const metrics = parseMetrics(await api('/api/metrics'));
      samples.push({ at: Date.now(), metrics });
      if (samples.length > SAMPLES_KEPT) samples.shift();
      showQueues(queues, metrics);
      showCharts(charts, samples);
    } catch (error) {
      queues.replaceChildren(notice(describeError(error)));
    }
  }

  async function runJanitor() {
    janitorStatus.replaceChildren(h('p.hint', {}, 'Sweeping…'));
    try {
      const report = await api('/api/dbadmin/janitor/run', { method: 'POST' });
      const said = report.swept ? `Janitor swept: ${report.actions.length} repair(s).` : report.note;
      janitorStatus.replaceChildren(h('p.notice.notice-info', { id: 'janitor-result' }, said));
      await loadJanitorRuns(janitor);
    } catch (error) {
      janitorStatus.replaceChildren(notice(describeError(error)));
    }
  }

  await refreshAll();
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  return () => clearInterval(timer);
}

async function loadHealth(target) {
  // a 503 still carries each part's status, so this reads the body whatever the status
  let report;
  try {
    report = await api('/api/health', { also: [503] });
  } catch (error) {
    target.replaceChildren(notice(describeError(error)));
    return;
  }
  target.replaceChildren(...Object.entries(report.checks || {}).map(([part, check]) =>
    h('div.card', { dataset: { part } },
      h('h3', {}, part, h(`span.status.status-${check.status}`, {}, check.status)),
      h('p.muted', {}, check.detail || ''))));
}

function showQueues(target, metrics) {
  const depths = metrics.filter((metric) => metric.name === 'geoetl_queue_depth');
  if (!depths.length) {
    target.replaceChildren(h('p.muted', {}, 'No queue depth reported yet.'));
    return;
  }
  target.replaceChildren(...depths.map((metric) =>
    h('div.card', { dataset: { queue: metric.labels.queue } },
      h('h3', {}, metric.labels.queue),
      h('p.value', { 'aria-label': `${metric.labels.queue}: ${metric.value} message(s) waiting` }, String(metric.value)),
      h('p.muted', {}, metric.labels.queue.endsWith('-poison') ? 'parked messages' : 'messages waiting (approximate)'))));
}

function showCharts(target, samples) {
  const rate = (name, outcome) => samples.slice(1).map((current, index) => {
    const previous = samples[index];
    const seconds = (current.at - previous.at) / 1000;
    const delta = sum(current.metrics, name, { outcome }) - sum(previous.metrics, name, { outcome });
    return Math.max(0, (delta / seconds) * 60);
  });
  const depth = (filter) => samples.map((entry) => entry.metrics
    .filter((metric) => metric.name === 'geoetl_queue_depth' && filter(metric.labels.queue))
    .reduce((total, metric) => total + metric.value, 0));
  target.replaceChildren(
    lineChart('Tasks per minute', [
      { label: 'completed', values: rate('geoetl_tasks_total', 'completed') },
      { label: 'failed', values: rate('geoetl_tasks_total', 'failed') }]),
    lineChart('Jobs per minute', [
      { label: 'completed', values: rate('geoetl_jobs_total', 'completed') },
      { label: 'failed', values: rate('geoetl_jobs_total', 'failed') }]),
    lineChart('Queue depth', [
      { label: 'tasks', values: depth((queue) => !queue.endsWith('-poison')) },
      { label: 'poison', values: depth((queue) => queue.endsWith('-poison')) }]));
}

async function loadZombies(target) {
  try {
    const reply = await api('/api/dbadmin/zombie-tasks?limit=50');
    if (!reply.tasks.length) {
      target.replaceChildren(h('p.muted', {}, `None: no task in processing without a heartbeat for ${reply.stale_after_seconds} s.`));
      return;
    }
    target.replaceChildren(table(['Task', 'Job', 'Type', 'Worker', 'Attempt', 'Silent for'], reply.tasks.map((task) => [
      h('code', {}, task.task_id), h('a', { href: `#/job/${task.job_id}` }, task.job_id.slice(0, 12)), task.job_type,
      task.worker, `${task.attempt} / ${task.max_attempts}`, `${Math.round(task.age_seconds)} s`])));
  } catch (error) {
    target.replaceChildren(notice(describeError(error)));
  }
}

async function loadPoison(target) {
  try {
    const reply = await api('/api/dbadmin/poison?limit=32');
    const rows = [
      ...reply.messages.map((message) => [reply.queue, message.reason || message.error || '', message.job_id || '', age(message.parked_at)]),
      ...reply.blob_events.messages.map((message) => [reply.blob_events.queue, (message.message || '').slice(0, 120), '', age(message.parked_at)]),
    ];
    target.replaceChildren(rows.length ? table(['Queue', 'Reason or message', 'Job', 'Parked'], rows)
      : h('p.muted', {}, `None parked in ${reply.queue} or ${reply.blob_events.queue}.`));
  } catch (error) {
    target.replaceChildren(notice(describeError(error)));
  }
}

async function loadJanitorRuns(target) {
  try {
    const reply = await api('/api/dbadmin/janitor/runs?limit=10');
    if (!reply.runs.length) {
      target.replaceChildren(h('p.muted', {}, 'No janitor run recorded yet.'));
      return;
    }
    target.replaceChildren(table(['When', 'Asked by', 'Router', 'Took', 'Repairs'], reply.runs.map((run) => [
      h('time', { datetime: run.started_at, title: run.started_at }, `${age(run.started_at)} ago`), run.actor, run.worker,
      `${run.duration_ms} ms`, run.action_count ? Object.entries(run.actions).map(([kind, count]) => `${kind}: ${count}`).join(', ') : 'none'])));
  } catch (error) {
    target.replaceChildren(notice(describeError(error)));
  }
}
