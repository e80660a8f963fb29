import type { TenantDb } from '../../db/tenant.js';

/** The files a setting uploaded against an action. */
export async function evidenceFor(tenant: TenantDb, itemId: string) {
  return tenant.selectFrom('evidence_files').select(['id', 'file_name', 'size_bytes', 'created_at']).where('item_id', '=', itemId).orderBy('created_at').execute();
}
