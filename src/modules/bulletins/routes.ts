import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { BulletinRepeat, DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { formatDateTime, londonDate, londonInstant } from '../../platform/dates.js';
import { formErrors, formValues } from '../../platform/forms.js';
import type { Permission } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { audienceFromForm, audienceToForm, describeAudience } from './audience.js';
import { updateHtml } from './format.js';
import * as repo from './repository.js';
import { countAudience, sendDueUpdates } from './send.js';

/* Staff write provider updates: compose, choose the audience, preview, send now or schedule (once, weekly, twice a month). */

const permission: Permission = 'updates:send';
type IdParams = { Params: { id: string } };
const registers = [{ value: 'EYR', text: 'Early Years Register' }, { value: 'CCR', text: 'Childcare Register (compulsory)' }, { value: 'VCR', text: 'Childcare Register (voluntary)' }];

export function updateRoutes(deps: { db: Kysely<DB>; clock: Clock; publicBaseUrl: string }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const composeOptions = async (request: FastifyRequest) => ({ providerTypes: await repo.providerTypes(ctxOf(request).tenant), registers });

  return async (app: FastifyInstance) => {
    app.get('/updates', { config: { permission } }, async (request, reply) => {
      const updates = await repo.listUpdates(ctxOf(request).tenant);
      return render(request, reply, 'bulletins/views/list.njk', { updates, statusLabels: repo.statusLabels, repeatLabels: repo.repeatLabels });
    });

    app.get('/updates/new', { config: { permission } }, async (request, reply) => render(request, reply, 'bulletins/views/compose.njk', { ...(await composeOptions(request)), values: {}, chosen: audienceToForm(audienceFromForm({})) }));
    app.post('/updates', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = bodyOf(request);
      const title = typeof body.title === 'string' ? body.title.trim() : '';
      const text = typeof body.body === 'string' ? body.body.trim() : '';
      const audience = audienceFromForm(body);
      const problems: [string, string][] = [];
      if (!title) problems.push(['title', 'Enter the title']);
      else if (title.length > 200) problems.push(['title', 'The title must be 200 characters or fewer']);
      if (!text) problems.push(['body', 'Enter what the update says']);
      else if (text.length > 50_000) problems.push(['body', 'The update must be 50,000 characters or fewer']);
      if (problems.length) return render(request, reply, 'bulletins/views/compose.njk', { ...(await composeOptions(request)), values: formValues(body), chosen: audienceToForm(audience), errors: formErrors(problems) }, 400);
      const id = await ctx.tenant.transaction(async (tx) => {
        const created = await repo.createUpdate(tx, { title, body: text, audience }, ctx.clock.now());
        await appendAudit(tx, ctx.ip, { action: 'updates.drafted', recordType: 'bulletin', recordId: created });
        return created;
      });
      return reply.redirect(`/updates/${id}`, 303);
    });

    const previewPage = async (request: FastifyRequest<IdParams>) => {
      const ctx = ctxOf(request);
      const update = await repo.getUpdate(ctx.tenant, request.params.id);
      const reach = await countAudience(deps.db, ctx.tenant.scope.laCode, update.audience);
      return { update, html: updateHtml(update.body), audienceText: describeAudience(update.audience), reach, repeatLabels: repo.repeatLabels, statusLabels: repo.statusLabels };
    };
    app.get<IdParams>('/updates/:id', { config: { permission } }, async (request, reply) => render(request, reply, 'bulletins/views/preview.njk', { ...(await previewPage(request)), values: { when: 'now', repeat: 'none' } }));
    app.post<IdParams>('/updates/:id/send', { config: { permission } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const page = await previewPage(request);
      const body = bodyOf(request);
      const now = ctx.clock.now();
      const problems: [string, string][] = [];
      const repeat = (typeof body.repeat === 'string' && body.repeat in repo.repeatLabels ? body.repeat : 'none') as BulletinRepeat;
      let sendAt = now;
      if (body.when === 'later') {
        const date = dateFromParts(body, 'date', 'date to send it', londonDate(now), 'future');
        const time = typeof body.time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(body.time.trim()) ? body.time.trim() : null;
        if (date.error) problems.push(['date-day', date.error]);
        if (!time) problems.push(['time', 'Enter the time as hours and minutes, like 08:00']);
        if (date.value && time) {
          sendAt = londonInstant(date.value, time);
          if (sendAt <= now) problems.push(['time', 'The time to send it must be in the future']);
        }
      } else if (body.when !== 'now') problems.push(['when', 'Select when to send it']);
      if (problems.length) return render(request, reply, 'bulletins/views/preview.njk', { ...page, values: formValues(body), errors: formErrors(problems) }, 400);
      if (!(await repo.schedule(ctx.tenant, page.update.id, sendAt, repeat))) {
        setFlash(reply, 'This update has already been sent or scheduled');
        return reply.redirect('/updates', 303);
      }
      await appendAudit(ctx.tenant, ctx.ip, { action: 'updates.scheduled', recordType: 'bulletin', recordId: page.update.id, details: { sendAt: sendAt.toISOString(), repeat } });
      if (body.when === 'now') {
        const r = await sendDueUpdates(deps.db, now, deps.publicBaseUrl, { onlyId: page.update.id });
        setFlash(reply, `Update sent: ${r.queued} e-mails queued`);
      } else setFlash(reply, `Update scheduled for ${formatDateTime(sendAt)}${repeat === 'none' ? '' : ` (${repo.repeatLabels[repeat].toLowerCase()})`}`);
      return reply.redirect('/updates', 303);
    });
  };
}
