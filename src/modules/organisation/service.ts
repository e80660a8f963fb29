import type { OrgSlot } from '../../db/types.js';
import type { ActionContext } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import { appendAudit } from '../audit-log/index.js';
import * as repo from './repository.js';
import { keyFromName } from './schemas.js';

/* Admin changes to the organisation, each in one transaction and in the audit log. */

async function uniqueKey(ctx: ActionContext, table: 'org_teams' | 'org_job_titles', name: string): Promise<string> {
  const base = keyFromName(name);
  const taken = new Set((await ctx.tenant.selectFrom(table).select('key').where('key', 'like', `${base}%`).execute()).map((r) => r.key));
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}

export async function addTeam(ctx: ActionContext, input: { name: string; description: string }): Promise<string> {
  return ctx.tenant.transaction(async (tx) => {
    await repo.ensure(tx);
    const key = await uniqueKey({ ...ctx, tenant: tx }, 'org_teams', input.name);
    const position = (await repo.listTeams(tx)).length;
    const row = await tx.insertInto('org_teams', { key, name: input.name, description: input.description, position }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.ip, { action: 'org_team.added', recordType: 'org_team', recordId: row.id, details: { name: input.name } });
    return row.id;
  });
}

export async function editTeam(ctx: ActionContext, id: string, input: { name: string; description: string }): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const done = await tx.updateTable('org_teams').set({ name: input.name, description: input.description }).where('id', '=', id).executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new NotFoundError();
    await appendAudit(tx, ctx.ip, { action: 'org_team.changed', recordType: 'org_team', recordId: id, details: { name: input.name } });
  });
}

export interface JobTitleInput {
  name: string;
  shortName: string;
  description: string;
  managesTeam: boolean;
  slots: OrgSlot[];
}

/** A slot's unowned work goes to one queue: giving a slot to this title takes it from any other. */
async function takeSlots(ctx: ActionContext, id: string, slots: readonly OrgSlot[]) {
  for (const slot of slots) {
    const others = await ctx.tenant.selectFrom('org_job_titles').select(['id', 'slots']).where('id', '<>', id).execute();
    for (const o of others.filter((x) => x.slots.includes(slot))) {
      await ctx.tenant.updateTable('org_job_titles').set({ slots: o.slots.filter((s) => s !== slot) }).where('id', '=', o.id).execute();
    }
  }
}

export async function addJobTitle(ctx: ActionContext, teamId: string, input: JobTitleInput): Promise<string> {
  return ctx.tenant.transaction(async (tx) => {
    const team = await tx.selectFrom('org_teams').select('id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw new NotFoundError();
    const c = { ...ctx, tenant: tx };
    const key = await uniqueKey(c, 'org_job_titles', input.name);
    const position = (await tx.selectFrom('org_job_titles').select('id').where('team_id', '=', teamId).execute()).length;
    const row = await tx.insertInto('org_job_titles', { team_id: teamId, key, name: input.name, short_name: input.shortName, description: input.description, manages_team: input.managesTeam, slots: input.slots, position }).returning('id').executeTakeFirstOrThrow();
    await takeSlots(c, row.id, input.slots);
    await appendAudit(tx, ctx.ip, { action: 'org_job_title.added', recordType: 'org_job_title', recordId: row.id, details: { name: input.name, team: teamId } });
    return row.id;
  });
}

export async function editJobTitle(ctx: ActionContext, id: string, input: JobTitleInput): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const done = await tx.updateTable('org_job_titles').set({ name: input.name, short_name: input.shortName, description: input.description, manages_team: input.managesTeam, slots: input.slots }).where('id', '=', id).executeTakeFirst();
    if (!Number(done.numUpdatedRows)) throw new NotFoundError();
    await takeSlots({ ...ctx, tenant: tx }, id, input.slots);
    await appendAudit(tx, ctx.ip, { action: 'org_job_title.changed', recordType: 'org_job_title', recordId: id, details: { name: input.name } });
  });
}

export async function setStaffJobTitles(ctx: ActionContext, userId: string, jobTitleIds: readonly string[]): Promise<void> {
  await ctx.tenant.transaction(async (tx) => {
    const user = await tx.selectFrom('users').select('id').where('id', '=', userId).where('role', '<>', 'provider').executeTakeFirst();
    if (!user) throw new NotFoundError();
    await repo.setJobTitles(tx, userId, jobTitleIds);
    await appendAudit(tx, ctx.ip, { action: 'user.job_titles_changed', recordType: 'user', recordId: userId, details: { jobTitles: jobTitleIds } });
  });
}
