import { sql, type Kysely } from 'kysely';

/*
 * Page costs (issue 24, ADR 0020).
 *
 * 1. Each provider keeps its headline outcome (the latest graded inspection, else the latest of any
 *    kind) in `latest_*` columns, so the providers list filters and sorts on the provider's own row
 *    instead of running a "latest inspection" subquery for every provider of the LA. Statement
 *    triggers on `inspections` keep them right, set-based (one UPDATE per statement over the
 *    providers it touched, through transition tables), whatever writes inspections: the import, a
 *    member of staff, a move between LAs.
 * 2. Indexes the national-scale plans asked for: visits by LA and booked time (the visit calendar),
 *    tasks by pathway (the pathway page), open action-plan items by LA and due date (My work).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table providers
      add column latest_inspection_id uuid,
      add column latest_overall text,
      add column latest_inspection_date date,
      add column latest_report_card jsonb`.execute(db);
  await sql`
    create function providers_latest_inspection() returns trigger language plpgsql as $$
    begin
      update providers p
         set latest_inspection_id = li.id, latest_overall = li.overall, latest_inspection_date = li.inspection_date, latest_report_card = li.report_card
        from (select distinct urn from changed) c
        left join lateral (
          select e.id, e.overall, e.inspection_date, e.report_card from inspections e
           where e.urn = c.urn
           order by e.kind = 'full' desc, e.inspection_date desc, e.id
           limit 1) li on true
       where p.urn = c.urn
         and (p.latest_inspection_id is distinct from li.id or p.latest_overall is distinct from li.overall
              or p.latest_inspection_date is distinct from li.inspection_date or p.latest_report_card is distinct from li.report_card);
      return null;
    end $$`.execute(db);
  // PostgreSQL allows transition tables only on single-event triggers: one trigger per event.
  await sql`create trigger inspections_latest_insert after insert on inspections referencing new table as changed for each statement execute function providers_latest_inspection()`.execute(db);
  await sql`create trigger inspections_latest_update after update on inspections referencing new table as changed for each statement execute function providers_latest_inspection()`.execute(db);
  await sql`create trigger inspections_latest_delete after delete on inspections referencing old table as changed for each statement execute function providers_latest_inspection()`.execute(db);
  await sql`
    update providers p
       set latest_inspection_id = li.id, latest_overall = li.overall, latest_inspection_date = li.inspection_date, latest_report_card = li.report_card
      from (select distinct on (e.urn) e.urn, e.id, e.overall, e.inspection_date, e.report_card from inspections e
             order by e.urn, e.kind = 'full' desc, e.inspection_date desc, e.id) li
     where p.urn = li.urn`.execute(db);
  await sql`create index providers_la_latest_outcome on providers (la_code, latest_overall)`.execute(db);
  await sql`create index providers_la_latest_inspected on providers (la_code, latest_inspection_date desc nulls last, urn)`.execute(db);

  await sql`create index visits_la_booked on visits (la_code, booked_for) where status in ('booked', 'done')`.execute(db);
  await sql`create index tasks_pathway on tasks (pathway_id)`.execute(db);
  await sql`create index action_plan_open_la on action_plan_items (la_code, due_date) where status in ('not_started', 'in_progress')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of ['action_plan_open_la', 'tasks_pathway', 'visits_la_booked', 'providers_la_latest_inspected', 'providers_la_latest_outcome']) await sql`drop index ${sql.id(i)}`.execute(db);
  for (const t of ['inspections_latest_insert', 'inspections_latest_update', 'inspections_latest_delete']) await sql`drop trigger ${sql.id(t)} on inspections`.execute(db);
  await sql`drop function providers_latest_inspection()`.execute(db);
  await sql`alter table providers drop column latest_inspection_id, drop column latest_overall, drop column latest_inspection_date, drop column latest_report_card`.execute(db);
}
