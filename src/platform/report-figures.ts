import type { RawBuilder } from 'kysely';
import type { TenantDb } from '../db/tenant.js';
import { Registry } from './registry.js';

/*
 * The figures of the reports to senior staff and cabinet. Each module that holds the facts defines
 * its figures once (its `report-figures.ts`: the SQL and the definition shown beside the figure)
 * and adds them here in its `contribute()`; the reports module lays them out, compares periods,
 * draws and exports them, and never names another module's tables (ADR 0022).
 */

/** Where a figure appears in the report, in this order. */
export const figureSections = [
  { key: 'quality', title: 'Quality of provision' },
  { key: 'outcomes', title: 'Outcomes after support' },
  { key: 'sla', title: 'Deadlines met (SLA compliance)' },
  { key: 'activity', title: 'Activity' },
] as const;
export type FigureSection = (typeof figureSections)[number]['key'];

/** The local authority (the tenant) and the dates: `from` inclusive, `to` exclusive (London dates, YYYY-MM-DD). */
export interface FigurePeriod {
  from: string;
  to: string;
  /** when the report is run: a step not done by min(now, to) is overdue */
  now: Date;
}

export type FigureUnit = 'count' | 'percent' | 'days' | 'pounds' | 'score';

export interface FigureColumn {
  label: string;
  unit: FigureUnit;
}

export interface FigureRow {
  label: string;
  values: (number | null)[];
  /** names the part of the figure whose providers `providers(…, part)` lists */
  part?: string;
}

export interface FigureResult {
  /** the headline number (null: nothing to count) */
  value: number | null;
  /** for a percentage: how many of how many */
  numerator?: number;
  denominator?: number;
  /** the breakdown shown as a table (and a chart) */
  columns?: FigureColumn[];
  rows?: FigureRow[];
  /** draw the breakdown as a line over time rather than bars */
  trend?: boolean;
}

export interface ReportFigure {
  key: string;
  section: FigureSection;
  title: string;
  /** how it is counted, in words a cabinet member reads beside the figure */
  definition: string;
  unit: FigureUnit;
  /** false: not computed again for the period before (a trend already shows it) */
  compareWithPrevious?: boolean;
  /** whether a higher value is better (the change from the previous period is coloured by it) */
  higherIsBetter?: boolean;
  /** computes the figure in SQL for the tenant's local authority */
  compute(tenant: TenantDb, period: FigurePeriod): Promise<FigureResult>;
  /** the URNs of the providers behind the figure (or behind one row of it) */
  providers?(tenant: TenantDb, period: FigurePeriod, part?: string): Promise<string[]>;
}

/** Every module's figures (`reports` reads them; the key is `module.figure`). */
export const reportFigures = new Registry<ReportFigure>('reportFigures');

/** Adds a module's figures, ordered as given after `order`. */
export function addReportFigures(figures: readonly ReportFigure[], order: number): void {
  figures.forEach((f, i) => reportFigures.add(f.key, f, order + i));
}

/** A share as a percentage to one decimal place (null when there is nothing to divide by). */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator * 1000) / denominator) / 10 : null;
}

/** Runs a figure's SQL for the tenant (the SQL names `la_code` itself). */
export function figureRows<R>(tenant: TenantDb, query: RawBuilder<R>): Promise<R[]> {
  return tenant.forJob(async (db) => (await query.execute(db)).rows);
}

/** Runs a figure's drill-down SQL, which selects `urn`. */
export async function figureUrns(tenant: TenantDb, query: RawBuilder<{ urn: string }>): Promise<string[]> {
  return (await figureRows(tenant, query)).map((r) => r.urn);
}
