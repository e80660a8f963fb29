import { sql } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { defaultHeadings } from './rules.js';
import type { Duty, Rag } from './tables.js';

/** The LA's headings in order; an LA with none starts with Rutland's four. */
export async function headings(tenant: TenantDb, now: Date) {
  const existing = await tenant.selectFrom('strategy_headings').select(['id', 'name', 'position']).orderBy('position').execute();
  if (existing.length) return existing;
  await tenant.insertInto('strategy_headings', defaultHeadings.map((name, position) => ({ name, position, created_at: now }))).onConflict((oc) => oc.doNothing()).execute();
  return tenant.selectFrom('strategy_headings').select(['id', 'name', 'position']).orderBy('position').execute();
}

export async function addHeading(tenant: TenantDb, name: string, now: Date): Promise<void> {
  const last = await tenant.selectFrom('strategy_headings').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  await tenant.insertInto('strategy_headings', { name, position: Number(last?.max ?? -1) + 1, created_at: now }).execute();
}

export async function renameHeading(tenant: TenantDb, id: string, name: string): Promise<void> {
  await tenant.updateTable('strategy_headings').set({ name }).where('id', '=', id).execute();
}

export async function headingNamed(tenant: TenantDb, name: string, exceptId: string | null) {
  let q = tenant.selectFrom('strategy_headings').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export interface NewRecommendation {
  headingId: string;
  title: string;
  detail: string;
  duties: Duty[];
  owner: string;
  targetDate: string | null;
  rag: Rag;
  comment: string;
}

export async function addRecommendation(tenant: TenantDb, r: NewRecommendation, now: Date): Promise<string> {
  return tenant.transaction(async (tx) => {
    const row = await tx
      .insertInto('strategy_recommendations', { heading_id: r.headingId, title: r.title, detail: r.detail, duties: r.duties, owner: r.owner, target_date: r.targetDate, rag: r.rag, created_by: tx.scope.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('strategy_rag_updates', { recommendation_id: row.id, at: now, by_user: tx.scope.userId, rag: r.rag, comment: r.comment }).execute();
    return row.id;
  });
}

/** A new status (kept with the ones before it), and any change of owner or target date. */
export async function updateRecommendation(tenant: TenantDb, id: string, u: { rag: Rag; comment: string; owner: string; targetDate: string | null }, now: Date): Promise<void> {
  await tenant.transaction(async (tx) => {
    await tx.updateTable('strategy_recommendations').set((eb) => ({ rag: u.rag, owner: u.owner, target_date: u.targetDate, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', id).execute();
    await tx.insertInto('strategy_rag_updates', { recommendation_id: id, at: now, by_user: tx.scope.userId, rag: u.rag, comment: u.comment }).execute();
  });
}

export async function recommendations(tenant: TenantDb) {
  return tenant
    .selectFrom('strategy_recommendations')
    .innerJoin('strategy_headings', 'strategy_headings.id', 'strategy_recommendations.heading_id')
    .select([
      'strategy_recommendations.id', 'strategy_recommendations.title', 'strategy_recommendations.detail', 'strategy_recommendations.duties', 'strategy_recommendations.owner',
      'strategy_recommendations.target_date', 'strategy_recommendations.rag', 'strategy_recommendations.updated_at', 'strategy_recommendations.heading_id', 'strategy_headings.name as heading',
    ])
    .orderBy('strategy_headings.position')
    .orderBy('strategy_recommendations.created_at')
    .execute();
}

export async function recommendation(tenant: TenantDb, id: string) {
  return tenant
    .selectFrom('strategy_recommendations')
    .innerJoin('strategy_headings', 'strategy_headings.id', 'strategy_recommendations.heading_id')
    .selectAll('strategy_recommendations')
    .select('strategy_headings.name as heading')
    .where('strategy_recommendations.id', '=', id)
    .executeTakeFirst();
}

/** Every status update of the LA's recommendations (or of one), oldest first. */
export async function ragUpdates(tenant: TenantDb, recommendationId?: string) {
  let q = tenant
    .selectFrom('strategy_rag_updates')
    .leftJoin('users', 'users.id', 'strategy_rag_updates.by_user')
    .select(['strategy_rag_updates.recommendation_id', 'strategy_rag_updates.at', 'strategy_rag_updates.rag', 'strategy_rag_updates.comment', 'users.name as by_name']);
  if (recommendationId) q = q.where('strategy_rag_updates.recommendation_id', '=', recommendationId);
  return q.orderBy('strategy_rag_updates.at').orderBy('strategy_rag_updates.id').execute();
}

export async function addEngagement(tenant: TenantDb, e: { kind: string; heldOn: string; title: string; summary: string; recommendationIds: string[] }, now: Date): Promise<string> {
  const row = await tenant
    .insertInto('strategy_engagements', { kind: e.kind, held_on: e.heldOn, title: e.title, summary: e.summary, recommendation_ids: e.recommendationIds, recorded_by: tenant.scope.userId, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Engagement records, newest first; with an id, only those linked to that recommendation. */
export async function engagements(tenant: TenantDb, recommendationId?: string) {
  let q = tenant.selectFrom('strategy_engagements').select(['id', 'kind', 'held_on', 'title', 'summary', 'recommendation_ids']);
  if (recommendationId) q = q.where(sql<boolean>`${recommendationId}::uuid = any(recommendation_ids)`);
  return q.orderBy('held_on', 'desc').orderBy('created_at', 'desc').execute();
}
