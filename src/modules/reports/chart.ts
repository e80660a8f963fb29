import type { FigureUnit } from '../../platform/report-figures.js';
import { formatValue } from './presenters.js';

/*
 * The report's charts as server-rendered SVG: one image with a title and a description, each bar
 * or point labelled with its value; the page and the PDF put the figure's data table beside it.
 */

export interface ChartPoint {
  label: string;
  value: number | null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';

function frame(id: string, title: string, description: string, width: number, height: number, body: string): string {
  return `<svg class="app-chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg" focusable="false" font-family="${FONT}"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(description)}</desc>${body}</svg>`;
}

function scaleMax(points: ChartPoint[], unit: FigureUnit): number {
  if (unit === 'percent') return 100;
  const top = Math.max(1, ...points.map((p) => p.value ?? 0));
  const step = 10 ** Math.floor(Math.log10(top));
  return Math.ceil(top / step) * step;
}

/** Horizontal bars, one per row, on a scale from 0 (to 100 for a percentage). */
export function bars(id: string, title: string, points: ChartPoint[], unit: FigureUnit): string {
  const max = scaleMax(points, unit);
  const left = 250;
  const plot = 330;
  const rowHeight = 30;
  const body = points.map((p, i) => {
    const y = 8 + i * rowHeight;
    const w = p.value == null ? 0 : Math.max(p.value > 0 ? 2 : 0, (p.value / max) * plot);
    const label = p.label.length > 40 ? `${p.label.slice(0, 39)}…` : p.label;
    return `<text x="0" y="${y + 15}" font-size="13" fill="#0b0c0c">${esc(label)}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="20" fill="#1d70b8"></rect><text x="${left + w + 6}" y="${y + 15}" font-size="13" fill="#0b0c0c">${esc(formatValue(p.value, unit))}</text>`;
  }).join('');
  const description = points.map((p) => `${p.label}: ${formatValue(p.value, unit)}`).join('; ');
  return frame(id, title, description, left + plot + 90, 12 + points.length * rowHeight, body);
}

/** A line over time, oldest point first (a percentage is drawn from 0 to 100). */
export function line(id: string, title: string, points: ChartPoint[], unit: FigureUnit): string {
  const max = scaleMax(points, unit);
  const width = 640;
  const height = 220;
  const left = 44;
  const top = 16;
  const plotW = width - left - 70;
  const plotH = height - top - 44;
  const x = (i: number) => left + (points.length > 1 ? (i / (points.length - 1)) * plotW : plotW / 2);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const grid = [0, 0.5, 1].map((f) => `<line x1="${left}" x2="${left + plotW}" y1="${y(max * f)}" y2="${y(max * f)}" stroke="#b1b4b6" stroke-width="1"></line><text x="${left - 6}" y="${y(max * f) + 4}" font-size="12" text-anchor="end" fill="#0b0c0c">${esc(formatValue(max * f, unit))}</text>`).join('');
  const drawn = points.map((p, i) => ({ p, i })).filter((d) => d.p.value != null);
  const path = drawn.map((d, k) => `${k ? 'L' : 'M'}${x(d.i).toFixed(1)},${y(d.p.value!).toFixed(1)}`).join(' ');
  const marks = drawn.map((d) => `<circle cx="${x(d.i).toFixed(1)}" cy="${y(d.p.value!).toFixed(1)}" r="4" fill="#1d70b8"></circle><text x="${x(d.i).toFixed(1)}" y="${(y(d.p.value!) - 9).toFixed(1)}" font-size="12" text-anchor="middle" fill="#0b0c0c">${esc(formatValue(d.p.value, unit))}</text>`).join('');
  const labels = points.map((p, i) => (i % 2 === points.length % 2 || i === points.length - 1 ? `<text x="${x(i).toFixed(1)}" y="${height - 14}" font-size="12" text-anchor="middle" fill="#0b0c0c">${esc(p.label.replace(/^\d+ /, ''))}</text>` : '')).join('');
  const description = points.map((p) => `${p.label}: ${formatValue(p.value, unit)}`).join('; ');
  return frame(id, title, description, width, height, `${grid}<path d="${path}" fill="none" stroke="#1d70b8" stroke-width="3"></path>${marks}${labels}`);
}
