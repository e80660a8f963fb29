import type { Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../platform/clock.js';
import { generateOneTimePassword, hashPassword } from '../../platform/passwords.js';
import { appendAuthAudit } from '../audit-log/index.js';
import { findLocalAuthority } from '../local-authorities/index.js';
import { forgetUserSessions } from '../auth/index.js';
import { newUserSchema } from './schemas.js';

export type CreateAdminResult =
  | { ok: true; id: string; email: string; laName: string; oneTimePassword: string; replaced: boolean }
  | { ok: false; message: string };

/**
 * The first administrator of a local authority, from the command line (npm run create-admin).
 * Refuses when the LA already has an active administrator, unless `force`; with `force` an
 * existing account of that LA with the address becomes an administrator. The password is a
 * one-time password the administrator must change at first sign-in.
 */
export async function createAdmin(
  db: Kysely<DB>,
  clock: Clock,
  input: { laCode: string; email: string; name: string; force: boolean },
): Promise<CreateAdminResult> {
  const la = await findLocalAuthority(db, input.laCode);
  if (!la) return { ok: false, message: `There is no local authority with the code ${input.laCode}` };
  const form = newUserSchema.safeParse({ name: input.name, email: input.email, role: 'admin' });
  if (!form.success) return { ok: false, message: form.error.issues.map((i) => i.message).join('; ') };
  const email = form.data.email.toLowerCase();
  const tenant = new TenantDb(db, { laCode: la.la_code, userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });
  const admins = await tenant.selectFrom('users').select(['id', 'email']).where('role', '=', 'admin').where('active', '=', true).execute();
  if (admins.length > 0 && !input.force) {
    return { ok: false, message: `${la.name} already has an administrator (${admins.map((a) => a.email).join(', ')}). Use --force to add another.` };
  }
  const holder = await db
    .selectFrom('users')
    .select(['id', 'la_code'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst();
  if (holder && (holder.la_code !== la.la_code || !input.force)) {
    return { ok: false, message: `A user with the email address ${email} already exists${holder.la_code === la.la_code ? '. Use --force to make them an administrator with a new password.' : ' in another local authority.'}` };
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = clock.now();
  const id = await db.transaction().execute(async (trx) => {
    const tx = new TenantDb(trx, tenant.scope);
    let userId: string;
    if (holder) {
      await tx
        .updateTable('users')
        .set({ role: 'admin', active: true, password_hash: passwordHash, must_change_password: true, failed_sign_ins: 0, locked_until: null, updated_at: now })
        .where('id', '=', holder.id)
        .execute();
      await tx.deleteFrom('sessions').where('user_id', '=', holder.id).execute();
      userId = holder.id;
    } else {
      const row = await tx
        .insertInto('users', { name: form.data.name, email, role: 'admin', password_hash: passwordHash, must_change_password: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      userId = row.id;
    }
    await appendAuthAudit(trx, { laCode: la.la_code, userId: null, email: 'npm run create-admin', ip: null }, {
      action: holder ? 'user.made-admin' : 'user.created',
      recordType: 'user',
      recordId: userId,
      details: { email, role: 'admin', force: input.force },
    });
    return userId;
  });
  forgetUserSessions(id);
  return { ok: true, id, email, laName: la.name, oneTimePassword, replaced: holder !== undefined };
}
