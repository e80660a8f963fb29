import type { TenantDb } from '../../db/tenant.js';
import type { BulletinRepeat } from '../../db/types.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Audience } from './audience.js';

export const repeatLabels: Record<BulletinRepeat, string> = { none: 'Once', weekly: 'Every week', twice_monthly: 'Twice a month (the 1st and the 16th)' };
export const statusLabels: Record<string, string> = { draft: 'Draft', scheduled: 'Scheduled', sending: 'Sending', sent: 'Sent' };

export async function createUpdate(tenant: TenantDb, u: { title: string; body: string; audience: Audience }, now: Date): Promise<string> {
  const row = await tenant.insertInto('bulletins', { title: u.title, body: u.body, audience: JSON.stringify(u.audience), created_by: tenant.scope.userId, created_at: now, send_at: null, sent_at: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function getUpdate(tenant: TenantDb, id: string, sentOnly = false) {
  let q = tenant.selectFrom('bulletins').selectAll().where('id', '=', id);
  if (sentOnly) q = q.where('status', '=', 'sent');
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError();
  return { ...row, audience: row.audience as Audience };
}

export async function listUpdates(tenant: TenantDb, sentOnly = false) {
  let q = tenant.selectFrom('bulletins').select(['id', 'title', 'status', 'send_at', 'sent_at', 'repeat', 'recipients', 'created_at']);
  if (sentOnly) q = q.where('status', '=', 'sent');
  return q.orderBy('created_at', 'desc').limit(200).execute();
}

export async function schedule(tenant: TenantDb, id: string, sendAt: Date, repeat: BulletinRepeat): Promise<boolean> {
  const r = await tenant.updateTable('bulletins').set({ status: 'scheduled', send_at: sendAt, repeat }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function providerTypes(tenant: TenantDb): Promise<string[]> {
  const rows = await tenant.selectFrom('providers').select('provider_type').distinct().where('provider_type', 'is not', null).orderBy('provider_type').execute();
  return rows.map((r) => r.provider_type!);
}
