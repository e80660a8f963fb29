import type { TenantDb } from '../../db/tenant.js';

/** The files a setting uploaded against an action. */
export async function evidenceFor(tenant: TenantDb, itemId: string) {
  return tenant.selectFrom('evidence_files').select(['id', 'file_name', 'size_bytes', 'created_at']).where('item_id', '=', itemId).orderBy('created_at').execute();
}

/** One evidence file of the LA (and, given `urn`, of that setting only); undefined if there is none. */
export async function evidenceFile(tenant: TenantDb, id: string, urn?: string) {
  let q = tenant.selectFrom('evidence_files').select(['id', 'urn', 'file_name', 'content_type', 'storage_key', 'la_code']).where('id', '=', id);
  if (urn !== undefined) q = q.where('urn', '=', urn);
  return q.executeTakeFirst();
}
