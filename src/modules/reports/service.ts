import type { TenantDb } from '../../db/tenant.js';
import { figureSections, reportFigures, type FigureResult, type ReportFigure } from '../../platform/report-figures.js';
import { previousPeriod, type Period } from './periods.js';

/* The report: every registered figure for a period and the one before, in the order of its sections. */

export interface ComputedFigure {
  figure: ReportFigure;
  current: FigureResult;
  previous: FigureResult;
  /** current − previous headline (null when either is missing) */
  change: number | null;
}

export interface Report {
  period: Period;
  previous: Period;
  sections: { key: string; title: string; figures: ComputedFigure[] }[];
  /** when the figures were worked out (the page says so: they may be up to REPORT_CACHE_MS old) */
  computedAt: Date;
}

/** Computes one figure for a period (and for the period before). */
export async function computeFigure(tenant: TenantDb, figure: ReportFigure, period: Period, now: Date): Promise<ComputedFigure> {
  const before = previousPeriod(period);
  const current = await figure.compute(tenant, { from: period.from, to: period.to, now });
  const previous = figure.compareWithPrevious === false ? { value: null } : await figure.compute(tenant, { from: before.from, to: before.to, now });
  const change = current.value != null && previous.value != null ? Math.round((current.value - previous.value) * 10) / 10 : null;
  return { figure, current, previous, change };
}

/** Reports computed in the last few minutes, by authority and period: a page, its files and its drill-downs read the same figures. */
const recent = new Map<string, { at: number; report: Promise<Report> }>();
export const REPORT_CACHE_MS = 5 * 60_000;

/** The report for the period, computed at most once every REPORT_CACHE_MS for an authority (figures run in SQL each time it is computed). */
export function cachedReport(tenant: TenantDb, period: Period, now: Date): Promise<Report> {
  const key = `${tenant.scope.laCode}|${period.key}`;
  const hit = recent.get(key);
  if (hit && now.getTime() - hit.at >= 0 && now.getTime() - hit.at < REPORT_CACHE_MS) return hit.report;
  const report = buildReport(tenant, period, now);
  recent.set(key, { at: now.getTime(), report });
  report.catch(() => recent.delete(key));
  if (recent.size > 200) recent.delete(recent.keys().next().value!);
  return report;
}

/**
 * Every figure for the period. Figures run one after another: PGlite has one connection, and on
 * PostgreSQL each is a single aggregate query.
 */
export async function buildReport(tenant: TenantDb, period: Period, now: Date): Promise<Report> {
  const computed: ComputedFigure[] = [];
  for (const figure of reportFigures.list()) computed.push(await computeFigure(tenant, figure, period, now));
  return {
    period,
    previous: previousPeriod(period),
    sections: figureSections.map((s) => ({ key: s.key, title: s.title, figures: computed.filter((c) => c.figure.section === s.key) })).filter((s) => s.figures.length),
    computedAt: now,
  };
}

export function findFigure(key: string): ReportFigure | undefined {
  return reportFigures.list().find((f) => f.key === key);
}
