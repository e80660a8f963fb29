import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { render } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { strategyPdf, strategyReport, strategyXlsx } from './report.js';
import { dutyLabels, ragClasses, ragLabels, ragMeanings, rags } from './rules.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The strategy report: the page, the workbook and the PDF from the same figures. */
export function strategyReportRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const load = async (request: FastifyRequest) => {
    const ctx = actionContext(request, deps.db, deps.clock);
    const now = ctx.clock.now();
    const today = londonDate(now);
    const report = await strategyReport(ctx.tenant, today, now);
    const la = await ctx.tenant.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', ctx.tenant.scope.laCode).executeTakeFirstOrThrow());
    return { ctx, today, report, laName: la.name };
  };
  return async (app: FastifyInstance) => {
    app.get('/strategy/report', { config: { permission: 'strategy:view' } }, async (request, reply) => {
      const { report, today } = await load(request);
      return render(request, reply, 'strategy/views/report.njk', { report, today, dutyLabels, ragLabels, ragClasses, ragMeanings, rags });
    });
    app.get('/strategy/report.xlsx', { config: { permission: 'strategy:view' } }, async (request, reply) => {
      const { ctx, report, laName, today } = await load(request);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'strategy.report_exported', details: { format: 'xlsx' } });
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="strategy-report-${today}.xlsx"`).header('cache-control', 'no-store').send(await strategyXlsx(report, laName));
    });
    app.get('/strategy/report.pdf', { config: { permission: 'strategy:view' } }, async (request, reply) => {
      const { ctx, report, laName, today } = await load(request);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'strategy.report_exported', details: { format: 'pdf' } });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="strategy-report-${today}.pdf"`).header('cache-control', 'no-store').send(await strategyPdf(report, laName, today));
    });
  };
}
