import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { formatDate, londonDate } from '../../platform/dates.js';
import { NotFoundError } from '../../platform/errors.js';
import { formValues, inFieldOrder } from '../../platform/forms.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { render, setFlash } from '../../platform/views.js';
import { appendAudit } from '../audit-log/index.js';
import { roleCan } from '../../platform/permissions.js';
import { providerPage } from './page.js';
import { reportCardAreas } from '../vocabulary/index.js';
import { providersPolicy } from './policy.js';
import * as p from './presenters.js';
import * as repo from './repository.js';
import { enforcementSchema, inspectionSchema, validateDatedForm } from './schemas.js';
import { recordEnforcement, recordInspection } from './service.js';
import { timeline } from './timeline.js';

type Query = { Querystring: Record<string, string | undefined> };
type UrnParams = { Params: { urn: string } };

function readFilters(query: Record<string, string | undefined>) {
  const pick = (k: string) => (query[k] ?? '').trim().slice(0, 100) || undefined;
  const filters: repo.ProviderFilters = {};
  for (const key of ['q', 'type', 'register', 'outcome', 'status', 'ward'] as const) {
    const v = pick(key);
    if (v) filters[key] = v;
  }
  const requested = pick('sort') ?? 'name';
  const sort: repo.SortKey = Object.hasOwn(repo.sortColumns, requested) ? (requested as repo.SortKey) : 'name';
  return { filters, sort, desc: query.order === 'desc' };
}

const outcomeOptions = [
  ...['outstanding', 'good', 'requires_improvement', 'inadequate', 'met', 'not_met_actions', 'not_met_enforcement'].map((v) => ({ value: v, text: p.outcomeLabel(v) })),
  ...Object.entries(p.reportCardLabels).map(([v, text]) => ({ value: `rc:${v}`, text: `Report card with an area graded ${text}` })),
  { value: 'not_inspected', text: 'Not inspected yet' },
];

type Option = { value: string; text: string };
function selectItems(list: readonly (Option | string)[], selected: string | undefined, anyText: string) {
  return [
    { value: '', text: anyText },
    ...list.map((o) => (typeof o === 'string' ? { value: o, text: o } : o)).map((o) => ({ ...o, selected: o.value === selected })),
  ];
}

const registerOptions: Option[] = [
  { value: 'EYR', text: 'Early Years Register' },
  { value: 'CCR', text: 'Childcare Register (compulsory)' },
  { value: 'VCR', text: 'Childcare Register (voluntary)' },
];

export function providersRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  const ctxOf = (request: FastifyRequest) => actionContext(request, deps.db, deps.clock);

  async function load(request: FastifyRequest<UrnParams>) {
    const provider = await repo.getProvider(ctxOf(request).tenant, request.params.urn);
    if (!provider) throw new NotFoundError();
    return provider;
  }

  async function showForm(request: FastifyRequest<UrnParams>, reply: FastifyReply, template: string, extra: Record<string, unknown> = {}, status = 200) {
    const provider = await load(request);
    return render(request, reply, template, {
      provider,
      reportCardAreas,
      outcomeOptions: outcomeOptions.filter((o) => !o.value.startsWith('rc:') && o.value !== 'not_inspected'),
      reportCardOptions: [{ value: '', text: 'Not graded' }, ...Object.entries(p.reportCardLabels).map(([value, text]) => ({ value, text }))],
      enforcementOptions: Object.entries(p.enforcementLabels).map(([value, text]) => ({ value, text })),
      ...extra,
    }, status);
  }

  return async (app: FastifyInstance) => {
    app.get<Query>('/providers', { config: { permission: providersPolicy.view } }, async (request, reply) => {
      const { tenant } = ctxOf(request);
      const { filters, sort, desc } = readFilters(request.query);
      const page = parsePage(request.query.page);
      const [{ rows, total }, options] = await Promise.all([
        repo.listProviders(tenant, filters, sort, desc, page.limit, page.offset),
        repo.filterOptions(tenant),
      ]);
      const query = Object.fromEntries(Object.entries({ ...filters, sort, order: desc ? 'desc' : 'asc' }).filter(([, v]) => v)) as Record<string, string>;
      return render(request, reply, 'providers/views/list.njk', {
        providers: rows.map((r) => ({ ...r, outcome: r.inspection_date ? p.latestOutcomeText({ ...r, inspection_date: r.inspection_date }) : 'Not inspected yet' })),
        filters,
        sort,
        desc,
        selects: {
          type: selectItems(options.types, filters.type, 'Any type'),
          register: selectItems(registerOptions, filters.register, 'Any register'),
          outcome: selectItems(outcomeOptions, filters.outcome, 'Any outcome'),
          status: selectItems(options.statuses, filters.status, 'Any status'),
          ward: selectItems(options.wards, filters.ward, 'Any ward'),
        },
        exportHref: `/providers/export.csv?${new URLSearchParams(filters as Record<string, string>).toString()}`,
        sortHref: (key: string) => `/providers?${new URLSearchParams({ ...filters, sort: key, order: sort === key && !desc ? 'desc' : 'asc' } as Record<string, string>).toString()}`,
        ...paginationView('/providers', query, page.page, total, page.limit),
      });
    });

    app.get<Query>('/providers/export.csv', { config: { permission: providersPolicy.view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const { filters } = readFilters(request.query);
      const rows = await repo.exportProviders(ctx.tenant, filters);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'providers.exported', recordType: 'provider', details: { filters, rows: rows.length } });
      const csv = toCsv(
        ['URN', 'Name', 'Provider type', 'Status', 'Registers', 'Address', 'Town', 'Postcode', 'Ward', 'Constituency', 'Places', 'Registration date', 'Latest outcome', 'Latest inspection date'],
        rows.map((r) => [r.urn, r.name ?? (r.redacted ? 'Not published (childminder)' : ''), r.provider_type, r.status, r.registers, r.address_withheld ? `Withheld (${r.address_withheld})` : [r.address_line1, r.address_line2, r.address_line3].filter(Boolean).join(', '), r.town, r.postcode, r.ward, r.constituency, r.places, r.registration_date, r.inspection_date ? (r.report_card ? p.reportCardText(r.report_card, r.safeguarding_effective) : p.outcomeLabel(r.overall)) : 'Not inspected yet', r.inspection_date]),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="providers-${londonDate(deps.clock.now())}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    });

    app.get<UrnParams>('/providers/:urn', { config: { permission: providersPolicy.view } }, async (request, reply) => {
      const ctx = ctxOf(request);
      const provider = await load(request);
      const linkLines = providerPage.links.list();
      const [inspections, enforcement, changes, support, sections, tags] = await Promise.all([
        repo.providerInspections(ctx.tenant, provider.urn),
        repo.providerEnforcement(ctx.tenant, provider.urn),
        repo.providerChanges(ctx.tenant, provider.urn),
        Promise.all(providerPage.timeline.list().map((source) => source(ctx.tenant, provider.urn))).then((lists) => lists.flat()),
        providerPage.sections.render(ctx, provider),
        Promise.all(linkLines.map((l) => l.tag?.(ctx, provider.urn) ?? null)),
      ]);
      await appendAudit(ctx.tenant, ctx.ip, { action: 'provider.viewed', recordType: 'provider', recordId: provider.urn });
      // inspections come newest first: the latest graded one, else the latest of any kind
      const latest = inspections.find((i) => i.kind === 'full') ?? inspections[0] ?? null;
      return render(request, reply, 'providers/views/show.njk', {
        provider,
        latest,
        latestText: p.latestOutcomeText(latest),
        reportCard: latest?.report_card ? p.reportCardRows(latest) : [],
        keyJudgements: latest ? p.keyJudgementRows(latest) : [],
        timeline: timeline(inspections, enforcement, changes, support),
        canRecord: true,
        sections,
        linkLines: linkLines.map((l, i) => ({ links: l.links(provider.urn), tag: tags[i] })),
        actions: providerPage.actions.list().filter((a) => !a.permission || roleCan(ctx.user.role, a.permission)).map((a) => ({ text: a.text, href: a.href(provider.urn) })),
      });
    });

    app.get<UrnParams>('/providers/:urn/inspections/new', { config: { permission: providersPolicy.record } }, async (request, reply) =>
      showForm(request, reply, 'providers/views/new-inspection.njk'),
    );

    app.post<UrnParams>('/providers/:urn/inspections', { config: { permission: providersPolicy.record } }, async (request, reply) => {
      const provider = await load(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateDatedForm(inspectionSchema, body, 'inspection date', londonDate(deps.clock.now()), true);
      if (!form.ok) return showForm(request, reply, 'providers/views/new-inspection.njk', { errors: inFieldOrder(form.errors, ['kind', 'date-day', 'overall', 'rc_', 'safeguarding']), values: formValues(body) }, 400);
      const v = form.value as Record<string, string | undefined>;
      const card = Object.fromEntries(reportCardAreas.map((a) => [a.key, v[`rc_${a.key}`]]).filter(([, g]) => g)) as Record<string, string>;
      await recordInspection(ctxOf(request), {
        urn: provider.urn,
        kind: form.value.kind,
        date: form.date,
        overall: v.overall || null,
        reportCard: Object.keys(card).length ? card : null,
        safeguardingMet: v.safeguarding === 'met' ? true : v.safeguarding === 'not_met' ? false : null,
      });
      setFlash(reply, `Inspection outcome of ${formatDate(form.date)} recorded`);
      return reply.redirect(`/providers/${provider.urn}`, 303);
    });

    app.get<UrnParams>('/providers/:urn/enforcement/new', { config: { permission: providersPolicy.record } }, async (request, reply) =>
      showForm(request, reply, 'providers/views/new-enforcement.njk'),
    );

    app.post<UrnParams>('/providers/:urn/enforcement', { config: { permission: providersPolicy.record } }, async (request, reply) => {
      const provider = await load(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const form = validateDatedForm(enforcementSchema, body, 'date of the event', londonDate(deps.clock.now()), false);
      if (!form.ok) return showForm(request, reply, 'providers/views/new-enforcement.njk', { errors: form.errors, values: formValues(body) }, 400);
      await recordEnforcement(ctxOf(request), { urn: provider.urn, eventType: form.value.eventType, date: form.date, details: form.value.details || null });
      setFlash(reply, `${p.enforcementLabels[form.value.eventType]} recorded`);
      return reply.redirect(`/providers/${provider.urn}`, 303);
    });
  };
}
