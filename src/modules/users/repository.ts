import type { Kysely } from 'kysely';
import { isUuid } from '../../platform/ids.js';
import type { TenantDb } from '../../db/tenant.js';
import { pageWithTotal } from '../../platform/pagination.js';
import type { DB, Role } from '../../db/types.js';
import { escapeLike } from '../audit-log/index.js';

const listColumns = ['id', 'name', 'email', 'role', 'active', 'last_sign_in_at', 'created_at'] as const;

export async function listUsers(tenant: TenantDb, search: string, limit: number, offset: number) {
  let q = tenant.selectFrom('users');
  if (search) {
    const like = `%${escapeLike(search)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like)]));
  }
  return pageWithTotal(
    q.select(listColumns).orderBy('active', 'desc').orderBy('name').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}

export function getUser(tenant: TenantDb, id: string) {
  if (!isUuid(id)) return Promise.resolve(undefined);
  return tenant
    .selectFrom('users')
    .select([...listColumns, 'must_change_password', 'locked_until', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertUser(
  tenant: TenantDb,
  user: { name: string; email: string; role: Role; passwordHash: string },
): Promise<string> {
  const row = await tenant
    .insertInto('users', {
      name: user.name,
      email: user.email.toLowerCase(),
      role: user.role,
      password_hash: user.passwordHash,
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  tenant: TenantDb,
  id: string,
  changes: Partial<{ role: Role; active: boolean; password_hash: string; must_change_password: boolean }>,
  now: Date,
): Promise<boolean> {
  const result = await tenant
    .updateTable('users')
    .set({ ...changes, updated_at: now, ...(changes.password_hash ? { failed_sign_ins: 0, locked_until: null } : {}) })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * E-mail addresses are unique across the whole service (one sign-in page), so
 * this check is deliberately not limited to one local authority. It returns
 * only yes/no and never another authority's data.
 */
export async function emailTaken(db: Kysely<DB>, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

