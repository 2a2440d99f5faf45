// Small helpers the pages share: building elements, formatting ages and numbers.

/** h('tag.class', {attr: value, onclick: fn}, ...children): an element; strings become text. */
export function h(selector, attributes = {}, ...children) {
  const [tag, ...classes] = selector.split('.');
  const element = document.createElement(tag || 'div');
  if (classes.length) element.className = classes.join(' ');
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
  return element;
}

/** "12 s", "5 min", "3 h", "2 d" since an ISO time. */
export function age(isoTime, now = Date.now()) {
  if (!isoTime) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(isoTime)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86400)} d`;
}

/** A status badge: <span class="status status-completed">completed</span>. */
export function statusBadge(status) {
  return h(`span.status.status-${status}`, {}, status);
}

/** A message line for errors and empty states, announced to screen readers. */
export function notice(text, kind = 'error') {
  return h(`p.notice.notice-${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, text);
}
