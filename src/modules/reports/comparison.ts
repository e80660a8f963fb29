import { sql, type RawBuilder } from 'kysely';
import type { TenantDb } from '../../db/tenant.js';
import { percent } from '../../platform/report-figures.js';
import { referenceFile } from './reference.js';
import { reportSettings } from './repository.js';

/*
 * The comparison with England, the region and the statistical neighbours, from the national file
 * kept as reference data, by Ofsted's method (ADR 0022): providers on the Early Years Register,
 * registered at the file's date, whose most recent full inspection gave a judgement; the share
 * judged Good or Outstanding. Met / Not met (no children on roll) are not judgements.
 */

export interface ComparisonRow {
  key: 'la' | 'neighbours' | 'region' | 'england';
  label: string;
  judged: number;
  good: number;
  percent: number | null;
  childminders: number | null;
  nonDomestic: number | null;
}

export interface Comparison {
  file: { fileName: string; asAt: string; rows: number } | null;
  rows: ComparisonRow[];
  neighbours: string[];
}

const GRADED = sql.join(['outstanding', 'good', 'requires_improvement', 'inadequate', 'satisfactory']);
const GOOD = sql.join(['outstanding', 'good']);

const counts = new Map<string, Comparison>();

export async function englandComparison(tenant: TenantDb): Promise<Comparison> {
  const la = tenant.scope.laCode;
  return tenant.forJob(async (db) => {
    const [file, settings, me] = await Promise.all([
      referenceFile(db),
      reportSettings(tenant),
      db.selectFrom('local_authorities').select(['name', 'region']).where('la_code', '=', la).executeTakeFirst(),
    ]);
    const neighbourNames = settings.neighbours.length
      ? (await db.selectFrom('local_authorities').select('name').where('la_code', 'in', settings.neighbours).orderBy('name').execute()).map((r) => r.name)
      : [];
    if (!file) return { file: null, rows: [], neighbours: neighbourNames };
    // a reference file never changes (a new import is a new file): its counts are kept by file, authority and neighbours
    const key = `${file.id}|${la}|${settings.neighbours.join(',')}`;
    const known = counts.get(key);
    if (known) return { ...known, neighbours: neighbourNames };
    // one pass over the file's judged providers, counting each area at once
    const area: Record<ComparisonRow['key'], RawBuilder<unknown>> = {
      england: sql`true`,
      region: sql`r.region = ${me?.region ?? ''}`,
      neighbours: sql`r.area_code = any(${settings.neighbours}::text[])`,
      la: sql`r.area_code = ${la}`,
    };
    const keys: ComparisonRow['key'][] = settings.neighbours.length ? ['la', 'neighbours', 'region', 'england'] : ['la', 'region', 'england'];
    const { rows: counted } = await sql<Record<string, number | string | null>>`
      select r.provider_type as type, ${sql.join(keys.map((k) => sql`(count(*) filter (where ${area[k]}))::int as ${sql.ref(`${k}_n`)}, (count(*) filter (where ${area[k]} and r.overall in (${GOOD})))::int as ${sql.ref(`${k}_good`)}`))}
      from reference_providers r
      where r.file_id = ${file.id} and r.on_eyr and r.overall in (${GRADED})
      group by r.provider_type`.execute(db);
    const rows = counted.flatMap((r) => keys.map((g) => ({ g, type: r.type as string | null, n: Number(r[`${g}_n`]), good: Number(r[`${g}_good`]) })));
    const labels: Record<ComparisonRow['key'], string> = {
      la: `${me?.name ?? la} (in the national file)`,
      neighbours: `Statistical neighbours (${settings.neighbours.length})`,
      region: me?.region ?? 'Region',
      england: 'England',
    };
    const result = {
      file: { fileName: file.file_name, asAt: String(file.as_at).slice(0, 10), rows: file.rows },
      neighbours: neighbourNames,
      rows: keys.map((key) => {
        const of = rows.filter((r) => r.g === key);
        const sum = (pick: (r: (typeof rows)[number]) => boolean) => {
          const x = of.filter(pick);
          return [x.reduce((s, r) => s + r.n, 0), x.reduce((s, r) => s + r.good, 0)] as const;
        };
        const [judged, good] = sum(() => true);
        const share = (type: string) => percent(sum((r) => r.type === type)[1], sum((r) => r.type === type)[0]);
        return { key, label: labels[key], judged, good, percent: percent(good, judged), childminders: share('Childminder'), nonDomestic: share('Childcare on non-domestic premises') };
      }),
    };
    if (counts.size > 500) counts.clear();
    counts.set(key, result);
    return result;
  });
}
