import type { Kysely } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import { londonDate } from '../../platform/dates.js';

/*
 * Sustainability casework (Leicestershire's "Support for sustainability"): "If concerns are raised
 * with the Sufficiency Team, a tailored package of support may be put together to support newly
 * identified issues. This could be with existing providers or potential new providers in the area.
 * The support could include one to one support visits, email/telephone support, web signposting
 * and peer to peer mentoring support." The Business Development Advisor "supports new and existing
 * childcare providers to look at their financial sustainability": the business review.
 */
export const packageParts = {
  one_to_one_visits: 'One to one support visits',
  email_telephone: 'E-mail and telephone support',
  web_signposting: 'Web signposting',
  peer_mentoring: 'Peer to peer mentoring',
} as const;
export type PackagePart = keyof typeof packageParts;

/** A case is closed once it has a closing date; it may close only after the package has been agreed. */
export function closeProblem(c: { package: readonly string[]; closed_on: string | null }): string | null {
  if (c.closed_on) return 'This case is already closed';
  if (!c.package.length) return 'Agree the package of support before closing the case';
  return null;
}

export async function addCase(tenant: TenantDb, c: { urn: string | null; prospectiveId: string | null; concern: string; raisedOn: string }, now: Date): Promise<string> {
  const row = await tenant.insertInto('sustainability_cases', { urn: c.urn, prospective_id: c.prospectiveId, concern: c.concern, raised_on: c.raisedOn, created_by: tenant.scope.userId, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const withSubject = (tenant: TenantDb) => tenant
  .selectFrom('sustainability_cases')
  .leftJoin('providers', 'providers.urn', 'sustainability_cases.urn')
  .leftJoin('prospective_providers', 'prospective_providers.id', 'sustainability_cases.prospective_id')
  .selectAll('sustainability_cases')
  .select(['providers.name as provider_name', 'providers.redacted', 'prospective_providers.name as prospective_name']);

export async function cases(tenant: TenantDb, filter: { urn?: string } = {}) {
  let q = withSubject(tenant);
  if (filter.urn) q = q.where('sustainability_cases.urn', '=', filter.urn);
  return q.orderBy('sustainability_cases.raised_on', 'desc').execute();
}

export async function getCase(tenant: TenantDb, id: string) {
  return withSubject(tenant).where('sustainability_cases.id', '=', id).executeTakeFirst();
}

export async function updateCase(tenant: TenantDb, id: string, change: { package?: string[]; business_review_on?: string; business_review?: string; closed_on?: string; closure?: string }, now: Date): Promise<void> {
  await tenant.updateTable('sustainability_cases').set({ ...change, updated_at: now }).where('id', '=', id).execute();
}

/**
 * "The Inadequate pathway's business review is one of these" (issue 23): when a pathway reaches its
 * business-review step, the setting's open sustainability case is linked to it, or a case is opened,
 * with the step's due date. Runs in the pathway's transaction (staff allocation or an import).
 */
export async function onBusinessReviewDue(db: Kysely<DB>, e: { laCode: string; urn: string; pathwayId: string; title: string; dueDate: string }, now: Date): Promise<string> {
  const open = await db.selectFrom('sustainability_cases').select('id').where('la_code', '=', e.laCode).where('urn', '=', e.urn).where('closed_on', 'is', null)
    .orderBy('raised_on', 'desc').executeTakeFirst();
  if (open) {
    await db.updateTable('sustainability_cases').set({ pathway_id: e.pathwayId, business_review_due: e.dueDate, updated_at: now }).where('id', '=', open.id).where('la_code', '=', e.laCode).execute();
    return open.id;
  }
  const row = await db.insertInto('sustainability_cases').values({
    la_code: e.laCode, urn: e.urn, prospective_id: null, concern: `Referred by the support pathway: ${e.title}`, raised_on: londonDate(now),
    pathway_id: e.pathwayId, business_review_due: e.dueDate, created_by: null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The sustainability case holding a pathway's business review, if any (for the pathway page's link). */
export async function caseForPathway(tenant: TenantDb, pathwayId: string): Promise<{ id: string; closed_on: string | null } | undefined> {
  return tenant.selectFrom('sustainability_cases').select(['id', 'closed_on']).where('pathway_id', '=', pathwayId).orderBy('created_at', 'desc').executeTakeFirst();
}
