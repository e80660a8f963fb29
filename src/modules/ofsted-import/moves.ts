import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/*
 * Providers and local authorities (issue 17.1, ADR 0013). A local authority's own upload touches
 * only its own providers and new ones: a row for a provider another authority holds is rejected and
 * nothing of that authority changes, whatever the row's "Local authority" says. A provider moves to
 * another local authority only through the national data (an import not restricted to one
 * authority), as a change record both authorities see.
 */

/** Where a foreign row is in the file (CSV line or XML registration), for its rejection. */
export type RowOf = (urns: readonly string[]) => ReadonlyMap<string, number>;

/** Removes from the staged file the rows of providers another local authority holds, rejecting each; returns how many. */
export async function rejectOtherAuthorities(tx: Kysely<DB>, laCode: string, rowOf: RowOf | undefined): Promise<number> {
  const foreign = await sql<{ urn: string; held: string; file_la: string }>`
    select s.urn, h.name as held, f.name as file_la from s_providers s
    join providers p on p.urn = s.urn join local_authorities h on h.la_code = p.la_code
    join local_authorities f on f.la_code = ${laCode}
    where p.la_code <> ${laCode} order by s.urn`.execute(tx);
  if (!foreign.rows.length) return 0;
  const urns = foreign.rows.map((r) => r.urn);
  const rows = rowOf?.(urns) ?? new Map<string, number>();
  const rejections = foreign.rows.map((r) => {
    const reason = `URN ${r.urn} is a provider of ${r.held} in EY Hub, not of ${r.file_la}: this row was not imported and nothing of ${r.held}'s was changed. A provider moves to another local authority only through Ofsted's national data.`;
    return sql`(${rows.get(r.urn) ?? 0}::int, 'Local authority', ${reason}, ${r.urn}, ${laCode})`;
  });
  await sql`insert into s_rejections (row_number, column_name, reason, urn, la_code) values ${sql.join(rejections)}`.execute(tx);
  const list = sql.join(urns.map((u) => sql`${u}`));
  await sql`delete from s_providers where urn in (${list})`.execute(tx);
  await sql`delete from s_inspections where urn in (${list})`.execute(tx);
  await sql`delete from s_notices where urn in (${list})`.execute(tx);
  await sql`update s_la_rows set providers = providers - ${urns.length} where la_code = ${laCode}`.execute(tx);
  return urns.length;
}

/**
 * Records each provider the national data places in another local authority than EY Hub holds it
 * in: one "moved to another local authority" row for the authority it left (which no longer holds
 * it, so the row is how its staff learn of it) and one for the authority it joined. Returns how many moved.
 */
export async function recordMoves(tx: Kysely<DB>, importId: string, asAt: string, now: Date): Promise<number> {
  await sql`create temp table s_moves on commit drop as
    select s.urn, p.la_code as from_la, s.la_code as to_la from s_providers s
    join s_current c on c.urn = s.urn join providers p on p.urn = s.urn where p.la_code <> s.la_code`.execute(tx);
  const moved = await sql<{ n: number }>`
    with inserted as (
      insert into ofsted_changes (la_code, urn, import_id, change_type, detected_at, event_date, from_value, to_value, details)
      select side.la_code, m.urn, ${importId}::uuid, 'moved_la', ${now}, ${asAt}::date, m.from_la, m.to_la,
             jsonb_build_object('from', f.name, 'to', t.name, 'side', side.side)
      from s_moves m join local_authorities f on f.la_code = m.from_la join local_authorities t on t.la_code = m.to_la
      cross join lateral (values (m.from_la, 'left'), (m.to_la, 'joined')) side (la_code, side)
      returning 1)
    select (count(*) / 2)::int as n from inserted`.execute(tx);
  return moved.rows[0]?.n ?? 0;
}

/** Ofsted's facts about a moved provider (its inspections and notices) go with it; casework stays (ADR 0013). */
export async function moveOfstedFacts(tx: Kysely<DB>): Promise<void> {
  await sql`update inspections i set la_code = m.to_la from s_moves m where i.urn = m.urn and i.la_code <> m.to_la and i.source = 'ofsted'`.execute(tx);
  await sql`update enforcement_events e set la_code = m.to_la from s_moves m where e.urn = m.urn and e.la_code <> m.to_la and e.source = 'ofsted'`.execute(tx);
}
