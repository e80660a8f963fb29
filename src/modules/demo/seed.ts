import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { TenantDb } from '../../db/tenant.js';
import { roles, type DB, type Role } from '../../db/types.js';
import { generateOneTimePassword, hashPassword } from '../../platform/passwords.js';
import { roleLabels } from '../../platform/permissions.js';
import { appendAuthAudit } from '../audit-log/index.js';
import { runImport } from '../ofsted-import/index.js';
import { allocate, startFromLatestOutcomes } from '../pathways/index.js';
import { ensureOrganisation } from '../organisation/index.js';
import { systemClock } from '../../platform/clock.js';
import { srcDir } from '../../platform/paths.js';
import { readFileSync } from 'node:fs';

export const DEMO_EMAIL_DOMAIN = 'demo.ey-hub.example';

export interface DemoCredential {
  role: Role;
  email: string;
  password: string;
}

const demoNames: Record<Role, string> = {
  admin: 'Alex Admin',
  manager: 'Morgan Senior-Adviser',
  adviser: 'Ash Adviser',
  officer: 'Olu Officer',
  viewer: 'Vic Viewer',
  provider: 'Pat Provider',
};

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** (Re)creates the demo local authority's users: one per role, each with a new random password. */
export async function seedDemo(db: Kysely<DB>, laCode: string): Promise<DemoCredential[]> {
  const credentials = await Promise.all(
    roles.map(async (role) => {
      const password = generateOneTimePassword();
      return { role, email: `${role}@${DEMO_EMAIL_DOMAIN}`, password, hash: await hashPassword(password) };
    }),
  );
  await db.transaction().execute(async (tx) => {
    // kept, not deleted: their pathways, tasks and history refer to them
    const tenant = new TenantDb(tx, { laCode, userId: '00000000-0000-0000-0000-000000000000', role: 'admin' });
    for (const c of credentials) {
      const updated = await tx
        .updateTable('users')
        .set({ la_code: laCode, name: demoNames[c.role], role: c.role, password_hash: c.hash, active: true, failed_sign_ins: 0, locked_until: null, must_change_password: true })
        .where('email', '=', c.email)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) await tenant.insertInto('users', { email: c.email, name: demoNames[c.role], role: c.role, password_hash: c.hash, must_change_password: true }).execute();
    }
    await tx.deleteFrom('sessions').where('user_id', 'in', tx.selectFrom('users').select('id').where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`)).execute();
    await seedDemoJobTitles(tx, laCode);
    await appendAuthAudit(tx, { laCode, userId: null, email: null, ip: null }, { action: 'demo.seeded', details: { users: credentials.length } });
  });
  return credentials.map(({ role, email, password }) => ({ role, email, password }));
}

/**
 * The LA's teams and job titles (Kent's, Leicestershire's or the neutral default), and each demo
 * member of staff the job title that takes their part of the pathways: the SIA, the adviser, the officer.
 */
export async function seedDemoJobTitles(db: Kysely<DB>, laCode: string): Promise<void> {
  await ensureOrganisation(db, [laCode]);
  const titles = await db.selectFrom('org_job_titles').select(['id', 'slots']).where('la_code', '=', laCode).orderBy('position').execute();
  const people = await db.selectFrom('users').select(['id', 'role']).where('la_code', '=', laCode).where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`).execute();
  for (const person of people) {
    const title = titles.find((t) => (t.slots as string[]).includes(person.role));
    if (!title) continue;
    const holds = await db.selectFrom('org_user_job_titles').select('job_title_id').where('user_id', '=', person.id).executeTakeFirst();
    if (!holds) await db.insertInto('org_user_job_titles').values({ la_code: laCode, user_id: person.id, job_title_id: title.id }).execute();
  }
}

export function describeCredentials(laName: string, credentials: DemoCredential[]): string {
  const width = Math.max(...credentials.map((c) => c.email.length));
  const lines = credentials.map((c) => `  ${c.email.padEnd(width)}  ${c.password}  ${roleLabels[c.role]}`);
  return [`EY Hub demo users for ${laName} (email, password, role):`, ...lines, ''].join('\n');
}

export function writeCredentialsFile(dataDir: string, text: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'demo-credentials.txt');
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

/** The demo register: Kent's providers from Ofsted's 31 August 2021 file (Open Government Licence v3.0). */
export const DEMO_PROVIDERS_FILE = path.join(srcDir, 'modules', 'demo', 'data', 'ofsted_providers_kent_2021-08-31.csv');
export const DEMO_PROVIDERS_LA = '886';

export async function seedDemoProviders(db: Kysely<DB>, laCode: string): Promise<string> {
  if (laCode !== DEMO_PROVIDERS_LA) return 'No demo providers: the shipped extract is Kent’s (886).';
  const summary = await runImport(db, systemClock, {
    bytes: readFileSync(DEMO_PROVIDERS_FILE),
    fileName: path.basename(DEMO_PROVIDERS_FILE),
    laCode,
    startedBy: null,
  });
  return `Demo providers: ${summary.newCount} new, ${summary.unchangedCount} unchanged (${summary.status}).`;
}

/** Puts Kent's settings already judged less than Good on their pathways and gives the demo adviser three of them. */
export async function seedDemoPathways(db: Kysely<DB>, laCode: string): Promise<string> {
  const people = await db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('la_code', '=', laCode).where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`).execute();
  const manager = people.find((p) => p.role === 'manager');
  const adviser = people.find((p) => p.role === 'adviser');
  const officer = people.find((p) => p.role === 'officer');
  if (!manager || !adviser) return 'No demo pathways: the demo users are missing.';
  const la = await db.selectFrom('local_authorities').select('name').where('la_code', '=', laCode).executeTakeFirstOrThrow();
  const ctx = {
    user: { id: manager.id, email: manager.email, name: manager.name, role: manager.role, laCode, laName: la.name, mustChangePassword: false },
    tenant: new TenantDb(db, { laCode, userId: manager.id, role: manager.role, userEmail: manager.email }),
    clock: systemClock,
    ip: null,
  };
  const started = await startFromLatestOutcomes(ctx);
  const toAllocate = await db.selectFrom('pathways').select(['id', 'kind']).where('la_code', '=', laCode).where('allocated_at', 'is', null).where('status', '=', 'active').where('kind', 'in', ['requires_improvement', 'inadequate']).orderBy('urn').limit(3).execute();
  for (const p of toAllocate) {
    await allocate(ctx, p.id, { adviserId: adviser.id, officerId: p.kind === 'inadequate' ? (officer?.id ?? null) : null, cadence: 'monthly', managementActions: false });
  }
  // the demo provider user sees the first of those settings in the portal
  const providerUser = people.find((p) => p.role === 'provider');
  const first = toAllocate[0] ? await db.selectFrom('pathways').select('urn').where('id', '=', toAllocate[0].id).executeTakeFirst() : undefined;
  if (providerUser && first) {
    await db.insertInto('provider_users').values({ la_code: laCode, user_id: providerUser.id, urn: first.urn, created_at: new Date() }).onConflict((oc) => oc.columns(['user_id', 'urn']).doNothing()).execute();
  }
  return `Demo pathways: ${started.total} started from the latest outcomes (${started.programme} in the Annual Conversation Programme), ${toAllocate.length} allocated to ${adviser.email}${first ? `; ${providerUser?.email ?? 'the provider user'} sees setting ${first.urn} in the portal` : ''}.`;
}
