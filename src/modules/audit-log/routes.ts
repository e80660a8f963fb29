import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { actionContext } from '../../platform/context.js';
import { parseTypedDate } from '../../platform/dates.js';
import { formErrors } from '../../platform/forms.js';
import { paginationView, parsePage } from '../../platform/pagination.js';
import { render } from '../../platform/views.js';
import { auditLogPolicy } from './policy.js';
import { auditActions, searchAudit, type AuditFilters } from './repository.js';
import { describeRecord } from './record-kinds.js';

const text = z.preprocess((v) => (typeof v === 'string' ? v.trim() : undefined), z.string().max(200).optional());

const filterSchema = z.object({ user: text, recordType: text, recordId: text, action: text, from: text, to: text });

function parseFilters(query: unknown) {
  const parsed = filterSchema.safeParse(query);
  const raw = parsed.success ? parsed.data : {};
  const filters: AuditFilters = {};
  const errors: [string, string][] = [];
  for (const key of ['user', 'recordType', 'recordId', 'action'] as const) {
    if (raw[key]) filters[key] = raw[key];
  }
  for (const key of ['from', 'to'] as const) {
    const value = raw[key];
    if (!value) continue;
    const date = parseTypedDate(value);
    if (date) filters[key] = date;
    else errors.push([key, `${key === 'from' ? 'From' : 'To'} date must be a real date, like 3/3/2026`]);
  }
  const values = Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return { filters, values, errors: errors.length ? formErrors(errors) : null };
}

export function auditLogRoutes(deps: { db: Kysely<DB>; clock: Clock }) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, string> }>(
      '/audit-log',
      { config: { permission: auditLogPolicy.view } },
      async (request, reply) => {
        const { tenant } = actionContext(request, deps.db, deps.clock);
        const { filters, values, errors } = parseFilters(request.query);
        const page = parsePage(request.query.page, 50);
        const [{ rows, total }, actions] = await Promise.all([
          searchAudit(tenant, filters, page.limit, page.offset),
          auditActions(tenant),
        ]);
        return render(request, reply, 'audit-log/views/list.njk', {
          entries: rows.map((r) => ({ ...r, record: describeRecord(r.record_type, r.record_id), details: r.details ? JSON.stringify(r.details) : '' })),
          actions: [{ value: '', text: 'Any action' }, ...actions.map((a) => ({ value: a, text: a, selected: a === values.action }))],
          values,
          errors,
          ...paginationView('/audit-log', values, page.page, total, page.limit),
        }, errors ? 400 : 200);
      },
    );
  };
}
