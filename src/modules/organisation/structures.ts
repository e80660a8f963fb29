import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, OrgSlot } from '../../db/types.js';
import { srcDir } from '../../platform/paths.js';

/*
 * The shipped organisations (issue 19.1): Kent's and Leicestershire's teams and job titles in the
 * words of their documents, and a neutral default for every other LA. An LA gets its structure the
 * first time anything needs it; admins then change it at /organisation.
 */

export const slots = ['manager', 'adviser', 'officer'] as const satisfies readonly OrgSlot[];

/** What a slot is called in the pathway templates (the people of the flow charts). */
export const slotLabels: Record<OrgSlot, string> = {
  manager: 'Senior Improvement Adviser (allocates)',
  adviser: 'Improvement Adviser (leads the visits)',
  officer: 'Childcare Sufficiency Officer',
};

const key = z.string().regex(/^[a-z][a-z0-9_]*$/);
const structure = z.object({
  source: z.string(),
  teams: z.array(z.object({
    key,
    name: z.string().min(1),
    description: z.string().default(''),
    /** its members see every inclusion child of the LA, as `inclusion:work` does (ADR 0027) */
    inclusionTeam: z.boolean().default(false),
    jobTitles: z.array(z.object({
      key,
      name: z.string().min(1),
      short: z.string().default(''),
      description: z.string().default(''),
      managesTeam: z.boolean().default(false),
      slots: z.array(z.enum(slots)).default([]),
      samePersonAs: key.optional(),
      /** the job title whose queue takes a pathway's "ask the inclusion team for a visit" (ADR 0027) */
      inclusionRequests: z.boolean().default(false),
    })),
  })),
});
export type Structure = z.infer<typeof structure>;

const variants: Record<string, string> = { '886': 'kent', '855': 'leicestershire' };
const cache = new Map<string, Structure>();

/** The structure an LA starts from: Kent (886), Leicestershire (855), otherwise the neutral default. */
export function defaultStructure(laCode: string): Structure {
  const name = variants[laCode] ?? 'default';
  const cached = cache.get(name);
  if (cached) return cached;
  const parsed = structure.parse(JSON.parse(readFileSync(path.join(srcDir, 'modules', 'organisation', 'data', `${name}.json`), 'utf8')));
  cache.set(name, parsed);
  return parsed;
}

/** Which job title receives each slot's unallocated work; the first that names it wins. */
export function slotRoutes(titles: readonly { id: string; slots: readonly string[] }[]): Map<string, string> {
  const routes = new Map<string, string>();
  for (const t of titles) for (const s of t.slots) if (!routes.has(s)) routes.set(s, t.id);
  return routes;
}

/**
 * Gives each LA in `laCodes` that has no teams its shipped structure, and routes its open work that
 * nobody owns (tasks, planned visits) to the job titles that take those slots. Idempotent.
 */
export async function ensureOrganisation(db: Kysely<DB>, laCodes: readonly string[]): Promise<string[]> {
  if (laCodes.length === 0) return [];
  const have = new Set((await db.selectFrom('org_teams').select('la_code').distinct().where('la_code', 'in', laCodes).execute()).map((r) => r.la_code));
  const missing = [...new Set(laCodes)].filter((la) => !have.has(la));
  for (const la of missing) {
    const s = defaultStructure(la);
    for (const [i, team] of s.teams.entries()) {
      const row = await db.insertInto('org_teams').values({ la_code: la, key: team.key, name: team.name, description: team.description, position: i })
        .onConflict((oc) => oc.columns(['la_code', 'key']).doNothing()).returning('id').executeTakeFirst();
      if (!row) continue;
      if (team.jobTitles.length) {
        await db.insertInto('org_job_titles').values(team.jobTitles.map((t, j) => ({
          la_code: la, team_id: row.id, key: t.key, name: t.name, short_name: t.short, description: t.description, manages_team: t.managesTeam, slots: t.slots, same_person_as: t.samePersonAs ?? null, position: j,
        }))).onConflict((oc) => oc.columns(['la_code', 'key']).doNothing()).execute();
      }
    }
  }
  if (missing.length) await routeOpenWork(db, missing);
  return missing;
}

/** Open tasks and planned visits nobody owns go to the queue of the job title that takes their slot. */
export async function routeOpenWork(db: Kysely<DB>, laCodes: readonly string[]): Promise<void> {
  await sql`
    update tasks t set owner_job_title_id = jt.id
    from org_job_titles jt
    where t.la_code in (${sql.join(laCodes)}) and jt.la_code = t.la_code and t.owner_user_id is null and t.owner_job_title_id is null
      and t.done_at is null and t.cancelled_at is null and t.owner_role = any(jt.slots)`.execute(db);
  await sql`
    update visits v set job_title_id = jt.id
    from org_job_titles jt
    where v.la_code in (${sql.join(laCodes)}) and jt.la_code = v.la_code and v.adviser_id is null and v.job_title_id is null and v.status in ('planned', 'booked')
      and (case v.visit_type when 'sia_review' then 'manager' when 'officer_monitoring' then 'officer' else 'adviser' end) = any(jt.slots)`.execute(db);
}

/** Every LA with staff gets its structure (run after the schema migrations). */
export async function ensureOrganisationsOfStaffedLas(db: Kysely<DB>): Promise<string[]> {
  const las = (await db.selectFrom('users').select('la_code').distinct().execute()).map((r) => r.la_code);
  return ensureOrganisation(db, las);
}

/** The keys of the LA's teams whose members work as the inclusion team (flagged in its shipped structure). */
export function inclusionTeamKeys(laCode: string): string[] {
  return defaultStructure(laCode).teams.filter((t) => t.inclusionTeam).map((t) => t.key);
}
