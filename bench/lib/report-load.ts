/**
 * Generators for the page-cost table's load beyond pathways and visits, set-based for any number of
 * LAs: completed SSTEW audits with varied answers (audit reports), action-plan items (My work) and
 * funding decisions (funding pages), spread over each LA's providers. Deterministic.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import { TenantDb } from '../../src/db/tenant.js';
import { currentAuditTemplates } from '../../src/modules/audits/templates.js';

/** One user per LA to own generated records (an LA of a national import may have none). */
async function benchUsers(db: Kysely<DB>, laCodes: string[]): Promise<void> {
  await sql`
    insert into users (la_code, email, name, role, password_hash)
    select l, 'bench-owner-' || l || '@bench.example', 'Bench owner', 'adviser', 'not-a-password-hash'
      from unnest(${laCodes}::text[]) l
     where not exists (select 1 from users u where lower(u.email) = 'bench-owner-' || l || '@bench.example')`.execute(db);
}

export async function seedReportLoad(db: Kysely<DB>, laCodes: string[], n: { auditsPerLa: number; actionsPerLa: number; decisionsPerLa: number }): Promise<void> {
  await benchUsers(db, laCodes);
  for (const laCode of laCodes) await currentAuditTemplates(new TenantDb(db, { laCode, userId: '00000000-0000-0000-0000-000000000000', role: 'admin' }));
  const numbered = sql`
    p as materialized (select urn, la_code, row_number() over (partition by la_code order by urn) - 1 as n from providers where la_code = any(${laCodes}::text[])),
    lc as (select la_code, count(*) as c from p group by la_code),
    o as (select distinct on (la_code) la_code, id from users where la_code = any(${laCodes}::text[]) order by la_code, (email like 'bench-owner-%') desc, id)`;
  // audits: the latest SSTEW template of each LA, answers 1-7 drawn from a hash of provider, audit and item
  await sql`
    with ${numbered},
    t as (select distinct on (la_code) la_code, id, definition from audit_templates where key = 'sstew' and la_code = any(${laCodes}::text[]) order by la_code, version desc)
    insert into audits (la_code, urn, template_id, template_key, kind, status, answers, started_by, started_at, updated_at, completed_at)
    select t.la_code, p.urn, t.id, 'sstew', 'staff', 'completed',
           (select jsonb_object_agg(i->>'key', jsonb_build_object('value', (1 + abs(hashtext(p.urn || g || (i->>'key'))) % 7)::text))
              from jsonb_array_elements(t.definition->'sections') s cross join lateral jsonb_array_elements(s->'items') i
             where i->>'response' = 'rating'),
           o.id, now() - make_interval(days => g % 900), now(), now() - make_interval(days => g % 900)
      from t join lc on lc.la_code = t.la_code cross join generate_series(1, ${n.auditsPerLa}) g
      join p on p.la_code = t.la_code and p.n = (g * 7) % lc.c
      join o on o.la_code = t.la_code`.execute(db);
  await sql`
    with ${numbered}
    insert into action_plan_items (la_code, urn, source, area, action, due_date, status, created_by, created_at, updated_at)
    select p.la_code, p.urn, 'note_of_visit', 'learning_development', 'Bench action ' || g, current_date + (g % 400) - 200,
           (array['not_started', 'in_progress', 'done', 'dropped'])[1 + g % 4], o.id, now() - make_interval(days => g % 400), now()
      from lc cross join generate_series(1, ${n.actionsPerLa}) g
      join p on p.la_code = lc.la_code and p.n = (g * 13) % lc.c
      join o on o.la_code = lc.la_code`.execute(db);
  const eligibility = (status: string) => JSON.stringify(Object.fromEntries(['ff2', 'universal', 'extended', 'under_threes'].map((s) => [s, { status, reason: 'Bench decision' }])));
  await sql`
    with ${numbered}
    insert into funding_decisions (la_code, urn, kind, status, proposed, decided, trigger, proposed_at, effective_from, decided_at)
    select p.la_code, p.urn, 'change', case when g % 3 = 0 then 'proposed' else 'confirmed' end,
           ${eligibility('not_eligible')}::jsonb, case when g % 3 = 0 then null else ${eligibility('not_eligible')}::jsonb end, 'Bench',
           now() - make_interval(days => g % 300), case when g % 3 = 0 then null else current_date - (g % 300) end, case when g % 3 = 0 then null else now() end
      from lc cross join generate_series(1, ${n.decisionsPerLa}) g
      join p on p.la_code = lc.la_code and p.n = (g * 17) % lc.c`.execute(db);
}
