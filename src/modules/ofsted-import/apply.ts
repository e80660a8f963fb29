import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { londonDate } from '../../platform/dates.js';
import { detailFields, providerFields, type FieldMode, type ProviderField } from './fields.js';
import { moveOfstedFacts, recordMoves, rejectOtherAuthorities, type RowOf } from './moves.js';

/*
 * Applies one read file to the register in set-based SQL: the file's rows go
 * into temporary staging tables, the differences against what we hold become
 * typed ofsted_changes, then the register is brought up to date. Runs inside
 * the caller's transaction, so a failure anywhere leaves the old data intact.
 * It writes the rows of every local authority in the file (the command-line
 * import of the national file); an upload by a local authority's admin
 * (`laCode`) touches only that authority's providers and new ones (moves.ts).
 * Providers new to EY Hub may already be in the register (the CSV reader
 * writes them straight in; s_loaded lists them): there is nothing to compare
 * them with. Only the fields the file carries are compared and set (fields.ts).
 */

export interface ApplyOptions {
  importId: string;
  asAt: string;
  now: Date;
  /** how this file sets each stored field (fields.ts: fieldModes) */
  fields: Record<ProviderField, FieldMode>;
  /** the local authority whose staff uploaded the file; null for the national data (the command line) */
  laCode: string | null;
  /** where a rejected row is in the file */
  rowOf?: RowOf;
  /** the provider types this kind of file lists (coverage.ts: kindsListed); null: every type */
  kinds?: string[] | null;
  /** test hook: called before the register is changed, to prove a crash changes nothing */
  beforeApply?: () => Promise<void> | void;
  /** benchmark hook: how long each step took */
  onStep?: (step: string, ms: number) => void;
}

export interface Applied {
  /** providers that moved to another local authority */
  moved: number;
  /** rows not applied because EY Hub holds newer data for their providers */
  older: number;
  /** rows of providers another local authority holds (an LA's upload), rejected */
  foreign: number;
}

/** The value a stored field takes from this file (p: the register, s: the staged row). */
export function newValue(fields: Record<ProviderField, FieldMode>, f: ProviderField): string {
  const mode = fields[f];
  return mode === 'keep' ? `p.${f}` : mode === 'fill' ? `coalesce(s.${f}, p.${f})` : `s.${f}`;
}

/** jsonb_build_object arguments: each listed field the file carries, as [held, new] where it differs. */
function detailsChanged(fields: Record<ProviderField, FieldMode>) {
  const withheld = `coalesce(s.address_withheld, p.address_withheld, '') <> ''`;
  const parts = detailFields
    .filter((d) => d.fields.some((f) => fields[f] !== 'keep'))
    .map((d) => {
      const held = d.fields.map((f) => `p.${f}`);
      const next = d.fields.map((f) => newValue(fields, f));
      const shown = (cols: string[]) =>
        d.key === 'registers' ? `array_to_string(${cols[0]}, ', ')` : cols.length > 1 ? `nullif(concat_ws(', ', ${cols.join(', ')}), '')` : cols[0]!;
      const hidden = ['address', 'postcode', 'telephone'].includes(d.key) ? `when ${withheld} then null ` : '';
      return `'${d.key}', case ${hidden}when (${held.join(', ')}) is distinct from (${next.join(', ')}) then jsonb_build_array(${shown(held)}, ${shown(next)}) end`;
    });
  return sql.raw(parts.length ? parts.join(',\n') : `'none', null`);
}

/**
 * s_held: what the register held of the kinds this file lists for each local authority in it, before it
 * (a file with far fewer rows is a warning, or needs a confirmation: coverage.ts). Made once per import.
 */
export async function createHeld(tx: Kysely<DB>, kindsListed: readonly string[] | null): Promise<void> {
  const kinds = kindsListed?.length ? sql`p.provider_type in (${sql.join(kindsListed.map((k) => sql`${k}`))})` : sql`true`;
  await sql`create temp table if not exists s_held on commit drop as
    select p.la_code, count(*)::int as c from providers p
    where p.la_code in (select la_code from s_la_rows) and not exists (select 1 from s_loaded l where l.urn = p.urn)
      and coalesce(p.status, '') !~* '^(resigned|cancelled|refused|inactive|closed)'
      and ${kinds}
    group by p.la_code`.execute(tx);
}

/** Computes the changes between the staged file and the register, then updates the register. */
export async function applyStaged(tx: Kysely<DB>, options: ApplyOptions): Promise<Applied> {
  const { importId, asAt, now, fields } = options;
  let mark = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    options.onStep?.(name, Math.round(t - mark));
    mark = t;
  };
  const foreign = options.laCode ? await rejectOtherAuthorities(tx, options.laCode, options.rowOf) : 0;
  await createHeld(tx, options.kinds ?? null);
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

  // Providers new to EY Hub. A baseline's are not changes: every provider of the local authority would be one.
  // Only a recent registration without an inspection is a new registration (its LA's new_registration_months);
  // the others were registered before EY Hub knew them: "first seen in EY Hub" (issue 16.11).
  await sql`create temp table s_new on commit drop as
    select s.la_code, s.urn from s_providers s where not exists (select 1 from providers p where p.urn = s.urn)`.execute(tx);
  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, to_value, details)
    select a.la_code, a.urn, ${importId}::uuid,
           case when a.registration_date > (${londonDate(now)}::date - make_interval(months => l.new_registration_months))::date
                 and not exists (select 1 from inspections i where i.urn = a.urn and i.kind <> 'registration')
                 and not exists (select 1 from s_inspections i where i.urn = a.urn and i.kind <> 'registration')
                then 'new_registration' else 'first_seen' end,
           ${now}, a.registration_date, a.status, jsonb_build_object('name', a.name, 'provider_type', a.provider_type)
    from (select s.la_code, s.urn, s.registration_date, s.status, s.name, s.provider_type from s_new n join s_providers s on s.urn = n.urn
          union all
          select p.la_code, p.urn, p.registration_date, p.status, p.name, p.provider_type from s_loaded l join providers p on p.urn = l.urn) a
    join s_baseline b on b.la_code = a.la_code and not b.baseline
    join local_authorities l on l.la_code = a.la_code`.execute(tx);
  step('new registrations');

  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, from_value, to_value)
    select s.la_code, s.urn, ${importId}::uuid, 'status_change', ${now}, coalesce(s.status_date, ${asAt}::date), p.status, ${sql.raw(newValue(fields, 'status'))}
    from s_providers s join s_current c on c.urn = s.urn join providers p on p.urn = s.urn
    where ${sql.raw(newValue(fields, 'status'))} is distinct from p.status`.execute(tx);
  step('status changes');

  const moved = options.laCode ? 0 : await recordMoves(tx, importId, asAt, now);
  step('moves');

  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, details)
    select la_code, urn, ${importId}::uuid, 'details_changed', ${now}, ${asAt}::date, changed
    from (
      select s.la_code, s.urn, jsonb_strip_nulls(jsonb_build_object(${detailsChanged(fields)})) as changed
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
                              'enforcement', i.enforcement, 'ccr_requirements', i.ccr_requirements, 'vcr_requirements', i.vcr_requirements)
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
      places, places_estimate, telephone, redacted, address_withheld, source_hash, source_date, region, ofsted_region, deprivation_band,
      secondary_provision_type, childcare_periods, childcare_ages, status_history, created_at, updated_at)
    select s.urn, s.la_code, s.name, s.provider_type, s.provider_subtype, s.status, s.status_date, s.registration_date, s.registers,
      s.register_combination, s.rp_urn, s.rp_name, s.address_line1, s.address_line2, s.address_line3, s.town, s.postcode, s.ward,
      s.constituency, s.places, s.places_estimate, s.telephone, s.redacted, nullif(s.address_withheld, ''), s.source_hash,
      s.source_date, s.region, s.ofsted_region, s.deprivation_band, s.secondary_provision_type, s.childcare_periods,
      s.childcare_ages, s.status_history, ${now}, ${now}
    from s_providers s where not exists (select 1 from providers p where p.urn = s.urn)`.execute(tx);

  // Providers we know: this file's details, unless a newer file set them; what the file does not carry is kept (fields.ts).
  const held = sql.raw(providerFields.map((f) => `p.${f}`).join(', '));
  const next = sql.raw(providerFields.map((f) => newValue(fields, f)).join(', '));
  await sql`
    update providers p set ${sql.raw(providerFields.map((f) => `${f} = ${newValue(fields, f)}`).join(', '))},
      la_code = s.la_code, source_hash = s.source_hash, source_date = s.source_date, updated_at = ${now}
    from s_providers s
    where p.urn = s.urn and (p.source_date is null or p.source_date <= s.source_date)
      and (p.la_code, ${held}, p.source_hash, p.source_date) is distinct from (s.la_code, ${next}, s.source_hash, s.source_date)`.execute(tx);

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
      enforcement, key_judgements, report_card, safeguarding_effective, import_id, ccr_requirements, vcr_requirements)
    select s.id, s.la_code, s.urn, s.kind, s.inspection_date, s.inspection_number, s.inspection_type, s.framework, s.overall,
      coalesce(s.enforcement, false), s.key_judgements, s.report_card, s.safeguarding_effective, s.import_id, s.ccr_requirements, s.vcr_requirements
    from s_inspections s
    where not exists (select 1 from inspections e where e.urn = s.urn and e.kind = s.kind and e.inspection_date = s.inspection_date)
    on conflict (urn, kind, inspection_date) do nothing`.execute(tx);
  // An inspection held from a file without the requirements judgements (or from before EY Hub kept them) gets them:
  // a judgement of a known inspection, not a new outcome.
  await sql`
    update inspections e set ccr_requirements = coalesce(e.ccr_requirements, s.ccr_requirements), vcr_requirements = coalesce(e.vcr_requirements, s.vcr_requirements)
    from s_inspections s
    where e.urn = s.urn and e.kind = s.kind and e.inspection_date = s.inspection_date and e.source = 'ofsted'
      and ((e.ccr_requirements is null and s.ccr_requirements is not null) or (e.vcr_requirements is null and s.vcr_requirements is not null))`.execute(tx);
  step('insert inspections');

  await sql`
    insert into enforcement_events (la_code, urn, event_type, event_date, details, import_id)
    select la_code, urn, event_type, event_date, details, ${importId}::uuid from s_notices
    on conflict (urn, event_type, event_date) do nothing`.execute(tx);
  step('insert notices');
  if (moved) await moveOfstedFacts(tx);

  // Counts for each local authority in the file (and each one a provider left): a row not applied because
  // EY Hub holds newer data is "skipped as older", never "unchanged".
  await sql`
    insert into import_la_counts (import_id, la_code, new_count, changed_count, unchanged_count, rejected_count, baseline,
      older_count, moved_in_count, moved_out_count, held_count)
    select ${importId}::uuid, b.la_code, coalesce(n.c, 0), coalesce(ch.c, 0),
           st.c - coalesce(n.c, 0) - coalesce(ch.c, 0) - coalesce(o.c, 0), 0, b.baseline, coalesce(o.c, 0),
           coalesce(mv.joined, 0), coalesce(mv.left_, 0), coalesce(h.c, 0)
    from s_baseline b
    left join s_held h on h.la_code = b.la_code
    join (select la_code, sum(providers) as c from s_la_rows group by la_code) st on st.la_code = b.la_code
    left join (select la_code, count(*) as c from (select la_code from s_new union all select la_code from s_loaded) a
               group by la_code) n on n.la_code = b.la_code
    left join (select la_code, count(distinct urn) as c from ofsted_changes where import_id = ${importId}::uuid
               and change_type not in ('new_registration', 'first_seen') and coalesce(details->>'side', '') <> 'left'
               group by la_code) ch on ch.la_code = b.la_code
    left join (select s.la_code, count(*) as c from s_providers s join providers p on p.urn = s.urn
               where p.source_date > ${asAt}::date group by s.la_code) o on o.la_code = b.la_code
    left join (select la_code, count(*) filter (where details->>'side' = 'joined') as joined,
                      count(*) filter (where details->>'side' = 'left') as left_
               from ofsted_changes where import_id = ${importId}::uuid and change_type = 'moved_la' group by la_code) mv on mv.la_code = b.la_code`.execute(tx);
  // an authority a provider left that has no rows in this file still has the move in its import history
  await sql`
    insert into import_la_counts (import_id, la_code, new_count, changed_count, unchanged_count, rejected_count, baseline, moved_out_count)
    select ${importId}::uuid, la_code, 0, 0, 0, 0, false, count(*) from ofsted_changes
    where import_id = ${importId}::uuid and change_type = 'moved_la' and details->>'side' = 'left'
      and la_code not in (select la_code from s_baseline)
    group by la_code`.execute(tx);
  const older = await sql<{ n: number }>`select coalesce(sum(older_count), 0)::int as n from import_la_counts where import_id = ${importId}::uuid`.execute(tx);
  step('counts');
  return { moved, older: older.rows[0]?.n ?? 0, foreign };
}
