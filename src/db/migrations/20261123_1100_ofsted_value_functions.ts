import { sql, type Kysely } from 'kysely';

/*
 * SQL twins of ofsted-import/values.ts, so a national CSV can be normalised in
 * set-based SQL after COPY. Each *_problem function returns the same reason as
 * the TypeScript parser, or null. Plain SQL functions: PostgreSQL 15 and PGlite.
 */
const functions = [
  `create function ey_blank(v text) returns boolean language sql immutable as $$
     select v is null or lower(btrim(v)) in ('', '-', 'null', 'n/a', 'not applicable') $$`,
  `create function ey_text(v text) returns text language sql immutable as $$
     select case when v is null or upper(btrim(v)) = 'REDACTED' then null
                 when strpos(v, '  ') > 0 or strpos(v, E'\\t') > 0 or strpos(v, E'\\n') > 0 or strpos(v, E'\\r') > 0
                   then nullif(btrim(regexp_replace(v, '\\s+', ' ', 'g')), '')
                 else nullif(btrim(v), '') end $$`,
  // [year, month, day] of dd/mm/yyyy (optionally with a time, or a range: its first day) or yyyy-mm-dd; null otherwise.
  // One CASE expression, so PostgreSQL inlines it: a national file has ~500,000 date cells.
  `create function ey_date_parts(v text) returns int[] language sql immutable as $$
     select case
       when v ~ '^\\s*\\d{1,2}/\\d{1,2}/\\d{4}(\\s+\\d{1,2}:\\d{2}(:\\d{2})?)?(\\s*-\\s*\\d{1,2}/\\d{1,2}/\\d{4})?\\s*$'
         then array[left(split_part(btrim(v), '/', 3), 4)::int, split_part(btrim(v), '/', 2)::int, split_part(btrim(v), '/', 1)::int]
       when v ~ '^\\s*\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z?)?\\s*$'
         then array[substr(btrim(v), 1, 4)::int, substr(btrim(v), 6, 2)::int, substr(btrim(v), 9, 2)::int]
     end $$`,
  `create function ey_valid_ymd(p int[]) returns boolean language sql immutable as $$
     select p is not null and p[1] between 1900 and 2100 and p[2] between 1 and 12 and p[3] >= 1
       and p[3] <= case p[2] when 2 then case when (p[1] % 4 = 0 and p[1] % 100 <> 0) or p[1] % 400 = 0 then 29 else 28 end
                             when 4 then 30 when 6 then 30 when 9 then 30 when 11 then 30 else 31 end $$`,
  `create function ey_date(v text) returns date language sql immutable as $$
     select case when not ey_blank(v) and ey_valid_ymd(ey_date_parts(v))
                 then make_date((ey_date_parts(v))[1], (ey_date_parts(v))[2], (ey_date_parts(v))[3]) end $$`,
  `create function ey_date_problem(v text) returns text language sql immutable as $$
     select case when ey_blank(v) then null
                 when ey_date_parts(v) is null then '“' || btrim(v) || '” is not a date'
                 when not ey_valid_ymd(ey_date_parts(v)) then '“' || btrim(v) || '” is not a real date' end $$`,
  `create function ey_outcome(v text) returns text language sql immutable as $$
     select case lower(btrim(replace(replace(replace(replace(v, '(', ' '), ')', ' '), '  ', ' '), '  ', ' ')))
       when '1' then 'outstanding' when '2' then 'good' when '3' then 'requires_improvement' when '4' then 'inadequate'
       when 'outstanding' then 'outstanding' when 'good' then 'good' when 'requires improvement' then 'requires_improvement'
       when 'inadequate' then 'inadequate' when 'inadequate 1' then 'inadequate' when 'inadequate 2' then 'inadequate'
       when 'satisfactory' then 'satisfactory' when 'met' then 'met'
       when 'not met with actions' then 'not_met_actions' when 'not met actions' then 'not_met_actions'
       when 'not met with enforcement' then 'not_met_enforcement' when 'not met enforcement' then 'not_met_enforcement'
       when 'effective' then 'effective' when 'ineffective' then 'ineffective' when 'not effective' then 'ineffective' end $$`,
  `create function ey_outcome_problem(v text) returns text language sql immutable as $$
     select case when not ey_blank(v) and ey_outcome(v) is null then '“' || btrim(v) || '” is not an inspection outcome' end $$`,
  `create function ey_rc_grade(v text) returns text language sql immutable as $$
     select case lower(btrim(replace(v, '  ', ' ')))
       when 'exceptional' then 'exceptional' when 'strong standard' then 'strong_standard'
       when 'expected standard' then 'expected_standard' when 'needs attention' then 'needs_attention'
       when 'urgent improvement' then 'urgent_improvement' end $$`,
  `create function ey_rc_grade_problem(v text) returns text language sql immutable as $$
     select case when not ey_blank(v) and ey_rc_grade(v) is null then '“' || btrim(v) || '” is not a report card grade' end $$`,
  `create function ey_yes_no(v text) returns boolean language sql immutable as $$
     select case when lower(btrim(v)) in ('yes', 'y', 'met', 'true') then true
                 when lower(btrim(v)) in ('no', 'n', 'not met', 'false') then false end $$`,
  `create function ey_yes_no_problem(v text) returns text language sql immutable as $$
     select case when not ey_blank(v) and ey_yes_no(v) is null then '“' || btrim(v) || '” is not yes or no' end $$`,
  `create function ey_number(v text) returns numeric language sql immutable as $$
     select case when btrim(replace(v, ',', '')) ~ '^\\d+(\\.\\d+)?$' and not ey_blank(v) then btrim(replace(v, ',', ''))::numeric end $$`,
  `create function ey_number_problem(v text) returns text language sql immutable as $$
     select case when not ey_blank(v) and ey_number(v) is null then '“' || btrim(v) || '” is not a number' end $$`,
  `create function ey_urn_problem(v text) returns text language sql immutable as $$
     select case when coalesce(btrim(v), '') = '' then 'URN is empty'
                 when upper(btrim(v)) !~ '^[A-Z]{0,3}\\d{5,8}$' then '“' || btrim(v) || '” is not an Ofsted URN' end $$`,
  `create function ey_la_key(v text) returns text language sql immutable as $$
     select btrim(regexp_replace(replace(lower(v), '&', 'and'), '[^a-z0-9]+', ' ', 'g')) $$`,
  `create function ey_provider_type(v text) returns text language sql immutable as $$
     select case upper(ey_text(v))
       when 'CMR' then 'Childminder' when 'CCN' then 'Childcare on non-domestic premises'
       when 'CCD' then 'Childcare on domestic premises' when 'HCR' then 'Home childcarer' when 'CMA' then 'Childminder agency'
       when 'CHILDMINDER' then 'Childminder' when 'CHILDCARE ON NON-DOMESTIC PREMISES' then 'Childcare on non-domestic premises'
       when 'CHILDCARE ON DOMESTIC PREMISES' then 'Childcare on domestic premises' when 'HOME CHILDCARER' then 'Home childcarer'
       when 'CHILDMINDER AGENCY' then 'Childminder agency'
       when 'CHILDMINDER WITHOUT DOMESTIC PREMISES' then 'Childminder without domestic premises'
       else ey_text(v) end $$`,
  `create function ey_status(v text) returns text language sql immutable as $$
     select case upper(ey_text(v))
       when 'ACTV' then 'Active' when 'SUSP' then 'Suspended' when 'RESG' then 'Resigned'
       when 'CANC' then 'Cancelled' when 'PROP' then 'Proposed' when 'INAC' then 'Inactive'
       else upper(left(ey_text(v), 1)) || replace(lower(substr(ey_text(v), 2)), ' - s', ' - S') end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const f of functions) await sql.raw(f).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const f of functions.reverse()) {
    const name = /create function (\w+)\(([^)]*)\)/.exec(f)!;
    await sql.raw(`drop function ${name[1]}(${name[2]!.replace(/\bv\b|\bp\b/g, '')})`).execute(db);
  }
}
