/*
 * Server-rendered SVG bar charts (no JavaScript). Each bar is labelled with its value, so colour is
 * never the only way to tell series apart, and every chart is followed by a data table for screen
 * readers: the SVG itself is one image with a title and a description.
 */

export interface ChartRow {
  label: string;
  /** one value per series, 0-100, or null when there is none */
  values: (number | null)[];
}

const palette = ['#1d70b8', '#f47738', '#00703c', '#4c2c92', '#d4351c', '#505a5f'];
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if ((line + ' ' + word).trim().length > max && line) {
      lines.push(line);
      line = word;
    } else line = `${line} ${word}`.trim();
  }
  if (line) lines.push(line);
  return lines.slice(0, 3);
}

/** Horizontal bars, one group per row, one bar per series; values are percentages. */
export function barChart(input: { id: string; title: string; description: string; series: string[]; rows: ChartRow[] }): string {
  const labelWidth = 260;
  const plotWidth = 380;
  const barHeight = 18;
  const gap = 6;
  const groupGap = 18;
  const legendHeight = input.series.length > 1 ? 28 : 0;
  let y = legendHeight + 24;
  const parts: string[] = [];
  for (const row of input.rows) {
    const groupHeight = Math.max(input.series.length * (barHeight + gap) - gap, wrap(row.label, 38).length * 16);
    wrap(row.label, 38).forEach((line, i) => parts.push(`<text x="0" y="${y + 13 + i * 16}" class="app-chart__label">${escape(line)}</text>`));
    row.values.forEach((value, s) => {
      const by = y + s * (barHeight + gap);
      const width = value === null ? 0 : Math.max(2, (value / 100) * plotWidth);
      parts.push(`<rect x="${labelWidth}" y="${by}" width="${width.toFixed(1)}" height="${barHeight}" fill="${palette[s % palette.length]}"></rect>`);
      parts.push(`<text x="${labelWidth + width + 6}" y="${by + 14}" class="app-chart__value">${value === null ? 'none' : `${Math.round(value)}%`}${input.series.length > 1 ? ` ${escape(input.series[s] ?? '')}` : ''}</text>`);
    });
    y += groupHeight + groupGap;
  }
  const axis = [0, 25, 50, 75, 100].map((tick) => {
    const x = labelWidth + (tick / 100) * plotWidth;
    return `<line x1="${x}" y1="${legendHeight + 16}" x2="${x}" y2="${y - groupGap + 4}" class="app-chart__grid"></line><text x="${x}" y="${legendHeight + 12}" text-anchor="middle" class="app-chart__tick">${tick}%</text>`;
  });
  const legend = input.series.length > 1
    ? input.series.map((name, s) => `<rect x="${s * 190}" y="0" width="14" height="14" fill="${palette[s % palette.length]}"></rect><text x="${s * 190 + 20}" y="12" class="app-chart__tick">${escape(name)}</text>`)
    : [];
  const height = y;
  const width = labelWidth + plotWidth + 150;
  return `<svg class="app-chart" id="${escape(input.id)}" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${escape(input.id)}-title ${escape(input.id)}-desc" xmlns="http://www.w3.org/2000/svg" focusable="false" font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"><title id="${escape(input.id)}-title">${escape(input.title)}</title><desc id="${escape(input.id)}-desc">${escape(input.description)}</desc>${legend.join('')}${axis.join('')}${parts.join('')}</svg>`;
}
