import type { FigureResult, FigureUnit } from '../../platform/report-figures.js';
import type { ComputedFigure } from './service.js';

/* How the report's numbers read, on the page, in the files and in the PDF. */

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export function formatValue(value: number | null | undefined, unit: FigureUnit): string {
  if (value == null) return 'none';
  if (unit === 'percent') return `${oneDp.format(value)}%`;
  if (unit === 'pounds') return money.format(value);
  if (unit === 'days') return `${whole.format(value)} ${value === 1 ? 'day' : 'days'}`;
  if (unit === 'score') return oneDp.format(value);
  return whole.format(value);
}

/** "up 2.5 percentage points", "down 3", "no change", or nothing to compare with. */
export function changeText(c: ComputedFigure): string {
  if (c.figure.compareWithPrevious === false) return 'each quarter is in the table';
  if (c.change == null) return 'nothing to compare with in the period before';
  if (c.change === 0) return 'no change from the period before';
  const size = c.figure.unit === 'percent' ? `${oneDp.format(Math.abs(c.change))} percentage ${Math.abs(c.change) === 1 ? 'point' : 'points'}` : formatValue(Math.abs(c.change), c.figure.unit);
  return `${c.change > 0 ? 'up' : 'down'} ${size} from the period before`;
}

/** Whether the change is for the better (true), the worse (false) or neither (null). */
export function changeIsGood(c: ComputedFigure): boolean | null {
  if (c.change == null || c.change === 0 || c.figure.higherIsBetter === undefined) return null;
  return c.change > 0 === c.figure.higherIsBetter;
}

/** The column a chart draws: the percentage where a table has one, else its first. */
export function chartColumn(result: FigureResult): number {
  const cols = result.columns ?? [];
  const pct = cols.findIndex((c) => c.unit === 'percent');
  return pct >= 0 ? pct : 0;
}

/** The headline in words: "62.5% (50 of 80)". */
export function headline(c: ComputedFigure): string {
  const value = formatValue(c.current.value, c.figure.unit);
  return c.current.denominator != null ? `${value} (${whole.format(c.current.numerator ?? 0)} of ${whole.format(c.current.denominator)})` : value;
}

export function cellText(value: number | null, unit: FigureUnit): string {
  return value == null ? '–' : formatValue(value, unit);
}
