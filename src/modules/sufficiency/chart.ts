import type { WardFigures, AgeBand } from './calc.js';
import { ageBands } from './calc.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Places per 100 children in each ward for one age band, as a server-rendered SVG: one bar per ward
 * labelled with its value (and "under threshold", so colour is never the only signal), and a dashed
 * line at the LA's threshold. The table beside it carries the same figures for screen readers.
 */
/** An empty string when no ward has a rate for the band. */
export function wardChart(wards: readonly WardFigures[], band: AgeBand, threshold: number): string {
  const rows = wards.filter((w) => w.bands[band].per100 !== null);
  if (!rows.length) return '';
  const id = `chart-${band}`;
  const labelWidth = 220;
  const plotWidth = 420;
  const barHeight = 18;
  const gap = 8;
  const max = Math.max(threshold * 1.5, ...rows.map((w) => w.bands[band].per100 ?? 0), 1);
  const x = (v: number) => labelWidth + (v / max) * plotWidth;
  const top = 28;
  const parts = rows.map((w, i) => {
    const f = w.bands[band];
    const y = top + i * (barHeight + gap);
    const width = Math.max(2, x(f.per100!) - labelWidth);
    const label = w.ward.length > 30 ? `${w.ward.slice(0, 29)}…` : w.ward;
    return `<text x="0" y="${y + 14}" class="app-chart__label">${escape(label)}</text>`
      + `<rect x="${labelWidth}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${f.flagged ? '#d4351c' : '#1d70b8'}"></rect>`
      + `<text x="${labelWidth + width + 6}" y="${y + 14}" class="app-chart__value">${f.per100}${f.flagged ? ' (under threshold)' : ''}</text>`;
  });
  const height = top + rows.length * (barHeight + gap) + 8;
  const tx = x(threshold);
  const thresholdLine = `<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${height - 4}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="6 4"></line><text x="${tx}" y="14" text-anchor="middle" class="app-chart__tick">Threshold ${threshold}</text>`;
  const title = `Places per 100 children aged ${ageBands[band].label}, by ward`;
  const desc = `${rows.length} wards with population figures; ${rows.filter((w) => w.bands[band].flagged).length} under the threshold of ${threshold} places per 100 children.`;
  return `<svg class="app-chart" id="${id}" viewBox="0 0 ${labelWidth + plotWidth + 160} ${height}" width="${labelWidth + plotWidth + 160}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg" focusable="false" font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"><title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(desc)}</desc>${parts.join('')}${thresholdLine}</svg>`;
}
