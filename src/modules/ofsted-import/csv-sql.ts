import { CompiledQuery, sql, type Kysely } from 'kysely';
import { copyRows } from '../../db/copy.js';
import type { DB } from '../../db/types.js';
import { keyJudgements, reportCardAreas, type Field } from './columns.js';
import type { CsvPlan } from './csv-reader.js';
import type { LocalAuthorityRow } from './types.js';

/*
 * Reads an Ofsted CSV in the database: the file (from its header down) is
 * COPYed into a staging table of text columns, then every value is checked and
 * normalised in set-based SQL by the ey_* functions (the twins of values.ts).
 * Produces the same staging tables as the XML path: s_providers, s_inspections,
 * s_notices and s_rejections.
 */

type Check = 'date' | 'outcome' | 'number' | 'grade' | 'yesno';
const problemFn: Record<Check, string> = {
  date: 'ey_date_problem',
  outcome: 'ey_outcome_problem',
  number: 'ey_number_problem',
  grade: 'ey_rc_grade_problem',
  yesno: 'ey_yes_no_problem',
};

const checked: [Field, Check][] = [
  ['registrationDate', 'date'],
  ['places', 'number'],
  ['placesEstimate', 'number'],
  ['fullDate', 'date'],
  ['fullOverall', 'outcome'],
  ...keyJudgements.map((k) => [k.field, 'outcome'] as [Field, Check]),
  ['safeguardingEffective', 'yesno'],
  ['rcSafeguarding', 'yesno'],
  ...reportCardAreas.map((a) => [a.field, 'grade'] as [Field, Check]),
  ['secondDate', 'date'],
  ['secondOverall', 'outcome'],
  ['thirdDate', 'date'],
  ['thirdOverall', 'outcome'],
  ['ncorDate', 'date'],
  ['ncorOverall', 'outcome'],
  ['crDate', 'date'],
  ['crOverall', 'outcome'],
  ['agencyDate', 'date'],
  ['agencyOutcome', 'outcome'],
];

export interface CsvStaged {
  rows: number;
  skipped: number;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export async function stageCsv(
  tx: Kysely<DB>,
  plan: CsvPlan,
  laCode: string | null,
  las: readonly LocalAuthorityRow[],
  onStep?: (step: string, ms: number) => void,
): Promise<CsvStaged> {
  let mark = performance.now();
  const step = (label: string) => {
    const now = performance.now();
    onStep?.(`csv: ${label}`, Math.round(now - mark));
    mark = now;
  };
  const { map } = plan;
  const col = (f: Field) => (map.index[f] === undefined ? 'null::text' : `r.c${map.index[f]}`);
  const name = (f: Field) => literal(map.names[f] ?? f);
  const cols = plan.header.map((_, i) => `c${i}`);

  await sql.raw(`create temp table s_raw (line bigint generated always as identity, ${cols.map((c) => `${c} text`).join(', ')}) on commit drop`).execute(tx);
  await tx.executeQuery(CompiledQuery.raw(`copy s_raw (${cols.join(', ')}) from '/dev/blob' with (format csv, header true)`, [plan.body]));
  await sql`analyze s_raw`.execute(tx);
  step('copy');

  // A row identical to the one that last set a provider (same columns, same text) changes nothing
  // (row(...)::text keeps each cell's position and tells an empty cell from a missing one):
  // set it aside, so no work is done on it. This makes re-importing a file cheap.
  const rowHash = `md5(${literal(plan.header.join('\u0001'))} || row(${cols.map((c) => `r.${c}`).join(', ')})::text)`;
  await sql.raw(`create temp table s_unchanged on commit drop as
    select r.line, p.urn, p.la_code from s_raw r
    join providers p on p.urn = upper(btrim(${col('urn')})) and p.source_hash = ${rowHash}
    ${laCode ? `where p.la_code = ${literal(laCode)}` : ''}`).execute(tx);
  await sql`alter table s_unchanged add primary key (line)`.execute(tx);
  step('unchanged rows');

  await sql`create temp table s_la_names (name text, la_code text) on commit drop`.execute(tx);
  const names = las.flatMap((la) => [la.name, la.la_code, ...la.ofsted_names].map((n) => ({ name: n, la_code: la.la_code })));
  await tx.executeQuery(copyRows('s_la_names', ['name', 'la_code'], names));
  await sql`create temp table s_la on commit drop as
    select distinct on (ey_la_key(name)) ey_la_key(name) as key, la_code from s_la_names order by ey_la_key(name), la_code`.execute(tx);
  await sql`alter table s_la add primary key (key)`.execute(tx);
  await sql`analyze s_la`.execute(tx);

  const problems = checked.filter(([f]) => map.index[f] !== undefined);
  // Layer 1 works out each date's parts and each outcome once (offset 0 keeps the planner from
  // inlining it back into every use); layer 2 uses them for values and problems.
  const dateFields = problems.filter(([, c]) => c === 'date').map(([f]) => f);
  const outcomeFields = problems.filter(([, c]) => c === 'outcome').map(([f]) => f);
  const layer1 = [
    `ey_la_key(${col('localAuthority')}) as la_key`,
    ...dateFields.map((f) => `ey_date_parts(${col(f)}) as dp_${f}`),
    ...outcomeFields.map((f) => `ey_outcome(${col(f)}) as o_${f}`),
  ];
  const date = (f: Field) =>
    dateFields.includes(f) ? `case when ey_valid_ymd(r.dp_${f}) then make_date(r.dp_${f}[1], r.dp_${f}[2], r.dp_${f}[3]) end` : 'null::date';
  const outcome = (f: Field) => (outcomeFields.includes(f) ? `r.o_${f}` : 'null::text');
  const problem = (f: Field, check: Check) => {
    if (check === 'date') {
      return `case when ey_blank(${col(f)}) then null when r.dp_${f} is null then '“' || btrim(${col(f)}) || '” is not a date'
        when not ey_valid_ymd(r.dp_${f}) then '“' || btrim(${col(f)}) || '” is not a real date' end`;
    }
    if (check === 'outcome') return `case when r.o_${f} is null and not ey_blank(${col(f)}) then '“' || btrim(${col(f)}) || '” is not an inspection outcome' end`;
    return `${problemFn[check]}(${col(f)})`;
  };
  const problemCols = problems.map(([f, check]) => `${problem(f, check)} as p_${f}`);
  const registers = (code: string, flag: Field) =>
    `case when upper(btrim(coalesce(${col('registerCombination')}, ''))) = 'ALL' or upper(coalesce(${col('registerCombination')}, '')) ~ '\\y${code}\\y' or upper(btrim(coalesce(${col(flag)}, ''))) = 'Y' then '${code}' end`;
  const json = (entries: { field: Field; key: string }[], fn: string) =>
    `nullif(jsonb_strip_nulls(jsonb_build_object(${entries.map((e) => `'${e.key}', ${fn}(${col(e.field)})`).join(', ')})), '{}'::jsonb)`;

  const typedSql = `create temp table s_typed on commit drop as
    select r.line + ${plan.headerLine + 1} as row_number,
      upper(btrim(${col('urn')})) as urn, ey_urn_problem(${col('urn')}) as p_urn,
      la.la_code, ey_text(${col('localAuthority')}) as la_name,
      ey_text(${col('name')}) as name, ey_provider_type(${col('providerType')}) as provider_type,
      ey_text(${col('providerSubtype')}) as provider_subtype, ey_status(${col('status')}) as status,
      null::date as status_date, ${date('registrationDate')} as registration_date,
      array_to_string(array_remove(array[${registers('EYR', 'eyrFlag')}, ${registers('CCR', 'ccrFlag')}, ${registers('VCR', 'vcrFlag')}], null), ',') as registers,
      ey_text(${col('registerCombination')}) as register_combination, ey_text(${col('rpUrn')}) as rp_urn, ey_text(${col('rpName')}) as rp_name,
      ey_text(${col('address1')}) as address_line1, ey_text(${col('address2')}) as address_line2, ey_text(${col('address3')}) as address_line3,
      ey_text(${col('town')}) as town, ey_text(${col('postcode')}) as postcode, ey_text(${col('ward')}) as ward,
      ey_text(${col('constituency')}) as constituency, ey_number(${col('places')}) as places, ey_number(${col('placesEstimate')}) as places_estimate,
      ey_text(${col('telephone')}) as telephone,
      coalesce(upper(btrim(${col('name')})) = 'REDACTED' or upper(btrim(${col('address1')})) = 'REDACTED', false) as redacted,
      ${rowHash} as source_hash,
      ${date('fullDate')} as full_date, ${outcome('fullOverall')} as full_overall, ey_text(${col('fullNumber')}) as full_number,
      coalesce(lower(btrim(${col('fullOverall')})) = 'inadequate 1', false) as full_enforcement,
      ${json(keyJudgements, 'ey_outcome')} as key_judgements,
      ${json(reportCardAreas, 'ey_rc_grade')} as report_card,
      ey_yes_no(${col('safeguardingEffective')}) as safeguarding_effective, ey_yes_no(${col('rcSafeguarding')}) as rc_safeguarding,
      ${date('secondDate')} as second_date, ${outcome('secondOverall')} as second_overall, ey_text(${col('secondNumber')}) as second_number,
      ${date('thirdDate')} as third_date, ${outcome('thirdOverall')} as third_overall, ey_text(${col('thirdNumber')}) as third_number,
      ${date('ncorDate')} as ncor_date, ${outcome('ncorOverall')} as ncor_overall, ey_text(${col('ncorNumber')}) as ncor_number,
      ${date('crDate')} as cr_date, ${outcome('crOverall')} as cr_overall, ey_text(${col('crNumber')}) as cr_number,
      ${date('agencyDate')} as agency_date, ${outcome('agencyOutcome')} as agency_outcome
      ${problemCols.length ? `, ${problemCols.join(', ')}` : ''}
    from (select s_raw.*, ${layer1.join(', ').replace(/\br\./g, 's_raw.')} from s_raw
          where not exists (select 1 from s_unchanged u where u.line = s_raw.line) offset 0) r
    left join s_la la on la.key = r.la_key`;
  await sql.raw(typedSql).execute(tx);
  step('typed');

  const cellProblems = problems.map(([f]) => `(${name(f)}, t.p_${f})`).join(', ');
  await sql`create temp table s_rejections (row_number bigint, column_name text, reason text, urn text, la_code text) on commit drop`.execute(tx);
  await sql.raw(`insert into s_rejections
    select row_number, ${name('urn')}, p_urn, null, la_code from s_typed where p_urn is not null
    union all
    select row_number, ${map.index.localAuthority === undefined ? "'Local authority'" : name('localAuthority')},
           case when la_name is null then 'Local authority is empty' else '“' || la_name || '” is not an English local authority' end, urn, null
    from s_typed where p_urn is null and la_code is null
    ${cellProblems ? `union all select t.row_number, x.column_name, x.reason, t.urn, t.la_code from s_typed t
      cross join lateral (values ${cellProblems}) x(column_name, reason)
      where t.p_urn is null and t.la_code is not null and x.reason is not null` : ''}`).execute(tx);

  step('rejections');
  const noProblems = problems.length ? `and num_nonnulls(${problems.map(([f]) => `p_${f}`).join(', ')}) = 0` : '';
  await sql.raw(`create temp table s_good on commit drop as
    select *, row_number() over w as occurrence, first_value(row_number) over w as first_row
    from s_typed where p_urn is null and la_code is not null ${noProblems}
    window w as (partition by urn order by row_number)`).execute(tx);
  await sql.raw(`insert into s_rejections
    select row_number, ${name('urn')}, 'URN ' || urn || ' appears more than once in the file (first on row ' || first_row || ')', urn, la_code
    from s_good where occurrence > 1`).execute(tx);
  await sql`delete from s_good where occurrence > 1`.execute(tx);
  step('duplicates');

  let skipped = 0;
  if (laCode) {
    const other = await sql<{ n: number }>`select count(*)::int as n from s_good where la_code <> ${laCode}`.execute(tx);
    skipped = other.rows[0]?.n ?? 0;
    await sql`delete from s_good where la_code <> ${laCode}`.execute(tx);
    await sql`delete from s_rejections where la_code is not null and la_code <> ${laCode}`.execute(tx);
    await sql`update s_rejections set la_code = ${laCode} where la_code is null`.execute(tx);
  }

  await sql`create temp table s_providers on commit drop as
    select urn, la_code, name, provider_type, provider_subtype, status, status_date, registration_date, registers,
      register_combination, rp_urn, rp_name, address_line1, address_line2, address_line3, town, postcode, ward, constituency,
      places, places_estimate, telephone, redacted, source_hash
    from s_good`.execute(tx);

  const framework = (date: string, reportCard: string) => `case when ${reportCard} or ${date} >= date '2025-11-10' then 'Report card (renewed framework)'
    when ${date} >= date '2019-09-01' then 'Education inspection framework (EIF)' else 'Earlier framework' end`;
  // One inspection per provider, kind and date: the file may list the same one twice.
  await sql.raw(`create temp table s_inspections on commit drop as
    select distinct on (urn, kind, inspection_date) * from (
    select urn, la_code, 'full'::text as kind, full_date as inspection_date, full_number as inspection_number, null::text as inspection_type,
      ${framework('full_date', 'report_card is not null')} as framework, full_overall as overall, full_enforcement as enforcement,
      key_judgements, report_card, case when report_card is not null then rc_safeguarding else safeguarding_effective end as safeguarding_effective
    from s_good where full_date is not null and (full_overall is not null or report_card is not null)
    union all
    select urn, la_code, 'full', second_date, second_number, null, ${framework('second_date', 'false')}, second_overall, false, null::jsonb, null::jsonb, null::boolean
    from s_good where second_date is not null and second_overall is not null
    union all
    select urn, la_code, 'full', third_date, third_number, null, ${framework('third_date', 'false')}, third_overall, false, null, null, null
    from s_good where third_date is not null and third_overall is not null
    union all
    select urn, la_code, 'ncor', ncor_date, ncor_number, null, 'No children on roll', ncor_overall, false, null, null, null
    from s_good where ncor_date is not null and ncor_overall is not null
    union all
    select urn, la_code, 'ccr', cr_date, cr_number, null, 'Childcare Register', cr_overall, false, null, null, null
    from s_good where cr_date is not null and cr_overall is not null
    union all
    select urn, la_code, 'agency', agency_date, null, null, 'Childminder agency inspection', agency_outcome, false, null, null, null
    from s_good where agency_date is not null and agency_outcome is not null
    ) i order by urn, kind, inspection_date`).execute(tx);
  step('providers and inspections');
  await sql`create temp table s_notices (urn text, la_code text, event_type text, event_date date, details text) on commit drop`.execute(tx);

  const count = await sql<{ n: number }>`select count(*)::int as n from s_raw`.execute(tx);
  return { rows: count.rows[0]?.n ?? 0, skipped };
}
