/**
 * A county's support load for a demo data directory (Kent): 300 running pathways (allocated, with
 * their steps and planned visits), 50,000 past visits and 20,000 past tasks (bench/pathways.ts and
 * the page-cost table, bench/pages.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import { englandCalendar } from '../../src/platform/calendar.js';
import { londonDate } from '../../src/platform/dates.js';
import { planVisits, stepsFrom } from '../../src/modules/pathways/rules.js';
import { currentTemplates } from '../../src/modules/pathways/templates.js';
import { PathwayWrites, saveWrites } from '../../src/modules/pathways/writes.js';
import { hashPassword } from '../../src/platform/passwords.js';

export async function seedCountyLoad(db: Kysely<DB>, LA: string, scale = 1): Promise<Record<string, number>> {
  const now = new Date();
  const hash = await hashPassword('bench-password-not-used');
  await db.insertInto('users').values(Array.from({ length: 14 }, (_, i) => ({ la_code: LA, email: `adviser${i}@bench.example`, name: `Bench Adviser ${i}`, role: 'adviser' as const, password_hash: hash }))).execute();
  const advisers = (await db.selectFrom('users').select('id').where('la_code', '=', LA).where('role', '=', 'adviser').orderBy('email').execute()).map((r) => r.id);
  const running = await db.selectFrom('pathways').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '<>', 'closed').executeTakeFirstOrThrow();
  const free = await db.selectFrom('providers').select('urn').where('la_code', '=', LA).where('urn', 'not in', db.selectFrom('pathways').select('urn')).orderBy('urn').limit(300 - Number(running.n)).execute();
  const template = (await currentTemplates(db, [LA])).get(LA)!.get('requires_improvement')!;

  await db.transaction().execute(async (tx) => {
    const writes = new PathwayWrites();
    const ids = free.map((p) => writes.start({ laCode: LA, urn: p.urn, kind: 'requires_improvement', template, at: now, reason: 'Bench' }));
    await saveWrites(tx, writes);
    const more = new PathwayWrites();
    for (const [i, id] of ids.entries()) {
      // every adviser gets a caseload; the demo adviser (first by email) about twenty
      const adviser = advisers[i % advisers.length]!;
      const urn = free[i]!.urn;
      for (const s of stepsFrom(template.definition, 'allocation', now, englandCalendar())) more.tasks.push(more.taskRow(LA, urn, id, `step:${s.key}`, s.title, s.owner, s.owner === 'adviser' ? adviser : null, now, s.deadline));
      for (const v of planVisits(template.definition, londonDate(now), { cadence: 'monthly', managementActions: false }, englandCalendar())) more.visits.push(more.visitRow(LA, urn, id, v, adviser, now));
      await tx.updateTable('pathways').set({ adviser_id: adviser, allocated_at: now, cadence: 'monthly' }).where('id', '=', id).execute();
    }
    await tx.updateTable('tasks').set({ done_at: now }).where('rule_key', '=', 'step:allocate').where('pathway_id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']).execute();
    await saveWrites(tx, more);
    // history: 50,000 past visits and 20,000 past tasks spread over the county's providers and advisers
    await sql`
      with p as (select urn, row_number() over (order by urn) - 1 as n, count(*) over () as c from providers where la_code = ${LA}),
           a as (select id, row_number() over (order by id) - 1 as n, count(*) over () as c from users where la_code = ${LA} and role = 'adviser')
      insert into visits (la_code, urn, visit_type, number, focus, adviser_id, planned_date, status, done_on, created_at)
      select ${LA}, p.urn, 'improvement', 1 + g % 13, 'Past visit', a.id, current_date - (g % 2000), 'done', current_date - (g % 2000), now()
      from generate_series(1, ${Math.round(50000 * scale)}) g
      join p on p.n = g % p.c
      join a on a.n = g % a.c`.execute(tx);
    await sql`
      with p as (select urn, row_number() over (order by urn) - 1 as n, count(*) over () as c from providers where la_code = ${LA}),
           a as (select id, row_number() over (order by id) - 1 as n, count(*) over () as c from users where la_code = ${LA} and role = 'adviser')
      insert into tasks (la_code, urn, rule_key, title, owner_role, owner_user_id, created_at, due_date, due_at, done_at)
      select ${LA}, p.urn, 'rule:past', 'Past task', 'adviser', a.id, now() - make_interval(days => g % 2000 + 5), current_date - (g % 2000),
             now() - make_interval(days => g % 2000), now() - make_interval(days => g % 2000) + make_interval(hours => (g % 3) * 20)
      from generate_series(1, ${Math.round(20000 * scale)}) g
      join p on p.n = g % p.c
      join a on a.n = g % a.c`.execute(tx);
  });
  await sql`analyze`.execute(db);
  const counts = await sql<{ pathways: number; visits: number; providers: number }>`
    select (select count(*)::int from pathways where status <> 'closed') as pathways, (select count(*)::int from visits) as visits,
           (select count(*)::int from providers where la_code = ${LA}) as providers`.execute(db);
  return counts.rows[0]!;
}
