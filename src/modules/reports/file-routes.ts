import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ActionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { englandComparison } from './comparison.js';
import { cabinetPdf, comparisonCsv, figureCsv, reportXlsx, type ReportFileInput } from './files.js';
import { view } from './policy.js';
import { narrativeFor } from './repository.js';
import { cachedReport, computeFigure, findFigure } from './service.js';
import { periodOfRequest } from './schemas.js';

type Query = { Querystring: Record<string, string | undefined> };

/** The report's files: each table as CSV, the whole report as XLSX and as the cabinet report PDF. */
export function registerReportFiles(app: FastifyInstance, ctxOf: (request: FastifyRequest) => ActionContext): void {
  const input = async (request: FastifyRequest<Query>): Promise<ReportFileInput> => {
    const ctx = ctxOf(request);
    const { period } = periodOfRequest(request.query, londonDate(ctx.clock.now()));
    return { laName: ctx.user.laName, report: await cachedReport(ctx.tenant, period, ctx.clock.now()), comparison: await englandComparison(ctx.tenant), narrative: await narrativeFor(ctx.tenant, period.key), generatedAt: ctx.clock.now() };
  };
  const attachment = (name: string) => `attachment; filename="${name}"`;

  app.get<Query>('/reports/table.csv', { config: { permission: view } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const { period } = periodOfRequest(request.query, londonDate(ctx.clock.now()));
    let csv: string;
    if (request.query.figure === 'england') csv = comparisonCsv(await englandComparison(ctx.tenant));
    else {
      const figure = findFigure(request.query.figure ?? '');
      if (!figure) throw new NotFoundError();
      csv = figureCsv(await computeFigure(ctx.tenant, figure, period, ctx.clock.now()));
    }
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(`${request.query.figure}-${period.key}.csv`)).send(csv);
  });

  app.get<Query>('/reports/report.xlsx', { config: { permission: view } }, async (request, reply) => {
    const data = await input(request);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachment(`ey-report-${data.report.period.key}.xlsx`)).send(await reportXlsx(data));
  });

  app.get<Query>('/reports/cabinet-report.pdf', { config: { permission: view } }, async (request, reply) => {
    const data = await input(request);
    return reply.header('content-type', 'application/pdf').header('content-disposition', attachment(`cabinet-report-${data.report.period.key}.pdf`)).send(await cabinetPdf(data));
  });
}
