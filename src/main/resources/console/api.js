// Talks to /api: adds the caller's credentials, turns {code, message, details} errors into ApiError
// with a sentence a person can act on, and asks for the API key (kept in sessionStorage) when a
// write needs one or a read answers 401 (geoetl.auth.read-open=false). Pages import
// { api, ApiError } and never call fetch for /api themselves.

const KEY_STORAGE = 'geoetl.apiKey';
const listeners = new Set();

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
  credentialsChanged();
}

// Counts credential changes: a read that answered 401 with older credentials is simply sent again.
let generation = 0;
// Set when the person cancels the key dialog of a read: further reads say so instead of asking
// again (the operations page reads every 5 s), until the credentials change.
let readsDeclined = false;
// The one key dialog open for reads: every read that answers 401 meanwhile waits for it.
let pendingReadCredentials = null;

function credentialsChanged() {
  generation += 1;
  readsDeclined = false;
  listeners.forEach((listener) => listener());
}

/** Called whenever the key changes (the header shows whether one is set). */
export function onCredentialsChange(listener) {
  listeners.add(listener);
}

// How a request gets its credentials. The API key by default; another sign-in (Entra ID) replaces
// it with useCredentials({ headers, obtain, describe }).
let credentials = {
  headers: () => (apiKey() ? { 'X-API-Key': apiKey() } : {}),
  obtain: (reason) => askForApiKey(reason),
  describe: () => (apiKey() ? 'API key set' : 'no API key'),
};

export function useCredentials(provider) {
  credentials = provider;
  credentialsChanged();
}

export function describeCredentials() {
  return credentials.describe();
}

export function obtainCredentials() {
  return credentials.obtain('The key is sent with every request of this tab: reads that need one and writes.');
}

/**
 * Calls the API and returns the parsed JSON (or text). Options: method, body (an object is sent as
 * JSON), write (true: ask for credentials first when there are none, and once more after a 401;
 * false: a read, which asks for them only when it answers 401), also (statuses whose body is
 * returned like a success's, e.g. [503] for the health report).
 */
export async function api(path, { method = 'GET', body, write = method !== 'GET', signal, also = [] } = {}) {
  if (write && Object.keys(credentials.headers()).length === 0) {
    const given = await credentials.obtain();
    if (!given) throw noCredential();
  }
  const sentWith = generation;
  let response = await send(path, method, body, signal);
  if (response.status === 401) {
    const given = generation !== sentWith || (write ? await credentials.obtain(REJECTED) : await credentialsToRead());
    if (!given) throw write ? noCredential() : readNeedsCredential();
    response = await send(path, method, body, signal);
  }
  return read(response, also);
}

const REJECTED = 'the API did not accept the credentials: enter a valid API key';

async function credentialsToRead() {
  if (readsDeclined) return false;
  if (!pendingReadCredentials) {
    const reason = Object.keys(credentials.headers()).length === 0
      ? 'Reading needs credentials here (the API does not allow anonymous reads): enter an API key that may read.'
      : REJECTED;
    pendingReadCredentials = Promise.resolve(credentials.obtain(reason)).then((given) => {
      if (!given) readsDeclined = true;
      return given;
    }).finally(() => { pendingReadCredentials = null; });
  }
  return pendingReadCredentials;
}

function send(path, method, body, signal) {
  // GeoJSON answers (features, STAC items) are JSON too: ask for both
  const headers = { Accept: 'application/json, application/geo+json', ...credentials.headers() };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  return fetch(path, { method, headers, body: payload, signal });
}

async function read(response, also) {
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  if (response.ok || also.includes(response.status)) return data;
  const code = (data && data.code) || `http_${response.status}`;
  const message = (data && data.message) || `the API answered ${response.status}`;
  throw new ApiError(response.status, code, explain(response.status, message), data && data.details);
}

function explain(status, message) {
  if (status === 401) return `No credential: ${message}`;
  if (status === 403) return `This key may not write: ${message}`;
  return message;
}

function noCredential() {
  return new ApiError(401, 'no_credential', 'No credential: this action changes something and needs an API key that may write.');
}

/** Dispatched on window when a read is refused for want of credentials (the shell then says how to give them). */
export const READS_NEED_CREDENTIALS = 'geoetl:reads-need-credentials';

function readNeedsCredential() {
  window.dispatchEvent(new Event(READS_NEED_CREDENTIALS));
  return new ApiError(401, 'no_credential', 'No credential: reading needs an API key here.');
}

/** The text to show for any error a page caught. */
export function describeError(error) {
  if (error instanceof ApiError) return error.message;
  return `The API could not be reached: ${error.message}`;
}

/** A modal dialog asking for the API key; resolves true when one was entered. */
export function askForApiKey(reason) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'key-dialog';
    dialog.setAttribute('aria-labelledby', 'key-dialog-title');
    dialog.innerHTML = `
      <form method="dialog">
        <h2 id="key-dialog-title">API key needed</h2>
        <p class="reason"></p>
        <label for="key-dialog-input">API key (X-API-Key)</label>
        <input id="key-dialog-input" name="key" type="password" autocomplete="off" required>
        <p class="hint">Kept in this browser tab only (sessionStorage) until the tab closes.</p>
        <div class="actions">
          <button type="submit" value="ok" class="primary">Use this key</button>
          <button type="button" value="cancel" class="cancel">Cancel</button>
        </div>
      </form>`;
    dialog.querySelector('.reason').textContent = reason || 'This action changes something: the API needs a key that may write.';
    const input = dialog.querySelector('input');
    let entered = false;
    dialog.querySelector('form').addEventListener('submit', () => {
      entered = input.value.trim() !== '';
      if (entered) setApiKey(input.value.trim());
    });
    dialog.querySelector('.cancel').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(entered);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
