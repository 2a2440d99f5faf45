// Submit: a form per job type, generated from the JSON Schema of GET /api/job-types (no form is
// written by hand for a type). "Check" asks POST /api/jobs/validate/{type} (the API's own rules,
// nothing created) and shows each problem next to its field; "Submit" needs write credentials and
// links to the new job. The equivalent curl command is kept up to date below the form.
import { api, ApiError, describeError } from '../api.js';
import { h, notice } from '../dom.js';
import { fieldFor, readValues } from '../parts/schema-form.js';
import { openBlobPicker } from '../parts/blob-picker.js';
import { consoleConfig } from '../auth.js';

export async function render(container, params) {
  container.append(h('h1', {}, 'Submit a job'));
  let types;
  try {
    types = (await api('/api/job-types')).job_types;
  } catch (error) {
    container.append(notice(describeError(error)));
    return;
  }
  const chosen = types.find((type) => type.name === params.args[0]) || types[0];
  const select = h('select', { id: 'submit-type', name: 'job_type' },
    types.map((type) => h('option', { value: type.name, selected: type === chosen }, type.name)));
  select.addEventListener('change', () => { location.hash = `#/submit/${encodeURIComponent(select.value)}`; });
  container.append(
    h('div.toolbar', {}, h('div.field', {}, h('label', { for: 'submit-type' }, 'Job type'), select)),
    h('p.muted', {}, chosen.description),
    h('p.muted', {}, `Stages: ${chosen.stages.join(' → ')}`));
  container.append(jobForm(chosen));
}

function jobForm(type) {
  const schema = type.parameters;
  const required = new Set(schema.required || []);
  const fields = Object.entries(schema.properties).map(([name, property]) => fieldFor(name, property, required.has(name)));
  const formProblems = h('div.form-problems', { id: 'form-problems' });
  const outcome = h('div.outcome', { id: 'submit-outcome', role: 'status' });
  const curl = h('pre.curl', { id: 'submit-curl', tabindex: '0', 'aria-label': 'The same request with curl' });
  const form = h('form.job-form', { novalidate: true, 'aria-label': `Parameters of ${type.name}` },
    fields.map((field) => field.element),
    formProblems,
    h('div.actions', {},
      h('button', { type: 'button', id: 'check-button', onclick: () => check() }, 'Check'),
      h('button.primary', { type: 'submit', id: 'submit-button' }, 'Submit')),
    outcome,
    h('h2', {}, 'The same with curl'),
    h('p.hint', {}, 'The credential is read from your shell ($GEOETL_API_KEY, or $GEOETL_TOKEN with Entra ID); the console never shows it.'),
    curl);

  const byName = Object.fromEntries(fields.map((field) => [field.name, field]));
  if (byName.blob_name) {
    byName.blob_name.addAction('Browse bronze…', () => openBlobPicker((blob) => {
      byName.blob_name.set(blob.name);
      if (byName.container) byName.container.set(blob.container);
      updateCurl();
    }));
  }

  function values() {
    return readValues(fields);
  }

  function updateCurl() {
    const { body } = values();
    curl.textContent = curlCommand(type.name, body);
  }

  function clearProblems() {
    fields.forEach((field) => field.showProblems([]));
    formProblems.replaceChildren();
  }

  function showProblems(error) {
    const byParameter = (error.details && error.details.by_parameter) || {};
    let first = null;
    for (const field of fields) {
      const problems = byParameter[field.name] || [];
      field.showProblems(problems);
      if (problems.length && !first) first = field;
    }
    const general = byParameter[''] || (error.details && error.details.by_parameter ? [] : [error.message]);
    formProblems.replaceChildren(...general.map((problem) => notice(problem)));
    if (first) first.focus();
  }

  async function check() {
    const { body, problems } = values();
    clearProblems();
    outcome.replaceChildren();
    if (problems.length) return showLocalProblems(problems);
    try {
      const result = await api(`/api/jobs/validate/${encodeURIComponent(type.name)}`, { method: 'POST', body, write: false });
      const what = { create: 'a new job would be created', existing: `this job exists already (${result.existing_status}): submitting returns it`,
        restart: 'this job failed before: submitting starts a new run' }[result.outcome];
      outcome.replaceChildren(
        h('p.notice.notice-info', { id: 'check-ok' }, `Parameters are valid: ${what}.`),
        h('p', {}, 'Job id: ', h('code', {}, result.job_id)),
        h('details', {}, h('summary', {}, 'Normalised parameters'), h('pre', {}, JSON.stringify(result.parameters, null, 2))));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_parameters') showProblems(error);
      else outcome.replaceChildren(notice(describeError(error)));
    }
  }

  function showLocalProblems(problems) {
    for (const { field, message } of problems) byName[field].showProblems([message]);
    byName[problems[0].field].focus();
  }

  form.addEventListener('input', updateCurl);
  form.addEventListener('change', updateCurl);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { body, problems } = values();
    clearProblems();
    outcome.replaceChildren();
    if (problems.length) return showLocalProblems(problems);
    try {
      const job = await api(`/api/jobs/submit/${encodeURIComponent(type.name)}`, { method: 'POST', body });
      const said = job.created ? 'Job created' : job.restarted ? 'Job restarted' : 'This job exists already';
      outcome.replaceChildren(h('p.notice.notice-info', { id: 'submitted' }, `${said}: `,
        h('a', { href: `#/job/${job.job_id}`, id: 'submitted-job-link' }, job.job_id)));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_parameters') showProblems(error);
      else outcome.replaceChildren(notice(describeError(error)));
    }
  });
  updateCurl();
  return form;
}

/** curl for the same submission; the credential stays in the caller's shell ($GEOETL_API_KEY or $GEOETL_TOKEN). */
export function curlCommand(typeName, body) {
  const json = JSON.stringify(body);
  const quoted = `'${json.replaceAll("'", "'\\''")}'`;
  const credential = consoleConfig().auth.mode === 'entra' ? '"Authorization: Bearer $GEOETL_TOKEN"' : '"X-API-Key: $GEOETL_API_KEY"';
  return [`curl -X POST "${location.origin}/api/jobs/submit/${encodeURIComponent(typeName)}" \\`,
    `  -H ${credential} -H "Content-Type: application/json" \\`,
    `  -d ${quoted}`].join('\n');
}
