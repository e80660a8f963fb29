import { sql, type Kysely } from 'kysely';

/** Termly vacancy-return reminders on a schedule: the LA's return deadline for a term and how many working days before it reminders start; automatic reminders at most once per setting per term. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sufficiency_return_schedules (
      la_code text not null references local_authorities (la_code),
      term text not null,
      deadline date not null,
      remind_working_days integer not null check (remind_working_days between 0 and 60),
      updated_at timestamptz not null,
      primary key (la_code, term)
    )`.execute(db);
  await sql`alter table sufficiency_return_reminders add column automatic boolean not null default false`.execute(db);
  await sql`create unique index sufficiency_return_reminders_automatic on sufficiency_return_reminders (la_code, urn, term) where automatic`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index sufficiency_return_reminders_automatic`.execute(db);
  await sql`alter table sufficiency_return_reminders drop column automatic`.execute(db);
  await sql`drop table sufficiency_return_schedules`.execute(db);
}
