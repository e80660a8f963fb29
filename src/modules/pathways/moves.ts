import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { deadlineAfter, englandCalendar } from '../../platform/calendar.js';
import { PathwayWrites, saveWrites } from './writes.js';

/*
 * A provider moved to another local authority (ADR 0013). Its casework belongs to the authority
 * that did it and is never carried across or lost: a running pathway is closed, with the reason, by
 * the authority it belonged to (its planned visits withdrawn, its open tasks cancelled; booked
 * visits, notes, audits and funding records stay with that authority); the Senior Improvement
 * Adviser there is told to tell the setting and hand over what is booked; the authority it joined
 * is given a task to decide what support it needs.
 */

export interface Move {
  urn: string;
  fromLa: string;
  fromName: string;
  toLa: string;
  toName: string;
}

export interface RunningCase {
  pathwayId: string;
  kind: string;
  bookedVisits: number;
}

export type HandOver =
  | { type: 'close'; pathwayId: string; laCode: string; outcome: string }
  | { type: 'task'; laCode: string; ruleKey: string; title: string };

/** What a move does to the casework of the authority the provider left ("never silently carried across or lost"). */
export function handOver(move: Move, running: readonly RunningCase[]): HandOver[] {
  if (!running.length) return [];
  const booked = running.reduce((n, r) => n + r.bookedVisits, 0);
  return [
    ...running.map((r): HandOver => ({ type: 'close', pathwayId: r.pathwayId, laCode: move.fromLa, outcome: `Moved to another local authority (${move.toName})` })),
    {
      type: 'task',
      laCode: move.fromLa,
      ruleKey: 'move:left',
      title: `The setting moved to ${move.toName}: its support pathway was closed. Tell the setting${booked ? ` and cancel or hand over ${booked === 1 ? 'its booked visit' : `its ${booked} booked visits`}` : ''}.`,
    },
    {
      type: 'task',
      laCode: move.toLa,
      ruleKey: 'move:arrived',
      title: `Arrived from ${move.fromName}, where it had a support pathway: decide what support it needs.`,
    },
  ];
}

/** Hands over the casework of every provider an import moved, in the import's transaction. */
export async function handOverMovedProviders(db: Kysely<DB>, importId: string, now: Date): Promise<number> {
  const moves = await sql<Move>`
    select c.urn, c.from_value as "fromLa", c.details->>'from' as "fromName", c.to_value as "toLa", c.details->>'to' as "toName"
    from ofsted_changes c where c.import_id = ${importId}::uuid and c.change_type = 'moved_la' and c.details->>'side' = 'joined'`.execute(db);
  if (!moves.rows.length) return 0;
  const running = await sql<RunningCase & { urn: string; laCode: string }>`
    select p.urn, p.la_code as "laCode", p.id as "pathwayId", p.kind,
      (select count(*)::int from visits v where v.pathway_id = p.id and v.status = 'booked') as "bookedVisits"
    from pathways p join ofsted_changes c on c.urn = p.urn and c.la_code = p.la_code
    where c.import_id = ${importId}::uuid and c.change_type = 'moved_la' and c.details->>'side' = 'left' and p.status <> 'closed'`.execute(db);
  const writes = new PathwayWrites();
  const calendar = englandCalendar();
  for (const move of moves.rows) {
    const cases = running.rows.filter((r) => r.urn === move.urn && r.laCode === move.fromLa);
    for (const d of handOver(move, cases)) {
      if (d.type === 'close') writes.close({ id: d.pathwayId, laCode: d.laCode, outcome: d.outcome, at: now, byUser: null });
      else writes.tasks.push(writes.taskRow(d.laCode, move.urn, null, d.ruleKey, d.title, 'manager', null, now, deadlineAfter(now, 5, calendar)));
    }
  }
  await saveWrites(db, writes);
  return writes.closings.length;
}
