import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/*
 * Applies one read file to the register in set-based SQL: the file's rows go
 * into temporary staging tables, the differences against what we hold become
 * typed ofsted_changes, then the register is brought up to date. Runs inside
 * the caller's transaction, so a failure anywhere leaves the old data intact.
 * It writes the rows of every local authority in the file (the command-line
 * import of the national file); an upload by a local authority's admin is
 * restricted to that authority before it gets here. Providers new to EY Hub
 * may already be in the register (the CSV reader writes them straight in;
 * s_loaded lists them): there is nothing to compare them with.
 */

export interface ApplyOptions {
  importId: string;
  asAt: string;
  now: Date;
  /** test hook: called before the register is changed, to prove a crash changes nothing */
  beforeApply?: () => Promise<void> | void;
  /** benchmark hook: how long each step took */
  onStep?: (step: string, ms: number) => void;
}

/** Computes the changes between the staged file and the register, then updates the register. */
export async function applyStaged(tx: Kysely<DB>, options: ApplyOptions): Promise<void> {
  const { importId, asAt, now } = options;
  let mark = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    options.onStep?.(name, Math.round(t - mark));
    mark = t;
  };
  await sql`create index on s_providers (urn)`.execute(tx);
  await sql`create index on s_inspections (urn, kind, inspection_date)`.execute(tx);
  await sql`analyze s_providers`.execute(tx);
  await sql`analyze s_inspections`.execute(tx);
  step('stage and analyse');

  // A local authority that had no providers before this file is a baseline: its changes are history, not news.
  await sql`create temp table s_baseline on commit drop as
    select la_code, la_code not in (select la_code from s_known_las) as baseline from s_la_rows`.execute(tx);
  step('baseline');

  // Providers whose details this file may change: it must not be older than what set them.
  await sql`create temp table s_current on commit drop as
    select s.urn from s_providers s join providers p on p.urn = s.urn
    where p.source_date is null or p.source_date <= ${asAt}::date`.execute(tx);
  step('current');

  // New registrations. A baseline's are not changes: every provider of the local authority would be one.
  await sql`create temp table s_new on commit drop as
    select s.la_code, s.urn from s_providers s where not exists (select 1 from providers p where p.urn = s.urn)`.execute(tx);
  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, to_value, details)
    select s.la_code, s.urn, ${importId}::uuid, 'new_registration', ${now}, s.registration_date, s.status,
           jsonb_build_object('name', s.name, 'provider_type', s.provider_type)
    from s_new n join s_baseline b on b.la_code = n.la_code and not b.baseline join s_providers s on s.urn = n.urn`.execute(tx);
  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, to_value, details)
    select p.la_code, p.urn, ${importId}::uuid, 'new_registration', ${now}, p.registration_date, p.status,
           jsonb_build_object('name', p.name, 'provider_type', p.provider_type)
    from s_loaded l join s_baseline b on b.la_code = l.la_code and not b.baseline join providers p on p.urn = l.urn`.execute(tx);
  step('new registrations');

  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, from_value, to_value)
    select s.la_code, s.urn, ${importId}::uuid, 'status_change', ${now}, coalesce(s.status_date, ${asAt}::date), p.status, s.status
    from s_providers s join s_current c on c.urn = s.urn join providers p on p.urn = s.urn
    where s.status is distinct from p.status`.execute(tx);
  step('status changes');

  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, details)
    select la_code, urn, ${importId}::uuid, 'details_changed', ${now}, ${asAt}::date, changed
    from (
      select s.la_code, s.urn, jsonb_strip_nulls(jsonb_build_object(
        'name', case when s.name is distinct from p.name then jsonb_build_array(p.name, s.name) end,
        'address', case when coalesce(s.address_withheld, p.address_withheld, '') <> '' then null
                        when (s.address_line1, s.address_line2, s.address_line3, s.town)
                        is distinct from (p.address_line1, p.address_line2, p.address_line3, p.town)
                   then jsonb_build_array(concat_ws(', ', p.address_line1, p.address_line2, p.address_line3, p.town),
                                          concat_ws(', ', s.address_line1, s.address_line2, s.address_line3, s.town)) end,
        'postcode', case when coalesce(s.address_withheld, p.address_withheld, '') <> '' then null
                         when s.postcode is distinct from p.postcode then jsonb_build_array(p.postcode, s.postcode) end,
        'places', case when s.places is distinct from p.places then jsonb_build_array(p.places, s.places) end,
        'registers', case when s.registers is distinct from p.registers
                     then jsonb_build_array(array_to_string(p.registers, ', '), array_to_string(s.registers, ', ')) end
      )) as changed
      from s_providers s join s_current c on c.urn = s.urn join providers p on p.urn = s.urn
    ) d
    where changed <> '{}'::jsonb`.execute(tx);
  step('details changed');

  // A new outcome: an inspection we did not know, newer than the latest we knew of its kind (one per provider and kind).
  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, framework, from_value, to_value, details)
    select i.la_code, i.urn, ${importId}::uuid, 'new_inspection_outcome', ${now}, i.inspection_date, i.framework,
           prev.overall, coalesce(i.overall, 'report card'),
           jsonb_build_object('kind', i.kind, 'previous_date', prev.inspection_date, 'previous_framework', prev.framework,
                              'previous_report_card', prev.report_card, 'report_card', i.report_card, 'safeguarding_effective', i.safeguarding_effective,
                              'enforcement', i.enforcement)
    from s_inspections i
    join providers p on p.urn = i.urn
    left join lateral (
      select e.overall, e.inspection_date, e.framework, e.report_card from inspections e
      where e.urn = i.urn and e.kind = i.kind order by e.inspection_date desc limit 1
    ) prev on true
    where (prev.inspection_date is null or i.inspection_date > prev.inspection_date)
      and i.inspection_date = (select max(i2.inspection_date) from s_inspections i2 where i2.urn = i.urn and i2.kind = i.kind)`.execute(tx);
  step('new outcomes');

  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, to_value, details)
    select n.la_code, n.urn, ${importId}::uuid, 'enforcement', ${now}, n.event_date, n.event_type, jsonb_build_object('details', n.details)
    from s_notices n join providers p on p.urn = n.urn
    where not exists (select 1 from enforcement_events e where e.urn = n.urn and e.event_type = n.event_type and e.event_date = n.event_date)`.execute(tx);
  step('enforcement changes');

  await options.beforeApply?.();
  step('before apply');

  // Providers new to EY Hub (read from the XML extract); the CSV reader has written its new ones already.
  await sql`
    insert into providers (urn, la_code, name, provider_type, provider_subtype, status, status_date, registration_date, registers,
      register_combination, rp_urn, rp_name, address_line1, address_line2, address_line3, town, postcode, ward, constituency,
      places, places_estimate, telephone, redacted, address_withheld, source_hash, source_date, created_at, updated_at)
    select s.urn, s.la_code, s.name, s.provider_type, s.provider_subtype, s.status, s.status_date, s.registration_date, s.registers,
      s.register_combination, s.rp_urn, s.rp_name, s.address_line1, s.address_line2, s.address_line3, s.town, s.postcode, s.ward,
      s.constituency, s.places, s.places_estimate, s.telephone, s.redacted, nullif(s.address_withheld, ''), s.source_hash,
      s.source_date, ${now}, ${now}
    from s_providers s where not exists (select 1 from providers p where p.urn = s.urn)`.execute(tx);

  // Providers we know: this file's details, unless an newer file set them; what the file leaves blank is kept.
  await sql`
    update providers p set
      la_code = s.la_code, name = s.name, provider_type = s.provider_type,
      provider_subtype = coalesce(s.provider_subtype, p.provider_subtype), status = s.status,
      status_date = coalesce(s.status_date, p.status_date), registration_date = coalesce(s.registration_date, p.registration_date),
      registers = s.registers, register_combination = s.register_combination, rp_urn = coalesce(s.rp_urn, p.rp_urn),
      rp_name = coalesce(s.rp_name, p.rp_name), address_line1 = s.address_line1, address_line2 = s.address_line2,
      address_line3 = s.address_line3, town = s.town, postcode = s.postcode, ward = coalesce(s.ward, p.ward),
      constituency = coalesce(s.constituency, p.constituency), places = s.places, places_estimate = s.places_estimate,
      telephone = s.telephone, redacted = s.redacted, source_hash = s.source_hash, source_date = s.source_date, updated_at = ${now}
    from s_providers s
    where p.urn = s.urn and (p.source_date is null or p.source_date <= s.source_date)
      and (p.la_code, p.name, p.provider_type, p.provider_subtype, p.status, p.status_date, p.registration_date, p.registers,
           p.register_combination, p.rp_urn, p.rp_name, p.address_line1, p.address_line2, p.address_line3, p.town, p.postcode,
           p.ward, p.constituency, p.places, p.places_estimate, p.telephone, p.redacted, p.source_hash, p.source_date)
      is distinct from
          (s.la_code, s.name, s.provider_type, coalesce(s.provider_subtype, p.provider_subtype), s.status,
           coalesce(s.status_date, p.status_date), coalesce(s.registration_date, p.registration_date), s.registers,
           s.register_combination, coalesce(s.rp_urn, p.rp_urn), coalesce(s.rp_name, p.rp_name), s.address_line1,
           s.address_line2, s.address_line3, s.town, s.postcode, coalesce(s.ward, p.ward), coalesce(s.constituency, p.constituency),
           s.places, s.places_estimate, s.telephone, s.redacted, s.source_hash, s.source_date)`.execute(tx);

  // An address Ofsted says must not be shown (LA extract) is not kept, whatever a file without that flag (the CSVs) says.
  await sql`
    update providers p set address_withheld = nullif(s.address_withheld, '')
    from s_providers s
    where p.urn = s.urn and s.address_withheld is not null and (p.source_date is null or p.source_date <= s.source_date)
      and p.address_withheld is distinct from nullif(s.address_withheld, '')`.execute(tx);
  await sql`
    update providers p set address_line1 = null, address_line2 = null, address_line3 = null, town = null, postcode = null, telephone = null
    where p.address_withheld is not null and p.urn in (select urn from s_providers)
      and (p.address_line1, p.address_line2, p.address_line3, p.town, p.postcode, p.telephone) is distinct from (null, null, null, null, null, null)`.execute(tx);

  // Rows set aside as identical still tell us the provider is current as at this file's date.
  await sql`update providers p set source_date = ${asAt}::date
    from s_unchanged u where p.urn = u.urn and p.source_date < ${asAt}::date`.execute(tx);
  step('upsert providers');

  // Facts are never duplicated: one inspection per provider, kind and date.
  await sql`
    insert into inspections (id, la_code, urn, kind, inspection_date, inspection_number, inspection_type, framework, overall,
      enforcement, key_judgements, report_card, safeguarding_effective, import_id)
    select s.id, s.la_code, s.urn, s.kind, s.inspection_date, s.inspection_number, s.inspection_type, s.framework, s.overall,
      coalesce(s.enforcement, false), s.key_judgements, s.report_card, s.safeguarding_effective, s.import_id
    from s_inspections s
    where not exists (select 1 from inspections e where e.urn = s.urn and e.kind = s.kind and e.inspection_date = s.inspection_date)
    on conflict (urn, kind, inspection_date) do nothing`.execute(tx);
  step('insert inspections');

  await sql`
    insert into enforcement_events (la_code, urn, event_type, event_date, details, import_id)
    select la_code, urn, event_type, event_date, details, ${importId}::uuid from s_notices
    on conflict (urn, event_type, event_date) do nothing`.execute(tx);
  step('insert notices');



  await sql`
    insert into import_la_counts (import_id, la_code, new_count, changed_count, unchanged_count, rejected_count, baseline)
    select ${importId}::uuid, b.la_code, coalesce(n.c, 0), coalesce(ch.c, 0),
           st.c - coalesce(n.c, 0) - coalesce(ch.c, 0), 0, b.baseline
    from s_baseline b
    join (select la_code, sum(providers) as c from s_la_rows group by la_code) st on st.la_code = b.la_code
    left join (select la_code, count(*) as c from (select la_code from s_new union all select la_code from s_loaded) a
               group by la_code) n on n.la_code = b.la_code
    left join (select la_code, count(distinct urn) as c from ofsted_changes where import_id = ${importId}::uuid
               and change_type <> 'new_registration' group by la_code) ch on ch.la_code = b.la_code`.execute(tx);
  step('counts');
}
