import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { addMonths, formatDate, londonDate } from '../../platform/dates.js';
import { render } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { services } from './labels.js';
import * as repo from './repository.js';

/** Counts of dates per calendar month, for the `months` months that end with `lastMonth` ('YYYY-MM'), oldest first. */
export function monthlyCounts(dates: readonly string[], lastMonth: string, months: number): { month: string; count: number }[] {
  const out: { month: string; count: number }[] = [];
  for (let i = months - 1; i >= 0; i--) out.push({ month: addMonths(`${lastMonth}-01`, -i).slice(0, 7), count: 0 });
  for (const d of dates) {
    const bucket = out.find((m) => m.month === d.slice(0, 7));
    if (bucket) bucket.count++;
  }
  return out;
}

/** The median of whole days, or null with none. */
export function medianDays(days: readonly number[]): number | null {
  if (!days.length) return null;
  const sorted = [...days].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A column chart of counts (server-rendered SVG, each column labelled with its value; the page also shows the table). */
export function columnChart(id: string, title: string, rows: readonly { label: string; short?: string; count: number }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const col = 44;
  const height = 160;
  const bars = rows.map((r, i) => {
    const h = (r.count / max) * height;
    const x = i * col + 8;
    return `<rect x="${x}" y="${20 + height - h}" width="${col - 12}" height="${h.toFixed(1)}" fill="#1d70b8"></rect><text x="${x + (col - 12) / 2}" y="${14 + height - h}" text-anchor="middle" font-size="12">${r.count}</text><text x="${x + (col - 12) / 2}" y="${height + 36}" text-anchor="middle" font-size="11">${escape(r.short ?? r.label)}</text>`;
  });
  return `<svg class="app-chart" viewBox="0 0 ${rows.length * col + 16} ${height + 48}" width="100%" role="img" aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg" focusable="false" font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"><title id="${id}-title">${escape(title)}</title>${bars.join('')}</svg>`;
}

/** The inclusion report: referrals per month, decisions, waiting times, caseloads, DAF and inclusion fund spend; as a page and CSV. */
export function reportRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const figures = async (request: FastifyRequest) => {
    const ctx = ctxOf(request);
    const today = londonDate(ctx.clock.now());
    const [referrals, staff, daf, fund] = await Promise.all([
      ctx.tenant.selectFrom('inclusion_referrals').leftJoin('inclusion_panels', 'inclusion_panels.id', 'inclusion_referrals.panel_id').leftJoin('inclusion_children', 'inclusion_children.id', 'inclusion_referrals.child_id')
        .select(['inclusion_referrals.submitted_at', 'inclusion_referrals.decision', 'inclusion_referrals.service', 'inclusion_referrals.decided_at', 'inclusion_panels.meets_on', 'inclusion_children.first_contact_at']).where('inclusion_referrals.status', '<>', 'draft').execute(),
      repo.practitioners(ctx.tenant),
      ctx.tenant.selectFrom('inclusion_daf_claims').select(['financial_year', 'status', 'amount_pence']).execute(),
      ctx.tenant.selectFrom('inclusion_fund_applications').select(['term', 'status', 'amount_pence']).execute(),
    ]);
    const months = monthlyCounts(referrals.flatMap((r) => (r.submitted_at ? [londonDate(r.submitted_at)] : [])), today.slice(0, 7), 12)
      .map((m) => { const label = formatDate(`${m.month}-01`).replace(/^1 /, ''); return { label, short: `${label.slice(0, 3)} ${m.month.slice(2, 4)}`, count: m.count }; });
    const outcome = (r: (typeof referrals)[number]) => (r.decision === 'meets' ? services[r.service as keyof typeof services] ?? 'Meets criteria' : r.decision === 'does_not_meet' ? 'Does not meet criteria' : 'Waiting for the panel');
    const decisions = [...referrals.reduce((m, r) => m.set(outcome(r), (m.get(outcome(r)) ?? 0) + 1), new Map<string, number>())].map(([label, count]) => ({ label, count }));
    const toPanel = medianDays(referrals.flatMap((r) => (r.submitted_at && r.meets_on ? [dayCount(londonDate(r.submitted_at), r.meets_on)] : [])));
    const toContact = medianDays(referrals.flatMap((r) => (r.decided_at && r.first_contact_at && r.decision === 'meets' ? [dayCount(londonDate(r.decided_at), londonDate(r.first_contact_at))] : [])));
    const spend = (rows: readonly { status: string; amount_pence: number | null }[], key: (r: never) => string, paid: string) => [...rows.reduce((m, r) => (r.status === paid ? m.set(key(r as never), (m.get(key(r as never)) ?? 0) + (r.amount_pence ?? 0)) : m), new Map<string, number>())].map(([label, pence]) => ({ label, pounds: pence / 100 }));
    return {
      months, decisions, toPanel, toContact,
      caseloads: staff.filter((s) => (s.caseload ?? 0) > 0).map((s) => ({ label: s.name, count: s.caseload ?? 0 })),
      dafSpend: spend(daf, (r: { financial_year: string }) => r.financial_year, 'paid'),
      fundSpend: spend(fund, (r: { term: string }) => r.term, 'approved'),
      ctx,
    };
  };
  return async (app: FastifyInstance) => {
    app.get('/inclusion/report', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const { ctx, ...f } = await figures(request);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion.report_viewed' });
      return render(request, reply, 'inclusion/views/report.njk', { ...f, chart: columnChart('referrals-per-month', 'Referrals sent to the Early Years panel per month, last 12 months', f.months) });
    });
    app.get('/inclusion/report/export', { config: { permission: 'inclusion:work' } }, async (request, reply) => {
      const { ctx, ...f } = await figures(request);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'inclusion.report_exported' });
      const rows: unknown[][] = [
        ...f.months.map((m) => ['Referrals per month', m.label, m.count]),
        ...f.decisions.map((d) => ['Decisions by outcome', d.label, d.count]),
        ['Median days from referral to panel', '', f.toPanel ?? ''],
        ['Median days from panel to first contact', '', f.toContact ?? ''],
        ...f.caseloads.map((c) => ['Open cases per practitioner', c.label, c.count]),
        ...f.dafSpend.map((s) => ['Disability Access Fund paid (£)', s.label, s.pounds.toFixed(2)]),
        ...f.fundSpend.map((s) => ['Inclusion fund approved (£)', s.label, s.pounds.toFixed(2)]),
      ];
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="inclusion-report.csv"').header('cache-control', 'no-store').send(toCsv(['Figure', 'For', 'Value'], rows));
    });
  };
}
