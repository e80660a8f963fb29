import { sql, type Kysely } from 'kysely';
import { copyRows } from '../../db/copy.js';
import type { DB } from '../../db/types.js';
import type { ReadResult } from './records.js';

/*
 * Applies one read file to the register in set-based SQL: the file's rows go
 * into temporary staging tables, the differences against what we hold become
 * typed ofsted_changes, then the register is brought up to date. Runs inside
 * the caller's transaction, so a failure anywhere leaves the old data intact.
 * It writes the rows of every local authority in the file (the command-line
 * import of the national file); an upload by a local authority's admin is
 * restricted to that authority before it gets here.
 */

const BATCH = 20_000;

const providerColumns = `urn text, la_code text, name text, provider_type text, provider_subtype text, status text,
  status_date date, registration_date date, registers text, register_combination text, rp_urn text, rp_name text,
  address_line1 text, address_line2 text, address_line3 text, town text, postcode text, ward text, constituency text,
  places numeric, places_estimate numeric, telephone text, redacted boolean, source_hash text`;
const inspectionColumns = `urn text, la_code text, kind text, inspection_date date, inspection_number text, inspection_type text,
  framework text, overall text, enforcement boolean, key_judgements jsonb, report_card jsonb, safeguarding_effective boolean`;
const noticeColumns = `urn text, la_code text, event_type text, event_date date, details text`;

/** Loads rows into a temporary staging table with COPY, in batches so progress can be shown. */
async function stage(tx: Kysely<DB>, table: string, columns: string, rows: readonly object[], onBatch: (n: number) => void) {
  await sql.raw(`create temp table ${table} (${columns}) on commit drop`).execute(tx);
  const names = columns.split(',').map((c) => c.trim().split(/\s+/)[0]!);
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.executeQuery(copyRows(table, names, rows.slice(i, i + BATCH) as Record<string, unknown>[]));
    onBatch(Math.min(rows.length, i + BATCH));
  }
}

export interface ApplyOptions {
  importId: string;
  asAt: string;
  now: Date;
  /** test hook: called before the register is changed, to prove a crash changes nothing */
  beforeApply?: () => Promise<void> | void;
  /** benchmark hook: how long each step took */
  onStep?: (step: string, ms: number) => void;
}

/** Stages records read in TypeScript (the XML extract) into the same tables the CSV path fills in SQL. */
export async function stageRecords(tx: Kysely<DB>, read: ReadResult, onProgress?: (done: number, total: number) => void): Promise<void> {
  const total = read.providers.length + read.inspections.length + read.notices.length;
  let staged = 0;
  const progress = (n: number) => onProgress?.(staged + n, total);
  await stage(tx, 's_providers', providerColumns, read.providers.map((p) => ({ ...p, registers: p.registers.join(',') })), progress);
  staged += read.providers.length;
  await stage(tx, 's_inspections', inspectionColumns, read.inspections, progress);
  staged += read.inspections.length;
  await stage(tx, 's_notices', noticeColumns, read.notices, progress);
  await stage(
    tx,
    's_rejections',
    'row_number bigint, column_name text, reason text, urn text, la_code text',
    read.rejections.map((r) => ({ row_number: r.rowNumber, column_name: r.column, reason: r.reason, urn: r.urn, la_code: r.laCode })),
    () => undefined,
  );
  await sql`create temp table s_unchanged (line bigint, urn text, la_code text) on commit drop`.execute(tx);
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

  // A local authority we have never imported before is a baseline: its changes are history, not news.
  await sql`create temp table s_baseline on commit drop as
    select la_code, not exists (select 1 from providers p where p.la_code = s.la_code) as baseline
    from (select la_code from s_providers union select la_code from s_unchanged) s`.execute(tx);
  step('baseline');

  // Providers whose details this file may change: it must not be older than what set them.
  await sql`create temp table s_current on commit drop as
    select s.urn from s_providers s join providers p on p.urn = s.urn
    where p.source_date is null or p.source_date <= ${asAt}::date`.execute(tx);
  step('current');

  await sql`
    insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, to_value, details, baseline)
    select s.la_code, s.urn, ${importId}::uuid, 'new_registration', ${now}, s.registration_date, s.status,
           jsonb_build_object('name', s.name, 'provider_type', s.provider_type), b.baseline
    from s_providers s join s_baseline b on b.la_code = s.la_code
    where not exists (select 1 from providers p where p.urn = s.urn)`.execute(tx);
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
        'address', case when (s.address_line1, s.address_line2, s.address_line3, s.town)
                        is distinct from (p.address_line1, p.address_line2, p.address_line3, p.town)
                   then jsonb_build_array(concat_ws(', ', p.address_line1, p.address_line2, p.address_line3, p.town),
                                          concat_ws(', ', s.address_line1, s.address_line2, s.address_line3, s.town)) end,
        'postcode', case when s.postcode is distinct from p.postcode then jsonb_build_array(p.postcode, s.postcode) end,
        'places', case when s.places is distinct from p.places then jsonb_build_array(p.places, s.places) end,
        'registers', case when string_to_array(nullif(s.registers, ''), ',') is distinct from p.registers
                     and not (s.registers = '' and p.registers = '{}')
                     then jsonb_build_array(array_to_string(p.registers, ', '), replace(s.registers, ',', ', ')) end
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
                              'report_card', i.report_card, 'safeguarding_effective', i.safeguarding_effective,
                              'enforcement', i.enforcement)
    from s_inspections i
    join providers p on p.urn = i.urn
    left join lateral (
      select e.overall, e.inspection_date, e.framework from inspections e
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

  await sql`
    insert into providers (urn, la_code, name, provider_type, provider_subtype, status, status_date, registration_date, registers,
      register_combination, rp_urn, rp_name, address_line1, address_line2, address_line3, town, postcode, ward, constituency,
      places, places_estimate, telephone, redacted, source_hash, source_date, created_at, updated_at)
    select urn, la_code, name, provider_type, provider_subtype, status, status_date, registration_date,
      coalesce(string_to_array(nullif(registers, ''), ','), '{}'), register_combination, rp_urn, rp_name, address_line1,
      address_line2, address_line3, town, postcode, ward, constituency, places::integer, places_estimate, telephone, redacted,
      source_hash, ${asAt}::date, ${now}, ${now}
    from s_providers
    on conflict (urn) do update set
      la_code = excluded.la_code, name = excluded.name, provider_type = excluded.provider_type,
      provider_subtype = coalesce(excluded.provider_subtype, providers.provider_subtype), status = excluded.status,
      status_date = coalesce(excluded.status_date, providers.status_date),
      registration_date = coalesce(excluded.registration_date, providers.registration_date), registers = excluded.registers,
      register_combination = excluded.register_combination, rp_urn = coalesce(excluded.rp_urn, providers.rp_urn),
      rp_name = coalesce(excluded.rp_name, providers.rp_name), address_line1 = excluded.address_line1,
      address_line2 = excluded.address_line2, address_line3 = excluded.address_line3, town = excluded.town,
      postcode = excluded.postcode, ward = coalesce(excluded.ward, providers.ward),
      constituency = coalesce(excluded.constituency, providers.constituency), places = excluded.places,
      places_estimate = excluded.places_estimate, telephone = excluded.telephone, redacted = excluded.redacted,
      source_hash = excluded.source_hash, source_date = excluded.source_date, updated_at = excluded.updated_at
    where (providers.source_date is null or providers.source_date <= excluded.source_date)
      and (providers.la_code, providers.name, providers.provider_type, providers.provider_subtype, providers.status,
           providers.status_date, providers.registration_date, providers.registers, providers.register_combination,
           providers.rp_urn, providers.rp_name, providers.address_line1, providers.address_line2, providers.address_line3,
           providers.town, providers.postcode, providers.ward, providers.constituency, providers.places,
           providers.places_estimate, providers.telephone, providers.redacted, providers.source_hash, providers.source_date)
      is distinct from
          (excluded.la_code, excluded.name, excluded.provider_type, coalesce(excluded.provider_subtype, providers.provider_subtype),
           excluded.status, coalesce(excluded.status_date, providers.status_date),
           coalesce(excluded.registration_date, providers.registration_date), excluded.registers, excluded.register_combination,
           coalesce(excluded.rp_urn, providers.rp_urn), coalesce(excluded.rp_name, providers.rp_name), excluded.address_line1,
           excluded.address_line2, excluded.address_line3, excluded.town, excluded.postcode,
           coalesce(excluded.ward, providers.ward), coalesce(excluded.constituency, providers.constituency), excluded.places,
           excluded.places_estimate, excluded.telephone, excluded.redacted, excluded.source_hash, excluded.source_date)`.execute(tx);

  // Rows set aside as identical still tell us the provider is current as at this file's date.
  await sql`update providers p set source_date = ${asAt}::date
    from s_unchanged u where p.urn = u.urn and p.source_date < ${asAt}::date`.execute(tx);
  step('upsert providers');

  await sql`
    insert into inspections (la_code, urn, kind, inspection_date, inspection_number, inspection_type, framework, overall,
      enforcement, key_judgements, report_card, safeguarding_effective, import_id)
    select la_code, urn, kind, inspection_date, inspection_number, inspection_type, framework, overall,
      coalesce(enforcement, false), key_judgements, report_card, safeguarding_effective, ${importId}::uuid
    from s_inspections
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
    join (select la_code, count(*) as c from (select la_code from s_providers union all select la_code from s_unchanged) a
          group by la_code) st on st.la_code = b.la_code
    left join (select la_code, count(*) as c from ofsted_changes where import_id = ${importId}::uuid
               and change_type = 'new_registration' group by la_code) n on n.la_code = b.la_code
    left join (select la_code, count(distinct urn) as c from ofsted_changes where import_id = ${importId}::uuid
               and change_type <> 'new_registration' group by la_code) ch on ch.la_code = b.la_code`.execute(tx);
  step('counts');
}
