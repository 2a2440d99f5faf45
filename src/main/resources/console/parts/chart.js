// A small line chart as inline SVG (no chart library): one to two series over the same samples,
// scaled to the largest value, with the latest values in the legend for screen readers and eyes.
import { h } from '../dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 100;

export function lineChart(title, series) {
  const longest = Math.max(2, ...series.map((line) => line.values.length));
  const top = Math.max(1, ...series.flatMap((line) => line.values));
  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': summary(title, series) });
  svg.append(svgElement('line', { class: 'axis', x1: 0, y1: HEIGHT - 1, x2: WIDTH, y2: HEIGHT - 1 }));
  if (series.every((line) => line.values.length < 2)) {
    const waiting = svgElement('text', { class: 'waiting', x: WIDTH / 2, y: HEIGHT / 2, 'text-anchor': 'middle' });
    waiting.textContent = 'collecting samples…';
    svg.append(waiting);
  }
  series.forEach((line, index) => {
    if (line.values.length < 2) return;
    const points = line.values.map((value, i) => {
      const x = (i + longest - line.values.length) * (WIDTH / (longest - 1));
      const y = HEIGHT - 2 - (value / top) * (HEIGHT - 6);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    }).join(' ');
    svg.append(svgElement('polyline', { class: `line line-${index}`, points, 'vector-effect': 'non-scaling-stroke' }));
  });
  return h('figure.card.chart', { dataset: { chart: title } },
    h('h3', {}, title, h('span.muted', {}, `max ${format(top)}`)),
    svg,
    h('figcaption.legend', {}, series.map((line, index) =>
      h('span', {}, h(`span.swatch.swatch-${index}`), `${line.label}: ${format(last(line.values))}`))));
}

function summary(title, series) {
  return `${title}: ${series.map((line) => `${line.label} ${format(last(line.values))}`).join(', ')}`;
}

function last(values) {
  return values.length ? values[values.length - 1] : 0;
}

function format(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function svgElement(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, String(value)));
  return element;
}
