import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { formErrors, formValues, type FormErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { assessmentPdf, assessmentXlsx } from './assessment.js';
import { ageBands, bandKeys } from './calc.js';
import { wardChart } from './chart.js';
import { replaceLookup, replacePopulation, setThreshold } from './repository.js';
import { sufficiencyFigures } from './service.js';
import { decodeCsv, parsePopulation, parseWardLookup } from './uploads.js';

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** at most this many bad rows are listed (the count says how many there are) */
const SHOWN_ERRORS = 20;

export function sufficiencyRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const laName = (request: FastifyRequest) => ctxOf(request).tenant.forJob((db) => db.selectFrom('local_authorities').select('name').where('la_code', '=', ctxOf(request).tenant.scope.laCode).executeTakeFirstOrThrow()).then((r) => r.name);

  const mainPage = async (request: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: FormErrors } = {}, status = 200) => {
    const f = await sufficiencyFigures(ctxOf(request).tenant, ctxOf(request).clock.now());
    const charts = bandKeys.map((b) => ({ band: b, label: ageBands[b].label, svg: wardChart(f.wards, b, f.config.threshold) }));
    return render(request, reply, 'sufficiency/views/index.njk', { f, charts, ageBands, bandKeys, values: { threshold: String(f.config.threshold) }, ...extra }, status);
  };
  const dataPage = async (request: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) => {
    const f = await sufficiencyFigures(ctxOf(request).tenant, ctxOf(request).clock.now());
    return render(request, reply, 'sufficiency/views/data.njk', { f, errors }, status);
  };

  /** An uploaded CSV's text, or the message for the field when there is none or it is too big. */
  async function uploaded(request: FastifyRequest, what: string): Promise<{ text: string; fileName: string } | { error: string }> {
    if (!request.isMultipart()) return { error: `Choose the CSV file of ${what}` };
    const file = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    const bytes = file ? await file.toBuffer().catch(() => null) : null;
    if (!file || !file.filename || !bytes || bytes.length === 0) return { error: `Choose the CSV file of ${what}` };
    if (file.file.truncated) return { error: 'The file must be smaller than 20 MB' };
    return { text: decodeCsv(bytes), fileName: file.filename };
  }
  const rejected = (field: string, errors: string[]) => {
    const rows = errors.filter((e) => e.startsWith('Row '));
    const head = rows.length ? `Nothing was uploaded: ${rows.length} ${rows.length === 1 ? 'row needs' : 'rows need'} correcting.` : 'Nothing was uploaded.';
    return formErrors([[field, `${head} ${errors.slice(0, SHOWN_ERRORS).join('. ')}${errors.length > SHOWN_ERRORS ? '. …' : ''}`]]);
  };

  return async (app: FastifyInstance) => {
    app.get('/sufficiency', { config: { permission: 'sufficiency:view' } }, async (request, reply) => mainPage(request, reply));

    app.post('/sufficiency/threshold', { config: { permission: 'sufficiency:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const raw = typeof body.threshold === 'string' ? body.threshold.trim() : '';
      const value = /^\d{1,4}(\.\d)?$/.test(raw) ? Number(raw) : NaN;
      if (!(value > 0 && value <= 1000)) return mainPage(request, reply, { values: formValues(body), errors: formErrors([['threshold', 'Enter the threshold as a number of places per 100 children, like 20 or 22.5']]) }, 400);
      await setThreshold(ctx.tenant, value);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'sufficiency.threshold_set', details: { threshold: value } });
      setFlash(reply, `Threshold set to ${value} places per 100 children`);
      return reply.redirect('/sufficiency', 303);
    });

    app.get('/sufficiency/data', { config: { permission: 'sufficiency:manage' } }, async (request, reply) => dataPage(request, reply));

    app.post('/sufficiency/population', { config: { permission: 'sufficiency:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const file = await uploaded(request, 'child population by ward and age');
      if ('error' in file) return dataPage(request, reply, formErrors([['population', file.error]]), 400);
      const parsed = parsePopulation(file.text);
      if (!parsed.ok) return dataPage(request, reply, rejected('population', parsed.errors), 400);
      await replacePopulation(ctx.tenant, parsed.rows, file.fileName, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'sufficiency.population_uploaded', details: { file: file.fileName, rows: parsed.rows.length } });
      const wards = new Set(parsed.rows.map((r) => r.ward.toLowerCase())).size;
      setFlash(reply, `Population uploaded: ${parsed.rows.length} rows for ${wards} ${wards === 1 ? 'ward' : 'wards'}`);
      return reply.redirect('/sufficiency/data', 303);
    });

    app.post('/sufficiency/ward-lookup', { config: { permission: 'sufficiency:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const file = await uploaded(request, 'postcodes and their wards');
      if ('error' in file) return dataPage(request, reply, formErrors([['lookup', file.error]]), 400);
      const parsed = parseWardLookup(file.text);
      if (!parsed.ok) return dataPage(request, reply, rejected('lookup', parsed.errors), 400);
      await replaceLookup(ctx.tenant, parsed.rows, file.fileName, ctx.clock.now());
      await appendAudit(ctx.tenant, ctx.ip, { action: 'sufficiency.ward_lookup_uploaded', details: { file: file.fileName, rows: parsed.rows.length } });
      const missing = (await sufficiencyFigures(ctx.tenant, ctx.clock.now())).noWard.length;
      setFlash(reply, `Ward lookup uploaded: ${parsed.rows.length} postcodes.${missing ? ` ${missing} ${missing === 1 ? 'setting has a postcode' : 'settings have postcodes'} not found in it: see the list below.` : ' Every active setting now has a ward.'}`);
      return reply.redirect('/sufficiency/data', 303);
    });

    app.get('/sufficiency/assessment.xlsx', { config: { permission: 'sufficiency:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const today = londonDate(ctx.clock.now());
      const body = await assessmentXlsx(await sufficiencyFigures(ctx.tenant, ctx.clock.now()), await laName(request), today);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'sufficiency.assessment_exported', details: { format: 'xlsx' } });
      return reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="childcare-sufficiency-assessment-${today}.xlsx"`).header('cache-control', 'no-store').send(body);
    });
    app.get('/sufficiency/assessment.pdf', { config: { permission: 'sufficiency:view' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const today = londonDate(ctx.clock.now());
      const body = await assessmentPdf(await sufficiencyFigures(ctx.tenant, ctx.clock.now()), await laName(request), today);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'sufficiency.assessment_exported', details: { format: 'pdf' } });
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="childcare-sufficiency-assessment-${today}.pdf"`).header('cache-control', 'no-store').send(body);
    });
  };
}
