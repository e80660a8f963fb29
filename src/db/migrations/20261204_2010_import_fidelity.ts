import { sql, type Kysely } from 'kysely';

/*
 * Import fidelity (issues 16 and 17.1): a provider moving to another local authority and a
 * provider first seen in EY Hub (registered long ago, or already inspected) are change records of
 * their own; an import counts the rows it skipped because EY Hub holds newer data; each local
 * authority says how recent a registration must be to start a New registration pathway.
 */
const types = ['new_registration', 'new_inspection_outcome', 'status_change', 'enforcement', 'details_changed'];
const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ofsted_changes drop constraint ofsted_changes_change_type_check`.execute(db);
  await sql`alter table ofsted_changes add constraint ofsted_changes_change_type_check
    check (change_type in (${list([...types, 'moved_la', 'first_seen'])}))`.execute(db);
  await sql`alter table import_la_counts add column older_count integer not null default 0`.execute(db);
  await sql`alter table import_la_counts add column moved_in_count integer not null default 0`.execute(db);
  await sql`alter table import_la_counts add column moved_out_count integer not null default 0`.execute(db);
  // providers of the kinds the file lists that the register held before it (a file with far fewer rows is a warning)
  await sql`alter table import_la_counts add column held_count integer`.execute(db);
  await sql`alter table local_authorities add column new_registration_months integer not null default 6
    check (new_registration_months between 1 and 60)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table local_authorities drop column new_registration_months`.execute(db);
  await sql`alter table import_la_counts drop column held_count`.execute(db);
  await sql`alter table import_la_counts drop column moved_out_count`.execute(db);
  await sql`alter table import_la_counts drop column moved_in_count`.execute(db);
  await sql`alter table import_la_counts drop column older_count`.execute(db);
  await sql`delete from ofsted_changes where change_type in ('moved_la', 'first_seen')`.execute(db);
  await sql`alter table ofsted_changes drop constraint ofsted_changes_change_type_check`.execute(db);
  await sql`alter table ofsted_changes add constraint ofsted_changes_change_type_check check (change_type in (${list(types)}))`.execute(db);
}
