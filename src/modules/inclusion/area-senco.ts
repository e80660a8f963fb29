import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext, type ActionContext } from '../../platform/context.js';
import { dateFromParts } from '../../platform/date-input.js';
import { londonDate } from '../../platform/dates.js';
import { formErrors } from '../../platform/forms.js';
import { roleCan } from '../../platform/permissions.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { getProvider } from '../providers/index.js';
import { contactMethods, options } from './labels.js';
import * as repo from './repository.js';
import { settingsNotContacted, termFor } from './rules.js';
import { text, typed, type Problems } from './schemas.js';

/** The settings each Area SENCo holds (all of them for the inclusion team), with this term's contacts. */
async function areaSencoLoad(ctx: ActionContext) {
  const today = londonDate(ctx.clock.now());
  const team = roleCan(ctx.user.role, 'inclusion:work');
  let q = ctx.tenant.selectFrom('inclusion_area_sencos')
    .innerJoin('providers', 'providers.urn', 'inclusion_area_sencos.urn')
    .innerJoin('users', 'users.id', 'inclusion_area_sencos.senco_id')
    .select(['inclusion_area_sencos.urn', 'providers.name as provider_name', 'users.name as senco_name', 'inclusion_area_sencos.senco_id'])
    .orderBy('providers.name');
  if (!team) q = q.where('inclusion_area_sencos.senco_id', '=', ctx.user.id);
  const [settings, terms, rules] = await Promise.all([
    q.execute(),
    ctx.tenant.selectFrom('term_dates').select(['name', 'starts_on as startsOn', 'ends_on as endsOn']).execute(),
    repo.settingsFor(ctx.tenant),
  ]);
  const term = termFor(today, terms);
  const urns = settings.map((s) => s.urn);
  const contacts = urns.length
    ? await ctx.tenant.selectFrom('inclusion_senco_contacts').leftJoin('users', 'users.id', 'inclusion_senco_contacts.created_by').select(['inclusion_senco_contacts.urn', 'contacted_on as contactedOn', 'method', 'note', 'users.name as by']).where('inclusion_senco_contacts.urn', 'in', urns).orderBy('contacted_on', 'desc').execute()
    : [];
  const missing = term ? settingsNotContacted(settings, contacts, term, rules.senco_contacts_per_term) : [];
  return { team, today, term, settings, contacts: contacts.slice(0, 50), missing, perTerm: rules.senco_contacts_per_term };
}

/** Area SENCo: each setting's allocated SENCo (the EYIA in Leicestershire), contacts recorded, settings not yet contacted this term. */
export function areaSencoRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);
  return async (app: FastifyInstance) => {
    const page = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
      const ctx = ctxOf(request);
      const data = await areaSencoLoad(ctx);
      const values = (extra.values ?? {}) as Record<string, string>;
      const staff = data.team ? await repo.practitioners(ctx.tenant) : [];
      return render(request, reply, 'inclusion/views/area-senco.njk', {
        ...data, contactMethods, values,
        settingItems: [{ value: '', text: 'Choose a setting' }, ...data.settings.map((s) => ({ value: s.urn, text: s.provider_name ?? s.urn, selected: values.urn === s.urn }))],
        methodItems: options(contactMethods, values.method ?? ''),
        sencoItems: [{ value: '', text: 'Choose the Area SENCo' }, ...staff.map((s) => ({ value: s.id, text: s.name, selected: values.sencoId === s.id }))],
        ...extra,
      }, status);
    };
    app.get('/inclusion/area-senco', { config: { permission: 'inclusion:case' } }, async (request, reply) => page(request, reply));

    app.post('/inclusion/area-senco/contacts', { config: { permission: 'inclusion:case' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const { settings } = await areaSencoLoad(ctx);
      const urn = String(body.urn ?? '');
      if (!settings.some((s) => s.urn === urn)) problems.push(['urn', 'Choose the setting you contacted']);
      const on = dateFromParts(body, 'on', 'date of the contact', londonDate(ctx.clock.now()), 'past');
      if (on.error) problems.push(['on-day', on.error]);
      const method = typeof body.method === 'string' && Object.hasOwn(contactMethods, body.method) ? body.method : '';
      if (!method) problems.push(['method', 'Choose how you made contact']);
      const note = text(body, 'note', 2000, problems);
      if (problems.length) return page(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      await ctx.tenant.transaction(async (tx) => {
        await tx.insertInto('inclusion_senco_contacts', { urn, contacted_on: on.value!, method, note, created_by: ctx.user.id, created_at: ctx.clock.now() }).execute();
        await appendAudit(tx, ctx.ip, { action: 'inclusion.senco_contact_recorded', recordType: 'provider', recordId: urn });
      });
      setFlash(reply, 'Contact recorded');
      return reply.redirect('/inclusion/area-senco', 303);
    });

    app.post('/inclusion/area-senco', { config: { permission: 'inclusion:manage' } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const problems: Problems = [];
      const urn = String(body.allocateUrn ?? '').trim().toUpperCase();
      if (!urn || !(await getProvider(ctx.tenant, urn))) problems.push(['allocateUrn', urn ? `No setting of yours has the URN ${urn}` : 'Enter the setting’s Ofsted URN']);
      const staff = await repo.practitioners(ctx.tenant);
      const sencoId = String(body.sencoId ?? '');
      if (!staff.some((s) => s.id === sencoId)) problems.push(['sencoId', 'Choose the Area SENCo']);
      if (problems.length) return page(request, reply, { values: typed(body), errors: formErrors(problems) }, 400);
      const row = { senco_id: sencoId, allocated_by: ctx.user.id, allocated_at: ctx.clock.now() };
      await ctx.tenant.transaction(async (tx) => {
        await tx.insertInto('inclusion_area_sencos', { ...row, urn }).onConflict((oc) => oc.columns(['la_code', 'urn']).doUpdateSet(row)).execute();
        await appendAudit(tx, ctx.ip, { action: 'inclusion.area_senco_allocated', recordType: 'provider', recordId: urn, details: { senco: sencoId } });
      });
      setFlash(reply, 'Area SENCo allocated');
      return reply.redirect('/inclusion/area-senco', 303);
    });
  };
}
