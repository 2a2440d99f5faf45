// Reads the Prometheus text of GET /api/metrics into [{ name, labels, value }] (comments skipped).
const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text) {
  const metrics = [];
  for (const line of String(text).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, name, value] of (match[2] || '').matchAll(LABEL)) labels[name] = value.replace(/\\(.)/g, (all, c) => (c === 'n' ? '\n' : c));
    metrics.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return metrics;
}

/** The sum of every sample of {@code name} whose labels include {@code labels}. */
export function sum(metrics, name, labels = {}) {
  return metrics.filter((metric) => metric.name === name && Object.entries(labels).every(([key, value]) => metric.labels[key] === value))
    .reduce((total, metric) => total + metric.value, 0);
}
