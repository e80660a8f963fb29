import { sql, type Kysely } from 'kysely';

/*
 * The funding eligibility in force, materialised (issue 24, ADR 0020). For each provider a timeline:
 * one row per period in which what is in force (the LA's confirmed decision, else the rules applied
 * to the facts of the day) stays the same, so "who is eligible for FF2 on a date" is an indexed,
 * paged query instead of the rules run for every provider of the LA on each request.
 *
 * The funding engine (src/modules/funding/eligibility.ts) writes the timelines. Statement triggers
 * mark a provider stale whenever a fact the rules read changes, whatever writes it (an import, staff,
 * a pathway, a decision), and a new version of an LA's rules marks the whole LA; the engine brings
 * stale providers up to date after its own run and before any list is read, so a list never shows
 * a stale answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table funding_eligibility (
      urn text not null references providers (urn) on delete cascade,
      la_code text not null references local_authorities (la_code),
      name text,
      redacted boolean not null,
      valid_from date not null,
      valid_to date,
      ff2 text not null,
      universal text not null,
      extended text not null,
      under_threes text not null,
      eligibility jsonb not null,
      decision_id uuid,
      primary key (urn, valid_from)
    )`.execute(db);
  await sql`create index funding_eligibility_la on funding_eligibility (la_code, valid_from)`.execute(db);
  // providers whose timeline must be recomputed before the LA's list is read (both LAs of a move)
  await sql`create table funding_eligibility_stale (la_code text not null, urn text not null, primary key (la_code, urn))`.execute(db);
  // LAs whose timelines are complete for every provider (no row: compute the whole LA)
  await sql`create table funding_eligibility_state (la_code text primary key references local_authorities (la_code), refreshed_at timestamptz not null)`.execute(db);

  await sql`
    create function funding_mark_stale() returns trigger language plpgsql as $$
    begin
      insert into funding_eligibility_stale (la_code, urn) select distinct la_code, urn from changed on conflict do nothing;
      return null;
    end $$`.execute(db);
  for (const table of ['inspections', 'enforcement_events', 'funding_decisions']) {
    await sql`create trigger ${sql.id(`${table}_funding_insert`)} after insert on ${sql.table(table)} referencing new table as changed for each statement execute function funding_mark_stale()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_funding_update`)} after update on ${sql.table(table)} referencing new table as changed for each statement execute function funding_mark_stale()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_funding_delete`)} after delete on ${sql.table(table)} referencing old table as changed for each statement execute function funding_mark_stale()`.execute(db);
  }
  await sql`create trigger providers_funding_insert after insert on providers referencing new table as changed for each statement execute function funding_mark_stale()`.execute(db);
  // an update marks only providers whose facts for funding (or the name the list sorts by) changed
  await sql`
    create function funding_mark_stale_providers() returns trigger language plpgsql as $$
    begin
      insert into funding_eligibility_stale (la_code, urn)
        select distinct l.la_code, n.urn from new_rows n join old_rows o on o.urn = n.urn
         cross join lateral (values (n.la_code), (o.la_code)) l (la_code)
         where n.la_code is distinct from o.la_code or n.status is distinct from o.status or n.status_date is distinct from o.status_date
            or n.registration_date is distinct from o.registration_date or n.registers is distinct from o.registers
            or n.name is distinct from o.name or n.redacted is distinct from o.redacted
        on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger providers_funding_update after update on providers referencing old table as old_rows new table as new_rows for each statement execute function funding_mark_stale_providers()`.execute(db);
  await sql`
    create function funding_mark_stale_pathway() returns trigger language plpgsql as $$
    begin
      insert into funding_eligibility_stale (la_code, urn)
        select distinct c.la_code, p.urn from changed c join pathways p on p.id = c.pathway_id
         where c.event_type in ('insufficient_improvement', 'support_declined', 'not_engaging')
        on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`create trigger pathway_events_funding_insert after insert on pathway_events referencing new table as changed for each statement execute function funding_mark_stale_pathway()`.execute(db);
  await sql`
    create function funding_mark_stale_rules() returns trigger language plpgsql as $$
    begin
      delete from funding_eligibility_state s using changed c where s.la_code = c.la_code;
      return null;
    end $$`.execute(db);
  await sql`create trigger funding_rules_funding_insert after insert on funding_rules referencing new table as changed for each statement execute function funding_mark_stale_rules()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['inspections', 'enforcement_events', 'funding_decisions']) {
    for (const event of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.id(`${table}_funding_${event}`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop trigger providers_funding_insert on providers`.execute(db);
  await sql`drop trigger providers_funding_update on providers`.execute(db);
  await sql`drop trigger pathway_events_funding_insert on pathway_events`.execute(db);
  await sql`drop trigger funding_rules_funding_insert on funding_rules`.execute(db);
  for (const f of ['funding_mark_stale', 'funding_mark_stale_providers', 'funding_mark_stale_pathway', 'funding_mark_stale_rules']) await sql`drop function ${sql.id(f)}()`.execute(db);
  for (const t of ['funding_eligibility_state', 'funding_eligibility_stale', 'funding_eligibility']) await sql`drop table ${sql.table(t)}`.execute(db);
}
