// Turns one property of a job type's JSON Schema into a labelled form field: integer → number input
// with min/max, boolean → yes/no/default select, enum → select, string → text with its pattern,
// arrays → comma-separated text. The description is the help text. An empty field is left out of
// the request, so the API fills in the declared default.
import { h } from '../dom.js';

let counter = 0;

export function fieldFor(name, property, required) {
  const id = `param-${name}-${++counter}`;
  const helpId = `${id}-help`;
  const problemId = `${id}-problem`;
  const input = inputFor(name, property, id, required);
  input.setAttribute('aria-describedby', `${helpId} ${problemId}`);
  const help = h('p.hint', { id: helpId }, helpText(property));
  const problems = h('ul.field-problems', { id: problemId, 'aria-live': 'polite' });
  const actions = h('span.field-actions');
  const element = h('div.form-field', { dataset: { parameter: name } },
    h('label', { for: id }, name, required ? h('span.required', { 'aria-hidden': 'true' }, ' *') : null,
      required ? h('span.visually-hidden', {}, ' (required)') : null),
    h('div.field-input', {}, input, actions), help, problems);
  return {
    name,
    element,
    read: () => readValue(name, property, input),
    set(value) { input.value = value; },
    focus() { input.focus(); },
    addAction(label, onclick) { actions.append(h('button', { type: 'button', onclick }, label)); },
    showProblems(list) {
      problems.replaceChildren(...list.map((text) => h('li', {}, text)));
      if (list.length) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}

/** { body: the parameters to send, problems: [{field, message}] found before asking the API }. */
export function readValues(fields) {
  const body = {};
  const problems = [];
  for (const field of fields) {
    const { value, problem } = field.read();
    if (problem) problems.push({ field: field.name, message: problem });
    else if (value !== undefined) body[field.name] = value;
  }
  return { body, problems };
}

function inputFor(name, property, id, required) {
  const type = property.type;
  const placeholder = property.default !== undefined ? `default: ${property.default}` : '';
  if (Array.isArray(property.enum)) {
    return h('select', { id, name },
      h('option', { value: '' }, property.default !== undefined ? `(default: ${property.default})` : '(none)'),
      property.enum.map((value) => h('option', { value }, value)));
  }
  if (type === 'boolean') {
    return h('select', { id, name },
      h('option', { value: '' }, property.default !== undefined ? `(default: ${property.default ? 'yes' : 'no'})` : '(not set)'),
      h('option', { value: 'true' }, 'yes'), h('option', { value: 'false' }, 'no'));
  }
  if (type === 'integer' || type === 'number') {
    return h('input', { id, name, type: 'number', step: type === 'integer' ? '1' : 'any', min: property.minimum, max: property.maximum,
      placeholder, required, inputmode: 'numeric' });
  }
  if (type === 'array') {
    return h('input', { id, name, type: 'text', placeholder: 'comma-separated', autocomplete: 'off' });
  }
  const input = h('input', { id, name, type: 'text', placeholder, required, autocomplete: 'off', spellcheck: 'false' });
  if (property.pattern && patternWorksInBrowser(property.pattern)) input.setAttribute('pattern', property.pattern);
  if (property.maxLength) input.setAttribute('maxlength', property.maxLength);
  return input;
}

// the browser compiles the pattern attribute with the v flag; a Java pattern it cannot read is shown as help only
function patternWorksInBrowser(pattern) {
  try {
    new RegExp(pattern, 'v');
    return true;
  } catch {
    return false;
  }
}

function helpText(property) {
  const parts = [property.description || ''];
  if (property.minimum !== undefined || property.maximum !== undefined) parts.push(`Range ${property.minimum ?? '…'} to ${property.maximum ?? '…'}.`);
  if (property.default !== undefined) parts.push(`Default ${JSON.stringify(property.default)}.`);
  if (property.pattern) parts.push(`Pattern ${property.pattern}.`);
  if (property.type === 'array') parts.push('Several values separated by commas.');
  return parts.filter(Boolean).join(' ');
}

function readValue(name, property, input) {
  const text = input.value.trim();
  if (text === '') return { value: undefined };
  if (property.type === 'boolean') return { value: text === 'true' };
  if (property.type === 'integer' || property.type === 'number') {
    // a number the browser cannot parse is sent as text, so the API names the problem in its own words
    const number = Number(text);
    return { value: Number.isFinite(number) ? number : text };
  }
  if (property.type === 'array') {
    const itemType = property.items && property.items.type;
    const items = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
    return { value: items.map((item) => (itemType === 'integer' || itemType === 'number') && Number.isFinite(Number(item)) ? Number(item) : item) };
  }
  return { value: text };
}
