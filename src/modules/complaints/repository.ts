import type { Updateable } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { ComplaintsTable } from '../../db/types.js';
import { NotFoundError } from '../../platform/errors.js';
import { defaultComplaintRules, type ClockStop, type ComplaintRules } from './rules.js';

/*
 * Compliments and complaints: every query limited to the LA (TenantDb), and every read of a record
 * to those the signed-in member of staff may open ("staff named in a complaint cannot see or change
 * its record unless they are the handler"), so a named officer's request finds nothing (404).
 */

export async function loadRules(tenant: TenantDb): Promise<ComplaintRules> {
  const row = await tenant.selectFrom('complaint_rules').selectAll().executeTakeFirst();
  return row ? { acknowledgeWorkingDays: row.acknowledge_working_days, respondWorkingDays: row.respond_working_days, stage2WorkingDays: row.stage2_working_days } : defaultComplaintRules;
}

export async function saveRules(tenant: TenantDb, rules: ComplaintRules, now: Date): Promise<void> {
  const values = { acknowledge_working_days: rules.acknowledgeWorkingDays, respond_working_days: rules.respondWorkingDays, stage2_working_days: rules.stage2WorkingDays, updated_at: now };
  await tenant.insertInto('complaint_rules', values).onConflict((oc) => oc.column('la_code').doUpdateSet(values)).execute();
}

/** The records this user may open: compliments, complaints not naming them, and those they handle. */
function visible(tenant: TenantDb) {
  const me = tenant.scope.userId;
  return tenant.selectFrom('complaints').where((eb) => eb.or([eb('complaints.kind', '=', 'compliment'), eb('complaints.officer_id', 'is', null), eb('complaints.officer_id', '!=', me), eb('complaints.handler_id', '=', me)]));
}

const columns = [
  'complaints.id', 'complaints.kind', 'complaints.source', 'complaints.urn', 'complaints.officer_id', 'complaints.from_name', 'complaints.from_email', 'complaints.summary',
  'complaints.received_at', 'complaints.handler_id', 'complaints.stage', 'complaints.escalated_at', 'complaints.escalation_reason', 'complaints.acknowledged_at', 'complaints.outcome',
  'complaints.response_text', 'complaints.lessons_learned', 'complaints.answered_at', 'complaints.passed_on_at',
] as const;

function withNames(tenant: TenantDb) {
  return visible(tenant)
    .leftJoin('users as officer', 'officer.id', 'complaints.officer_id')
    .leftJoin('users as handler', 'handler.id', 'complaints.handler_id')
    .leftJoin('providers', (j) => j.onRef('providers.urn', '=', 'complaints.urn').onRef('providers.la_code', '=', 'complaints.la_code'))
    .select([...columns, 'officer.name as officer_name', 'officer.email as officer_email', 'handler.name as handler_name', 'providers.name as setting_name']);
}

export async function listRecords(tenant: TenantDb) {
  return withNames(tenant).orderBy('complaints.received_at', 'desc').limit(500).execute();
}

export type ComplaintRecord = Awaited<ReturnType<typeof getRecord>>;

export async function getRecord(tenant: TenantDb, id: string) {
  const row = await withNames(tenant).where('complaints.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export async function stopsOf(tenant: TenantDb, id: string) {
  return tenant.selectFrom('complaint_stops').select(['id', 'reason', 'stopped_at', 'restarted_at']).where('complaint_id', '=', id).orderBy('stopped_at').execute();
}

export const asClockStops = (stops: readonly { stopped_at: Date; restarted_at: Date | null }[]): ClockStop[] => stops.map((s) => ({ from: s.stopped_at, to: s.restarted_at }));

export interface NewRecord {
  kind: 'complaint' | 'compliment';
  source: 'portal' | 'staff';
  urn: string | null;
  officerId: string | null;
  fromName: string;
  fromEmail: string;
  summary: string;
  handlerId: string | null;
}

export async function insertRecord(tenant: TenantDb, r: NewRecord, now: Date): Promise<string> {
  const row = await tenant
    .insertInto('complaints', { kind: r.kind, source: r.source, urn: r.urn, officer_id: r.officerId, from_name: r.fromName, from_email: r.fromEmail, summary: r.summary, received_at: now, recorded_by: tenant.scope.userId, handler_id: r.handlerId, created_at: now, escalated_at: null, acknowledged_at: null, outcome: null, answered_at: null, passed_on_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRecord(tenant: TenantDb, id: string, values: Updateable<ComplaintsTable>): Promise<void> {
  await visible(tenant).where('complaints.id', '=', id).select('id').executeTakeFirstOrThrow();
  await tenant.updateTable('complaints').set(values).where('id', '=', id).execute();
}

export async function addStop(tenant: TenantDb, id: string, reason: string, now: Date): Promise<void> {
  await tenant.insertInto('complaint_stops', { complaint_id: id, reason, stopped_at: now, restarted_at: null, stopped_by: tenant.scope.userId }).execute();
}

export async function endStop(tenant: TenantDb, id: string, now: Date): Promise<void> {
  await tenant.updateTable('complaint_stops').set({ restarted_at: now }).where('complaint_id', '=', id).where('restarted_at', 'is', null).execute();
}

/** The handler until teams are data: the LA's first active Senior Improvement Adviser (role 'manager'). */
export async function defaultHandler(tenant: TenantDb): Promise<string | null> {
  const row = await tenant.selectFrom('users').select('id').where('role', '=', 'manager').where('active', '=', true).orderBy('name').orderBy('id').executeTakeFirst();
  return row?.id ?? null;
}

/** Staff a compliment or complaint may be about (names only: the portal shows them). */
export async function staffList(tenant: TenantDb) {
  return tenant.selectFrom('users').select(['id', 'name']).where('role', 'in', ['manager', 'adviser', 'officer']).where('active', '=', true).orderBy('name').execute();
}

export async function staffMember(tenant: TenantDb, id: string) {
  return tenant.selectFrom('users').select(['id', 'name', 'email']).where('id', '=', id).where('role', 'in', ['manager', 'adviser', 'officer']).executeTakeFirst();
}

/** For the quarterly report: no personal data, every record of the LA (counts only). */
export async function reportRows(tenant: TenantDb) {
  return tenant.selectFrom('complaints').select(['kind', 'outcome', 'stage', 'received_at']).orderBy('received_at').execute();
}
