import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { londonDate } from '../../platform/dates.js';
import { formErrors, type FormErrors } from '../../platform/forms.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { activeSettings, population } from './repository.js';
import { recentTerms, termLabel } from './returns.js';
import { headcount, headcountTerms, parseHeadcount, replaceHeadcount, takeUpBands, takeUpByWard, type TakeUpBand } from './take-up.js';
import { decodeCsv } from './uploads.js';

const MAX_BYTES = 5 * 1024 * 1024;

/** FEEE take-up by ward: the funding system's headcount per term, uploaded as CSV, against the population. */
export function takeUpRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const page = async (request: FastifyRequest, r: FastifyReply, term: string | null, errors?: FormErrors, status = 200) => {
    const ctx = ctxOf(request);
    const terms = await headcountTerms(ctx.tenant);
    const shown = term && terms.includes(term) ? term : terms[0] ?? null;
    const [settings, children, counts] = await Promise.all([activeSettings(ctx.tenant), population(ctx.tenant), shown ? headcount(ctx.tenant, shown) : Promise.resolve([])]);
    const wardOf = new Map(settings.map((s) => [s.urn, s.ward]));
    const wards = takeUpByWard(counts.map((c) => ({ ward: wardOf.get(c.urn) ?? null, band: c.age_band, children: c.children })), children);
    const options = recentTerms(londonDate(ctx.clock.now()), 4).map((t) => ({ value: t, text: termLabel(t) }));
    return render(request, r, 'sufficiency/views/take-up.njk', { shown, shownLabel: shown ? termLabel(shown) : null, terms: terms.map((t) => ({ value: t, text: termLabel(t) })), options, wards, takeUpBands, bands: Object.keys(takeUpBands) as TakeUpBand[], errors }, status);
  };
  return async (app: FastifyInstance) => {
    app.get('/sufficiency/take-up', { config: { permission: 'sufficiency:view' } }, async (request, r) => {
      const term = (request.query as Record<string, unknown>).term;
      return page(request, r, typeof term === 'string' ? term : null);
    });
    app.post('/sufficiency/take-up', { config: { permission: 'sufficiency:manage' } }, async (request, r) => {
      const ctx = ctxOf(request);
      const terms = recentTerms(londonDate(ctx.clock.now()), 4);
      const file = request.isMultipart() ? await request.file({ limits: { fileSize: MAX_BYTES, files: 1 } }) : undefined;
      const bytes = file ? await file.toBuffer().catch(() => null) : null;
      const termField = file?.fields.term as { value?: unknown } | undefined;
      const term = typeof termField?.value === 'string' ? termField.value : '';
      if (!terms.includes(term)) return page(request, r, null, formErrors([['term', 'Select the term the headcount is for']]), 400);
      if (!file || !file.filename || !bytes || bytes.length === 0) return page(request, r, null, formErrors([['headcount', 'Choose the CSV file of the FEEE headcount']]), 400);
      if (file.file.truncated) return page(request, r, null, formErrors([['headcount', 'The file must be smaller than 5 MB']]), 413);
      const known = new Set((await activeSettings(ctx.tenant)).map((s) => s.urn));
      const parsed = parseHeadcount(decodeCsv(bytes), known);
      if (!parsed.ok) {
        const rows = parsed.errors.filter((e) => e.startsWith('Row ')).length;
        return page(request, r, null, formErrors([['headcount', `Nothing was uploaded${rows ? `: ${rows} ${rows === 1 ? 'row needs' : 'rows need'} correcting` : ''}. ${parsed.errors.slice(0, 20).join('. ')}`]]), 400);
      }
      await replaceHeadcount(ctx.tenant, term, parsed.rows);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'sufficiency.feee_headcount_uploaded', details: { term, rows: parsed.rows.length } });
      setFlash(r, `${termLabel(term)} FEEE headcount uploaded: ${parsed.rows.reduce((n, x) => n + x.children, 0)} funded children at ${new Set(parsed.rows.map((x) => x.urn)).size} settings`);
      return r.redirect(`/sufficiency/take-up?term=${term}`, 303);
    });
  };
}
