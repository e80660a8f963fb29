import type { TenantDb } from '../../db/tenant.js';
import type { ActionStatus } from '../../db/types.js';
import { EditConflictError, isStale } from '../../platform/edit-conflict.js';
import { NotFoundError } from '../../platform/errors.js';

export const actionStatusLabels: Record<ActionStatus, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' };
export const sourceLabels: Record<string, string> = {
  ofsted_action: 'Ofsted action',
  ofsted_recommendation: 'Ofsted recommendation',
  note_of_visit: 'Note of visit',
  audit: 'Audit',
  self_identified: 'Self-identified',
};

export interface NewItem {
  urn: string;
  pathwayId: string | null;
  noteId: string | null;
  source: string;
  area: string;
  action: string;
  successCriteria?: string;
  owner?: string;
  dueDate: string | null;
}

export async function addItems(tenant: TenantDb, items: NewItem[], now: Date): Promise<void> {
  if (!items.length) return;
  await tenant
    .insertInto(
      'action_plan_items',
      items.map((i) => ({ urn: i.urn, pathway_id: i.pathwayId, note_id: i.noteId, source: i.source, area: i.area, action: i.action, success_criteria: i.successCriteria ?? '', owner: i.owner ?? '', due_date: i.dueDate, created_by: tenant.scope.userId, created_at: now, updated_at: now })),
    )
    .execute();
}

export async function itemsFor(tenant: TenantDb, urn: string) {
  return tenant
    .selectFrom('action_plan_items')
    .select((eb) => [
      'action_plan_items.id', 'action_plan_items.source', 'action_plan_items.area', 'action_plan_items.action', 'action_plan_items.success_criteria', 'action_plan_items.owner',
      'action_plan_items.due_date', 'action_plan_items.status', 'action_plan_items.note_id', 'action_plan_items.created_at', 'action_plan_items.updated_at',
      eb.selectFrom('action_plan_updates as u').select('u.comment').whereRef('u.item_id', '=', 'action_plan_items.id').orderBy('u.at', 'desc').limit(1).as('last_comment'),
    ])
    .where('action_plan_items.urn', '=', urn)
    .orderBy('action_plan_items.due_date')
    .orderBy('action_plan_items.created_at')
    .execute();
}

/** Open items (not done or dropped), as "review recommendations from the previous visit" prefills. */
export async function openItems(tenant: TenantDb, urn: string) {
  return (await itemsFor(tenant, urn)).filter((i) => i.status === 'not_started' || i.status === 'in_progress');
}

export async function getItem(tenant: TenantDb, id: string) {
  return tenant.selectFrom('action_plan_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function itemHistory(tenant: TenantDb, id: string) {
  return tenant
    .selectFrom('action_plan_updates')
    .leftJoin('users', 'users.id', 'action_plan_updates.by_user')
    .select(['action_plan_updates.at', 'action_plan_updates.status', 'action_plan_updates.comment', 'users.name as by_name'])
    .where('action_plan_updates.item_id', '=', id)
    .orderBy('action_plan_updates.at', 'desc')
    .execute();
}

/**
 * Records a status update. With `version` (the version the edit form was loaded with) a save over
 * someone else's newer update is refused with EditConflictError instead of silently replacing it.
 */
export async function updateItem(tenant: TenantDb, id: string, status: ActionStatus, comment: string, now: Date, version: number | null = null): Promise<void> {
  await tenant.transaction(async (tx) => {
    const item = await tx.selectFrom('action_plan_items').select(['version', 'updated_by', 'updated_at']).where('id', '=', id).executeTakeFirst();
    if (!item) throw new NotFoundError();
    const expected = version ?? item.version;
    if (isStale(version, item.version)) throw await itemConflict(tx, item);
    const saved = await tx.updateTable('action_plan_items').set((eb) => ({ status, updated_at: now, updated_by: tx.scope.userId, version: eb('version', '+', 1) })).where('id', '=', id).where('version', '=', expected).executeTakeFirst();
    if (saved.numUpdatedRows === 0n) {
      const current = await tx.selectFrom('action_plan_items').select(['version', 'updated_by', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
      throw await itemConflict(tx, current);
    }
    await tx.insertInto('action_plan_updates', { item_id: id, at: now, by_user: tx.scope.userId, status, comment }).execute();
  });
}

async function itemConflict(tx: TenantDb, item: { version: number; updated_by: string | null; updated_at: Date }) {
  const by = item.updated_by ? await tx.selectFrom('users').select('name').where('id', '=', item.updated_by).executeTakeFirst() : undefined;
  return new EditConflictError(item.version, by?.name ?? null, item.updated_at);
}
