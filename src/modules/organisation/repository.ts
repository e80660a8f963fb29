import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import type { DB, OrgSlot } from '../../db/types.js';
import { defaultStructure, ensureOrganisation, inclusionTeamKeys } from './structures.js';

/* Reads and writes of the LA's teams, job titles and who holds them. Every query is the tenant's. */

export interface JobTitle {
  id: string;
  teamId: string;
  key: string;
  name: string;
  shortName: string;
  description: string;
  managesTeam: boolean;
  slots: OrgSlot[];
  samePersonAs: string | null;
}

export interface Team {
  id: string;
  key: string;
  name: string;
  description: string;
  jobTitles: (JobTitle & { members: { id: string; name: string }[] })[];
}

const titleColumns = ['id', 'team_id', 'key', 'name', 'short_name', 'description', 'manages_team', 'slots', 'same_person_as'] as const;
function toJobTitle(r: { id: string; team_id: string; key: string; name: string; short_name: string; description: string; manages_team: boolean; slots: OrgSlot[]; same_person_as: string | null }): JobTitle {
  return { id: r.id, teamId: r.team_id, key: r.key, name: r.name, shortName: r.short_name, description: r.description, managesTeam: r.manages_team, slots: r.slots, samePersonAs: r.same_person_as };
}

/** The LA's structure, created from the shipped one the first time it is asked for. */
export async function ensure(tenant: TenantDb): Promise<void> {
  await tenant.forJob((db) => ensureOrganisation(db, [tenant.scope.laCode]));
}

/** Every team with its job titles and the active staff holding each, in the LA's order. */
export async function listTeams(tenant: TenantDb): Promise<Team[]> {
  await ensure(tenant);
  const [teams, titles, members] = await Promise.all([
    tenant.selectFrom('org_teams').select(['id', 'key', 'name', 'description']).orderBy('position').orderBy('name').execute(),
    tenant.selectFrom('org_job_titles').select([...titleColumns]).orderBy('position').orderBy('name').execute(),
    tenant.selectFrom('org_user_job_titles').innerJoin('users', 'users.id', 'org_user_job_titles.user_id')
      .select(['org_user_job_titles.job_title_id', 'users.id', 'users.name']).where('users.active', '=', true).orderBy('users.name').execute(),
  ]);
  return teams.map((t) => ({
    ...t,
    jobTitles: titles.filter((j) => j.team_id === t.id).map((j) => ({ ...toJobTitle(j), members: members.filter((m) => m.job_title_id === j.id).map((m) => ({ id: m.id, name: m.name })) })),
  }));
}

export async function getTeam(tenant: TenantDb, id: string): Promise<Team | undefined> {
  return (await listTeams(tenant)).find((t) => t.id === id);
}

export async function getJobTitle(tenant: TenantDb, id: string): Promise<JobTitle | undefined> {
  const r = await tenant.selectFrom('org_job_titles').select([...titleColumns]).where('id', '=', id).executeTakeFirst();
  return r ? toJobTitle(r) : undefined;
}

export async function jobTitleByKey(tenant: TenantDb, key: string): Promise<JobTitle | undefined> {
  await ensure(tenant);
  const r = await tenant.selectFrom('org_job_titles').select([...titleColumns]).where('key', '=', key).executeTakeFirst();
  return r ? toJobTitle(r) : undefined;
}

/**
 * The job title whose queue takes a pathway's request for an inclusion visit: the first title the
 * LA's shipped structure flags `inclusionRequests` (Kent's Equality and Inclusion Adviser,
 * Leicestershire's EYSEND Advisor) that the LA still has; none when the LA has no such title.
 */
export async function inclusionRequestTitle(tenant: TenantDb): Promise<JobTitle | undefined> {
  for (const team of defaultStructure(tenant.scope.laCode).teams) {
    for (const j of team.jobTitles) {
      if (!j.inclusionRequests) continue;
      const title = await jobTitleByKey(tenant, j.key);
      if (title) return title;
    }
  }
  return undefined;
}

/** Active staff holding a job title (by key); for a title held by "the same person as" another, that one's holders. */
export async function membersOf(tenant: TenantDb, key: string): Promise<{ id: string; name: string; email: string }[]> {
  const title = await jobTitleByKey(tenant, key);
  if (!title) return [];
  const holding = title.samePersonAs ? ((await jobTitleByKey(tenant, title.samePersonAs))?.id ?? title.id) : title.id;
  return tenant.selectFrom('org_user_job_titles').innerJoin('users', 'users.id', 'org_user_job_titles.user_id')
    .select(['users.id', 'users.name', 'users.email']).where('org_user_job_titles.job_title_id', '=', holding).where('users.active', '=', true).orderBy('users.name').execute();
}

/** The job titles a member of staff holds. */
export async function jobTitlesOf(tenant: TenantDb, userId: string): Promise<(JobTitle & { teamName: string })[]> {
  const rows = await tenant.selectFrom('org_user_job_titles')
    .innerJoin('org_job_titles', 'org_job_titles.id', 'org_user_job_titles.job_title_id')
    .innerJoin('org_teams', 'org_teams.id', 'org_job_titles.team_id')
    .select(['org_job_titles.id', 'org_job_titles.team_id', 'org_job_titles.key', 'org_job_titles.name', 'org_job_titles.short_name', 'org_job_titles.description', 'org_job_titles.manages_team', 'org_job_titles.slots', 'org_job_titles.same_person_as', 'org_teams.name as team_name'])
    .where('org_user_job_titles.user_id', '=', userId)
    .orderBy('org_teams.position').orderBy('org_job_titles.position')
    .execute();
  return rows.map((r) => ({ ...toJobTitle(r), teamName: r.team_name }));
}

/** The people who manage a team: holders of its job titles marked "manages the team". */
export async function teamManagers(tenant: TenantDb, teamId: string): Promise<{ id: string; name: string; email: string }[]> {
  return tenant.selectFrom('org_job_titles')
    .innerJoin('org_user_job_titles', 'org_user_job_titles.job_title_id', 'org_job_titles.id')
    .innerJoin('users', 'users.id', 'org_user_job_titles.user_id')
    .select(['users.id', 'users.name', 'users.email']).distinct()
    .where('org_job_titles.team_id', '=', teamId).where('org_job_titles.manages_team', '=', true).where('users.active', '=', true)
    .orderBy('users.name').execute();
}

/** The manager(s) of a member of staff: the managers of each team they hold a job title in, not themselves. */
export async function managersOf(tenant: TenantDb, userId: string): Promise<{ id: string; name: string; email: string }[]> {
  const teams = [...new Set((await jobTitlesOf(tenant, userId)).map((t) => t.teamId))];
  const all = (await Promise.all(teams.map((t) => teamManagers(tenant, t)))).flat().filter((m) => m.id !== userId);
  return [...new Map(all.map((m) => [m.id, m])).values()];
}

/** Replaces the job titles a member of staff holds (only titles of their LA). */
export async function setJobTitles(tenant: TenantDb, userId: string, jobTitleIds: readonly string[]): Promise<void> {
  const valid = jobTitleIds.length ? (await tenant.selectFrom('org_job_titles').select('id').where('id', 'in', jobTitleIds).execute()).map((r) => r.id) : [];
  await tenant.deleteFrom('org_user_job_titles').where('user_id', '=', userId).execute();
  if (valid.length) await tenant.insertInto('org_user_job_titles', valid.map((id) => ({ user_id: userId, job_title_id: id }))).execute();
}

/** The ids of the queues a member of staff works from: the job titles they hold, or with none, the titles that take their role's slot. */
export async function queueIdsFor(db: Kysely<DB>, laCode: string, userId: string, role: string): Promise<string[]> {
  const held = await db.selectFrom('org_user_job_titles').select('job_title_id').where('user_id', '=', userId).where('la_code', '=', laCode).execute();
  if (held.length) return held.map((r) => r.job_title_id);
  const bySlot = await db.selectFrom('org_job_titles').select('id').where('la_code', '=', laCode).where(sql<boolean>`${role} = any(slots)`).execute();
  return bySlot.map((r) => r.id);
}

/** Active staff (not provider users) with the job titles they hold, for the admin page. */
export async function staffWithJobTitles(tenant: TenantDb) {
  await ensure(tenant);
  const [users, held] = await Promise.all([
    tenant.selectFrom('users').select(['id', 'name', 'email', 'role']).where('active', '=', true).where('role', '<>', 'provider').orderBy('name').execute(),
    tenant.selectFrom('org_user_job_titles').innerJoin('org_job_titles', 'org_job_titles.id', 'org_user_job_titles.job_title_id')
      .select(['org_user_job_titles.user_id', 'org_job_titles.name']).orderBy('org_job_titles.position').execute(),
  ]);
  return users.map((u) => ({ ...u, jobTitles: held.filter((h) => h.user_id === u.id).map((h) => h.name) }));
}

/**
 * A condition (for another module's query) that `userId` holds a job title in one of the LA's
 * inclusion teams: Kent's Equality and Inclusion, Leicestershire's Early Years SEND Inclusion.
 */
export function inInclusionTeam(eb: ExpressionBuilder<DB, never>, laCode: string, userId: string) {
  const keys = inclusionTeamKeys(laCode);
  if (!keys.length) return sql<boolean>`false`;
  return eb.exists(eb.selectFrom('org_user_job_titles')
    .innerJoin('org_job_titles', 'org_job_titles.id', 'org_user_job_titles.job_title_id')
    .innerJoin('org_teams', 'org_teams.id', 'org_job_titles.team_id')
    .select('org_user_job_titles.user_id')
    .where('org_user_job_titles.user_id', '=', userId).where('org_teams.la_code', '=', laCode).where('org_teams.key', 'in', keys));
}
