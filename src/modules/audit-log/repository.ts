import type { Kysely } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { pageWithTotal } from '../../platform/pagination.js';
import type { DB } from '../../db/types.js';
import { addDays, londonStartOfDay } from '../../platform/dates.js';


export interface AuditEvent {
  action: string;
  recordType?: string;
  recordId?: string;
  details?: Record<string, unknown>;
}

export interface AuditFilters {
  user?: string;
  recordType?: string;
  recordId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Appends to the audit log on behalf of the signed-in user. */
export async function appendAudit(tenant: TenantDb, ip: string | null, event: AuditEvent): Promise<void> {
  await tenant
    .insertInto('audit_log', {
      user_id: tenant.scope.userId,
      user_email: tenant.scope.userEmail ?? null,
      action: event.action,
      record_type: event.recordType ?? null,
      record_id: event.recordId ?? null,
      ip,
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
}

/**
 * For events before anyone is signed in (a failed sign-in): the local authority
 * is the one of the account tried, or none when the e-mail address is unknown.
 */
export async function appendAuthAudit(
  db: Kysely<DB>,
  entry: { laCode: string | null; userId: string | null; email: string | null; ip: string | null },
  event: AuditEvent,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      la_code: entry.laCode,
      user_id: entry.userId,
      user_email: entry.email,
      action: event.action,
      record_type: event.recordType ?? null,
      record_id: event.recordId ?? null,
      ip: entry.ip,
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
}

function filtered(tenant: TenantDb, f: AuditFilters) {
  let q = tenant.selectFrom('audit_log');
  if (f.user) q = q.where('user_email', 'ilike', `%${escapeLike(f.user)}%`);
  if (f.recordType) q = q.where('record_type', '=', f.recordType);
  if (f.recordId) q = q.where('record_id', '=', f.recordId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', londonStartOfDay(f.from));
  if (f.to) q = q.where('at', '<', londonStartOfDay(addDays(f.to, 1)));
  return q;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchAudit(tenant: TenantDb, f: AuditFilters, limit: number, offset: number) {
  return pageWithTotal(
    filtered(tenant, f)
      .select(['id', 'at', 'user_email', 'action', 'record_type', 'record_id', 'ip', 'details'])
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(tenant, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}

export async function auditActions(tenant: TenantDb): Promise<string[]> {
  const rows = await tenant.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
