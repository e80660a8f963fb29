import type { TenantDb } from '../../db/tenant.js';
import type { ProspectiveEventKind, ProspectiveStage } from './tables.js';

export interface NewProspective {
  name: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  plannedProvision: string;
  plannedPlaces: number | null;
  area: string;
  enquiryDate: string;
  summary: string;
}

async function addEvent(tx: TenantDb, id: string, kind: ProspectiveEventKind, onDate: string, summary: string, now: Date): Promise<void> {
  await tx.insertInto('prospective_events', { prospective_id: id, kind, on_date: onDate, summary, by_user: tx.scope.userId, at: now }).execute();
}

export async function addProspective(tenant: TenantDb, p: NewProspective, now: Date): Promise<string> {
  return tenant.transaction(async (tx) => {
    const row = await tx.insertInto('prospective_providers', {
      name: p.name, contact_name: p.contactName, contact_email: p.contactEmail, contact_phone: p.contactPhone, planned_provision: p.plannedProvision, planned_places: p.plannedPlaces, area: p.area,
      stage: 'enquiry', enquiry_date: p.enquiryDate, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await addEvent(tx, row.id, 'enquiry', p.enquiryDate, p.summary || 'Enquiry received', now);
    return row.id;
  });
}

export async function prospectives(tenant: TenantDb) {
  return tenant.selectFrom('prospective_providers').selectAll().orderBy('enquiry_date', 'desc').execute();
}

export async function prospective(tenant: TenantDb, id: string) {
  return tenant.selectFrom('prospective_providers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function prospectiveForUrn(tenant: TenantDb, urn: string) {
  return tenant.selectFrom('prospective_providers').selectAll().where('urn', '=', urn).executeTakeFirst();
}

export async function events(tenant: TenantDb, id: string) {
  return tenant
    .selectFrom('prospective_events')
    .leftJoin('users', 'users.id', 'prospective_events.by_user')
    .select(['prospective_events.kind', 'prospective_events.on_date', 'prospective_events.summary', 'prospective_events.at', 'users.name as by_name'])
    .where('prospective_events.prospective_id', '=', id)
    .orderBy('prospective_events.on_date')
    .orderBy('prospective_events.at')
    .execute();
}

export async function setStage(tenant: TenantDb, id: string, stage: ProspectiveStage, onDate: string, summary: string, now: Date): Promise<void> {
  await tenant.transaction(async (tx) => {
    await tx.updateTable('prospective_providers').set({ stage, updated_at: now }).where('id', '=', id).execute();
    await addEvent(tx, id, 'stage', onDate, summary, now);
  });
}

export async function addContact(tenant: TenantDb, id: string, kind: 'contact' | 'visit', onDate: string, summary: string, now: Date): Promise<void> {
  await tenant.transaction(async (tx) => {
    await tx.updateTable('prospective_providers').set({ updated_at: now }).where('id', '=', id).execute();
    await addEvent(tx, id, kind, onDate, summary, now);
  });
}

export async function linkUrn(tenant: TenantDb, id: string, urn: string, onDate: string, summary: string, now: Date): Promise<void> {
  await tenant.transaction(async (tx) => {
    await tx.updateTable('prospective_providers').set({ urn, stage: 'registered', updated_at: now }).where('id', '=', id).execute();
    await addEvent(tx, id, 'linked', onDate, summary, now);
  });
}

/** The LA's settings registered since the enquiry, of the planned type, that no record holds: the likely match first by name. */
export async function candidates(tenant: TenantDb, p: { name: string; enquiry_date: string }, ofstedType: string) {
  const rows = await tenant
    .selectFrom('providers')
    .select(['providers.urn', 'providers.name', 'providers.redacted', 'providers.registration_date', 'providers.postcode', 'providers.ward', 'providers.provider_type'])
    .where('providers.provider_type', '=', ofstedType)
    .where('providers.registration_date', '>=', p.enquiry_date)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('prospective_providers as pp').select('pp.id').whereRef('pp.urn', '=', 'providers.urn'))))
    .orderBy('providers.registration_date', 'desc')
    .limit(50)
    .execute();
  const words = p.name.toLowerCase().split(/\W+/).filter((w) => w.length > 2);
  const score = (name: string | null) => (name ? words.filter((w) => name.toLowerCase().includes(w)).length : 0);
  return rows.sort((a, b) => score(b.name) - score(a.name)).slice(0, 10);
}
