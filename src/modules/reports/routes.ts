import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext, type ActionContext } from '../../platform/context.js';
import { addDays, londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import { periodOfRequest } from './schemas.js';
import { roleCan } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { bars, line } from './chart.js';
import { englandComparison } from './comparison.js';
import { periodChoices } from './periods.js';
import { canSeeNames, manage, view } from './policy.js';
import { cellText, changeIsGood, changeText, chartColumn, formatValue, headline } from './presenters.js';
import { narrativeFor, providersNamed, reportSettings, saveNarrative, saveReportSettings } from './repository.js';
import { cachedReport, computeFigure, findFigure, type Report } from './service.js';
import { registerReportFiles } from './file-routes.js';

type Query = { Querystring: Record<string, string | undefined> };

/** What the dashboard and the files show of a report: each figure with its words, chart and rows. */
export function reportView(report: Report) {
  return report.sections.map((s) => ({
    ...s,
    figures: s.figures.map((c) => {
      const col = chartColumn(c.current);
      const rows = c.current.rows ?? [];
      const points = rows.map((r) => ({ label: r.label, value: r.values[col] ?? null }));
      const unit = c.current.columns?.[col]?.unit ?? c.figure.unit;
      const id = `chart-${c.figure.key.replace(/[^a-z0-9]+/g, '-')}`;
      return {
        key: c.figure.key, title: c.figure.title, definition: c.figure.definition, headline: headline(c),
        previous: formatValue(c.previous.value, c.figure.unit), change: changeText(c), good: changeIsGood(c),
        drill: Boolean(c.figure.providers),
        chart: points.length ? (c.current.trend ? line(id, c.figure.title, points, unit) : bars(id, c.figure.title, points, unit)) : null,
        columns: c.current.columns ?? [],
        rows: rows.map((r) => ({ label: r.label, part: r.part, cells: r.values.map((v, i) => cellText(v, c.current.columns?.[i]?.unit ?? 'count')) })),
      };
    }),
  }));
}

export function reportRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest): ActionContext => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    app.get<Query>('/reports', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const today = londonDate(ctx.clock.now());
      const { period, errors } = periodOfRequest(request.query, today);
      const [report, comparison, narrative, settings] = [await cachedReport(ctx.tenant, period, ctx.clock.now()), await englandComparison(ctx.tenant), await narrativeFor(ctx.tenant, period.key), await reportSettings(ctx.tenant)];
      return render(request, reply, 'reports/views/dashboard.njk', {
        period, lastDay: addDays(period.to, -1), previous: report.previous, computedAt: report.computedAt, sections: reportView(report), comparison, narrative, errors,
        values: errors ? (request.query as Record<string, string>) : {},
        choices: periodChoices(today).map((p) => ({ value: p.key, text: p.label, selected: p.key === period.key })),
        canManage: roleCan(ctx.user.role, manage),
        drillDown: canSeeNames(ctx.user.role, settings) ? 'names' : 'counts',
      }, errors ? 400 : 200);
    });

    app.get<Query>('/reports/providers', { config: { permission: view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const figure = findFigure(request.query.figure ?? '');
      if (!figure?.providers) throw new NotFoundError();
      const { period } = periodOfRequest(request.query, londonDate(ctx.clock.now()));
      const part = request.query.part || undefined;
      const urns = await figure.providers(ctx.tenant, { from: period.from, to: period.to, now: ctx.clock.now() }, part);
      const computed = await computeFigure(ctx.tenant, figure, period, ctx.clock.now());
      const row = part ? computed.current.rows?.find((r) => r.part === part) : undefined;
      const names = canSeeNames(ctx.user.role, await reportSettings(ctx.tenant));
      return render(request, reply, 'reports/views/providers.njk', { figure, period, row, count: urns.length, providers: names ? await providersNamed(ctx.tenant, urns) : [], names, staff: ctx.user.role !== 'viewer' });
    });

    const narrativePage = async (request: FastifyRequest<Query>, reply: FastifyReply, errors: FormErrors | null = null, values: Record<string, string> = {}) => {
      const ctx = ctxOf(request);
      const { period } = periodOfRequest(request.query, londonDate(ctx.clock.now()));
      const saved = await narrativeFor(ctx.tenant, period.key);
      return render(request, reply, 'reports/views/narrative.njk', { period, errors, values: errors ? values : { summary: saved?.summary ?? '', nextSteps: saved?.next_steps ?? '' } }, errors ? 400 : 200);
    };
    app.get<Query>('/reports/narrative', { config: { permission: manage } }, (request, reply) => narrativePage(request, reply));
    app.post<Query>('/reports/narrative', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { period } = periodOfRequest(request.query, londonDate(ctx.clock.now()));
      const body = (request.body ?? {}) as Record<string, string>;
      const summary = String(body.summary ?? '').trim();
      const nextSteps = String(body.nextSteps ?? '').trim();
      const pairs: [string, string][] = [];
      if (!summary) pairs.push(['summary', 'Enter the summary for the period']);
      if (summary.length > 10_000 || nextSteps.length > 10_000) pairs.push([summary.length > 10_000 ? 'summary' : 'nextSteps', 'Write 10,000 characters or fewer']);
      if (pairs.length) return narrativePage(request, reply, formErrors(pairs), { summary, nextSteps });
      await saveNarrative(ctx.tenant, period.key, { summary, nextSteps }, ctx.clock.now());
      setFlash(reply, `The narrative for ${period.label} is saved: it goes in the cabinet report`);
      return reply.redirect(`/reports?period=${encodeURIComponent(period.key)}`, 303);
    });

    const settingsPage = async (request: FastifyRequest, reply: FastifyReply, errors: FormErrors | null = null, values?: Record<string, string>) => {
      const ctx = ctxOf(request);
      const s = await reportSettings(ctx.tenant);
      const las = await ctx.tenant.forJob((db) => db.selectFrom('local_authorities').select(['la_code', 'name']).where('status', '=', 'current').orderBy('name').execute());
      const chosen = values ? (values.neighbours ?? '').split(',') : s.neighbours;
      const options = las.filter((l) => l.la_code !== ctx.user.laCode).map((l) => ({ value: l.la_code, text: `${l.name} (${l.la_code})`, checked: chosen.includes(l.la_code) }));
      return render(request, reply, 'reports/views/settings.njk', {
        errors, chosenNames: options.filter((o) => o.checked).map((o) => o.text).join(', '), values: values ?? { recipients: s.recipients.join('\n'), viewerSeesNames: s.viewerSeesNames ? 'yes' : 'no' },
        neighbours: options,
      }, errors ? 400 : 200);
    };
    app.get('/reports/settings', { config: { permission: manage } }, (request, reply) => settingsPage(request, reply));
    app.post('/reports/settings', { config: { permission: manage } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, string | string[]>;
      const neighbours = ([] as string[]).concat(body.neighbours ?? []).filter((c) => /^\d{3}$/.test(c));
      const recipients = String(body.recipients ?? '').split(/[\n,;]+/).map((e) => e.trim()).filter(Boolean);
      const bad = recipients.find((e) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e));
      const viewerSeesNames = body.viewerSeesNames === 'yes';
      if (bad || neighbours.length > 20) {
        const pairs: [string, string][] = bad ? [['recipients', `“${bad}” is not an e-mail address: write one address a line, like name@council.gov.uk`]] : [['neighbours', 'Choose 20 statistical neighbours or fewer']];
        return settingsPage(request, reply, formErrors(pairs), { recipients: String(body.recipients ?? ''), neighbours: neighbours.join(','), viewerSeesNames: viewerSeesNames ? 'yes' : 'no' });
      }
      await saveReportSettings(ctx.tenant, { neighbours, recipients, viewerSeesNames }, ctx.clock.now());
      setFlash(reply, 'Report settings saved');
      return reply.redirect('/reports', 303);
    });

    registerReportFiles(app, ctxOf);
  };
}
